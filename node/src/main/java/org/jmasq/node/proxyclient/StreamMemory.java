package org.jmasq.node.proxyclient;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.jmasq.payload.StreamKey;

/**
 * The streams this exit has served: every open one, and each closed one for {@link #MEMORY} after
 * it closed, so that a request sent again (a replayed request #0 above all) never opens a closed
 * stream a second time. The Hopper's replay memory drops the same package sent again for 5 minutes;
 * this remembers the stream itself for longer, by a digest of its name.
 *
 * <p>Bounded: at most {@value #CAPACITY} streams, open and remembered together, and a quarter of
 * them for one payer. While full, a new stream takes the place of the oldest closed stream of the
 * payer holding the most (never its own payer's); one that still would not fit is refused before it
 * opens: a closed stream forgotten early could be opened again by a replay. Thread-safe; the lock
 * is held for map work.
 */
final class StreamMemory {
  static final int CAPACITY = 65_536;
  static final int PER_PAYER = CAPACITY / 4;
  static final Duration MEMORY = Duration.ofMinutes(10);

  /**
   * A stream as the exit names it, the originator's alias key and the stream key, digested: a
   * closed stream is remembered in 16 bytes rather than in its two keys.
   */
  record Id(long high, long low) {
    static Id of(PublicKey originator, StreamKey key) {
      try {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(originator.bytes());
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest(key.bytes()));
        return new Id(digest.getLong(), digest.getLong());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JDK", e);
      }
    }
  }

  private record Closed(Optional<Wallet> payer, Instant at) {}

  private final InstantSource clock;
  private final int capacity;
  private final int perPayer;

  /** Closed streams, oldest first: their expiry follows the order they closed in. */
  private final LinkedHashMap<Id, Closed> closed = new LinkedHashMap<>();

  private final Map<Wallet, Integer> byPayer = new HashMap<>();
  private int open;

  StreamMemory(InstantSource clock) {
    this(clock, CAPACITY, PER_PAYER);
  }

  StreamMemory(InstantSource clock, int capacity, int perPayer) {
    if (capacity < 1 || perPayer < 1) {
      throw new IllegalArgumentException("capacity " + capacity + ", per payer " + perPayer);
    }
    this.clock = clock;
    this.capacity = capacity;
    this.perPayer = perPayer;
  }

  /** Whether {@code id} names a stream that closed within the memory. */
  synchronized boolean wasClosed(Id id) {
    forgetExpired();
    return closed.containsKey(id);
  }

  /**
   * Makes room for a stream about to open. Returns why it may not, or nothing once its place is
   * kept; every stream given a place must be {@link #closed} in the end.
   */
  synchronized Optional<String> open(Optional<Wallet> payer) {
    forgetExpired();
    if (payer.isPresent() && byPayer.getOrDefault(payer.get(), 0) >= perPayer) {
      return Optional.of("payer " + payer.get() + " has " + perPayer + " streams here, its most");
    }
    if (open + closed.size() >= capacity && !forgetOneOfLargestPayer(payer)) {
      return Optional.of(
          "this exit remembers "
              + capacity
              + " streams, its most, until "
              + MEMORY.toMinutes()
              + " min after each closed");
    }
    open++;
    payer.ifPresent(w -> byPayer.merge(w, 1, Integer::sum));
    return Optional.empty();
  }

  /** A stream given a place by {@link #open} has closed: it is remembered from now on. */
  synchronized void closed(Id id, Optional<Wallet> payer) {
    open--;
    Closed before = closed.put(id, new Closed(payer, clock.instant()));
    if (before != null) {
      // Cannot happen while ids are unique; if it did, one place would be counted twice.
      release(before.payer());
    }
  }

  synchronized int remembered() {
    return closed.size();
  }

  /**
   * Makes room by forgetting the oldest closed stream of the payer that holds the most, if that is
   * another payer than {@code newcomer}'s: a few free wallets could otherwise fill the memory with
   * refused streams and shut every honest stream out. Only the hoarder's streams become open to a
   * replay (the Hopper's replay memory still drops its packages for 5 minutes).
   */
  private boolean forgetOneOfLargestPayer(Optional<Wallet> newcomer) {
    Wallet largest = null;
    int most = 0;
    for (Map.Entry<Wallet, Integer> e : byPayer.entrySet()) {
      if (e.getValue() > most) {
        largest = e.getKey();
        most = e.getValue();
      }
    }
    if (largest == null || newcomer.equals(Optional.of(largest))) {
      return false;
    }
    Iterator<Closed> oldest = closed.values().iterator();
    while (oldest.hasNext()) {
      Closed stream = oldest.next();
      if (stream.payer().equals(Optional.of(largest))) {
        oldest.remove();
        release(stream.payer());
        return true;
      }
    }
    return false;
  }

  private void forgetExpired() {
    Instant oldestKept = clock.instant().minus(MEMORY);
    Iterator<Closed> oldest = closed.values().iterator();
    while (oldest.hasNext()) {
      Closed stream = oldest.next();
      if (stream.at().isAfter(oldestKept)) {
        return;
      }
      oldest.remove();
      release(stream.payer());
    }
  }

  private void release(Optional<Wallet> payer) {
    payer.ifPresent(w -> byPayer.computeIfPresent(w, (k, n) -> n > 1 ? n - 1 : null));
  }
}
