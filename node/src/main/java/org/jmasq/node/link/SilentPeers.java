package org.jmasq.node.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jmasq.crypto.PublicKey;

/**
 * The Nodes whose links closed because they went silent, which this Node does not dial for a while.
 * A silent peer's host is usually cut off, so a dial to it waits out the whole connect timeout; the
 * Neighborhood's Gossip to it and the Hopper's packages for it would each wait that long, one after
 * another, and hold back the Gossip that tells everyone else the Node is gone. A link the peer
 * opens itself is welcome at once.
 *
 * <p>Threading: safe for any thread.
 */
final class SilentPeers {
  /**
   * Long enough for the news of the lost link to reach the network, so that only Gossip to the lost
   * Node itself still tries it; short enough that a Node back on the network is dialled again soon.
   */
  static final Duration QUIET = Duration.ofSeconds(60);

  private final InstantSource clock;
  private final Map<ByteBuffer, Instant> since = new ConcurrentHashMap<>();

  SilentPeers(InstantSource clock) {
    this.clock = clock;
  }

  /**
   * The most peers remembered: a peer that dials in with a fresh key and goes silent costs an
   * entry, and entries otherwise leave only when their peer is heard from or dialled again.
   */
  static final int MAX_REMEMBERED = 1024;

  /**
   * Notes a closed link's peer if the link closed because the peer went silent; forgets the peers
   * whose quiet time is over, and notes none while {@link #MAX_REMEMBERED} are still quiet.
   */
  void closed(Link link) {
    if (link.wentSilent) {
      Instant now = clock.instant();
      since.values().removeIf(t -> Duration.between(t, now).compareTo(QUIET) >= 0);
      if (since.size() < MAX_REMEMBERED) {
        since.put(id(link.peer), now);
      }
    }
  }

  /** Every peer may be dialled again: their silence may have been this Node's own doing. */
  void forgetAll() {
    since.clear();
  }

  void heardFrom(PublicKey peer) {
    since.remove(id(peer));
  }

  /**
   * @throws IOException when {@code peer}'s link went silent less than {@link #QUIET} ago
   */
  void checkDial(PublicKey peer) throws IOException {
    Instant silent = since.get(id(peer));
    if (silent == null) {
      return;
    }
    Duration ago = Duration.between(silent, clock.instant());
    if (ago.compareTo(QUIET) >= 0) {
      since.remove(id(peer), silent);
      return;
    }
    throw new IOException(
        "the link to "
            + peer
            + " went silent "
            + ago.toSeconds()
            + " s ago; not dialled again before "
            + QUIET.toSeconds()
            + " s");
  }

  private static ByteBuffer id(PublicKey key) {
    return ByteBuffer.wrap(key.encryptionKey());
  }
}
