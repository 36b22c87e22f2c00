package org.jmasq.node.neighborhood;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.TokenBucket;

/**
 * How much Gossip the Neighborhood takes from each peer, decided on the link's reader thread before
 * anything is queued: each peer's Gossip passes a token bucket ({@link #BURST} at once, {@link
 * #PER_SECOND} a second), then must fit the peer's share of the Neighborhood's queue ({@link
 * #SHARE_MESSAGES} messages, {@link #SHARE_BYTES} bytes; a peer that fills its share is
 * disconnected), then the bounds on all queued Gossip together ({@link #TOTAL_MESSAGES} messages,
 * {@link #TOTAL_BYTES} bytes).
 *
 * <p>Why these numbers: an honest neighbor sends Standard Gossip once for each round of changes it
 * hears, a few a second at most (in the simulator no Node receives more than ten messages in a
 * tenth of a second from all its peers together), so the bucket lets the bursts of a Node's joining
 * through untouched, while a flood of thirty a second is cut to eight. A package's payload is at
 * most 1 MiB, so two MiB holds any Gossip; sixteen messages waiting from one peer means the
 * Neighborhood has been busy for two seconds while the peer sent at its full rate, which no honest
 * peer needs. 16 MiB in all bounds the memory queued Gossip takes, whoever sends it.
 *
 * <p>Threading: called by every link's reader and by the owning mailbox; every method holds this
 * object's lock for a few map operations only.
 */
final class GossipInflow {
  static final int BURST = 32;
  static final int PER_SECOND = 8;
  static final int SHARE_MESSAGES = 16;
  static final long SHARE_BYTES = 2L << 20;
  static final long TOTAL_BYTES = 16L << 20;

  /**
   * All queued Gossip together, in messages: well below the Neighborhood mailbox's capacity ({@link
   * NeighborhoodService#OWNER_CAPACITY}), so that links coming and going, ticks and route queries
   * always find room however many peers flood at once.
   */
  static final int TOTAL_MESSAGES = NeighborhoodService.OWNER_CAPACITY / 2;

  /** Peers whose buckets are remembered; one forgotten starts again full, as a new peer does. */
  static final int PEERS = 1024;

  /** What to do with one Gossip. */
  enum Verdict {
    /** Queue it (and {@link #release} it when its turn comes or it is dropped). */
    QUEUE,
    /** Drop it: the peer sends faster than its bucket allows. */
    TOO_FAST,
    /** Drop it and disconnect the peer: it has filled its share of the queue. */
    OVER_SHARE,
    /** Drop it: all queued Gossip together is at its bound. */
    QUEUE_FULL
  }

  /** One peer's bucket and what of it waits in the queue. */
  private static final class Peer {
    final TokenBucket bucket;
    int queued;
    long bytes;

    Peer(Instant now) {
      bucket = new TokenBucket(BURST, PER_SECOND, now);
    }
  }

  private final Map<PublicKey, Peer> peers = new LinkedHashMap<>(64, 0.75f, true);
  private int queued;
  private long queuedBytes;
  private int mostQueued;
  private long mostQueuedBytes;
  private long notOneHop;
  private long tooFast;
  private long overShare;
  private long queueFull;

  synchronized Verdict admit(PublicKey peer, int bytes, Instant now) {
    forgetIdlePeers();
    Peer p = peers.computeIfAbsent(peer, k -> new Peer(now));
    if (!p.bucket.tryTake(1, now)) {
      tooFast++;
      return Verdict.TOO_FAST;
    }
    if (p.queued >= SHARE_MESSAGES || p.bytes + bytes > SHARE_BYTES) {
      overShare++;
      return Verdict.OVER_SHARE;
    }
    if (queued >= TOTAL_MESSAGES || queuedBytes + bytes > TOTAL_BYTES) {
      queueFull++;
      return Verdict.QUEUE_FULL;
    }
    p.queued++;
    p.bytes += bytes;
    queued++;
    queuedBytes += bytes;
    mostQueued = Math.max(mostQueued, queued);
    mostQueuedBytes = Math.max(mostQueuedBytes, queuedBytes);
    return Verdict.QUEUE;
  }

  /** A Gossip {@link #admit} queued has left the queue: its turn came, or it was dropped. */
  synchronized void release(PublicKey peer, int bytes) {
    Peer p = peers.get(peer);
    if (p != null) {
      p.queued--;
      p.bytes -= bytes;
    }
    queued--;
    queuedBytes -= bytes;
  }

  /** A queued Gossip the mailbox refused, being full: released, and counted. */
  synchronized void refusedByMailbox(PublicKey peer, int bytes) {
    release(peer, bytes);
    queueFull++;
  }

  /** Gossip that came through relays, or over no link: nobody's to blame, dropped. */
  synchronized void notOneHop() {
    notOneHop++;
  }

  /**
   * Past {@link #PEERS}, forgets the least recently heard peers that have nothing queued: a peer
   * comes back with a full bucket only after a thousand others were heard since.
   */
  private void forgetIdlePeers() {
    Iterator<Peer> oldest = peers.values().iterator();
    while (peers.size() > PEERS && oldest.hasNext()) {
      if (oldest.next().queued == 0) {
        oldest.remove();
      }
    }
  }

  /** What was refused so far, and what waits now. */
  record Counts(
      long notOneHop,
      long tooFast,
      long overShare,
      long queueFull,
      int queued,
      long queuedBytes,
      int mostQueued,
      long mostQueuedBytes) {}

  synchronized Counts counts() {
    return new Counts(
        notOneHop, tooFast, overShare, queueFull, queued, queuedBytes, mostQueued, mostQueuedBytes);
  }
}
