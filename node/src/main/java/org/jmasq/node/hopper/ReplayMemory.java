package org.jmasq.node.hopper;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jmasq.crypto.Envelope;
import org.jmasq.identity.Wallet;

/**
 * Remembers the packages this Node has relayed or served as an exit, so that the same package sent
 * again (replayed by a Node that holds its bytes) is dropped before it is billed or forwarded.
 *
 * <p>A package is known by its hop block for this Node and its tag. The block is sealed by the
 * originator alone: its sealer is the <em>hop session</em>, one per route and direction, and nobody
 * else can make a block that opens under it. The tag numbers the packages of that session (the
 * originator's, or the exit's on the way back, each plus the steps of the hops before this one),
 * and this Node's layer over the payload starts at it: a package sent again with its old tag is a
 * replay, and one sent with a new tag takes a keystream its payload was not layered with, so its
 * final recipient cannot open it. A session keeps a window of the tags it has seen (the last
 * {@value #WINDOW}, as IPsec and WireGuard keep), so packages may arrive a little out of order.
 *
 * <p>Bounded: at most {@link #CAPACITY} hop sessions (about 8 MB), each forgotten {@link #HORIZON}
 * after its last package. One payer may hold at most a quarter of the sessions. While full, a new
 * session takes the place of the least recently seen one of the payer holding the most (never its
 * own payer's): a session forgotten early lets its packages be replayed, so only the hoarder's are,
 * and a few free wallets cannot shut every newcomer out. A package older than the horizon cannot be
 * told from a new one (packages carry no time); the exit remembers closed streams for longer.
 * Thread-safe; the lock is held for the map work only.
 */
final class ReplayMemory {
  static final int CAPACITY = 65_536;
  static final int PER_PAYER = CAPACITY / 4;
  static final Duration HORIZON = Duration.ofMinutes(5);
  static final int WINDOW = Long.SIZE;

  /**
   * How far above a hop session's floor (just below its first tag) its tags may go: 2^62. An
   * originator numbers a route's packages from 0; an exit's ways back number from the clock, 2^24
   * per millisecond, so a way made again for a route years later is still within reach.
   */
  static final long REACH = 1L << 62;

  /**
   * Which of one hop session's latest tags were seen. Tags start anywhere (each hop before this one
   * added a random step) and wrap at 2^64, so they are compared by their distance above a floor
   * {@value #WINDOW} - 1 below the session's first tag (so the packages just before the first may
   * still arrive after it), which never wraps: a tag below the floor, or {@value #REACH} or more
   * above it, is refused. So no tag, however far ahead, can bring the window round to tags it has
   * passed; a Node that sends one only stops the route, which it could do by dropping packages.
   */
  private static final class Window {
    final long floor;
    long highest = WINDOW - 1; // distance above the floor: the first tag's
    long seen = 1; // bit i: the tag at distance highest - i arrived

    Window(long first) {
      this.floor = first - (WINDOW - 1);
    }

    /** Marks {@code tag} seen; why it must be dropped when it was already, or is too old. */
    Optional<String> see(long tag) {
      long distance = tag - floor;
      if (distance < 0 || distance >= REACH) {
        return Optional.of(
            "tag "
                + Long.toUnsignedString(tag)
                + " is not within its hop session's reach (from "
                + (WINDOW - 1)
                + " below the first tag to "
                + REACH
                + " above)");
      }
      if (distance > highest) {
        long ahead = distance - highest;
        seen = ahead < WINDOW ? seen << ahead | 1 : 1;
        highest = distance;
        return Optional.empty();
      }
      long behind = highest - distance;
      if (behind >= WINDOW) {
        return Optional.of(
            "tag "
                + Long.toUnsignedString(tag)
                + " is too far behind the latest to tell from a replay");
      }
      if ((seen & 1L << behind) != 0) {
        return Optional.of(
            "tag " + Long.toUnsignedString(tag) + " of this hop session came before: a replay");
      }
      seen |= 1L << behind;
      return Optional.empty();
    }
  }

  /** One hop session: the tags seen under it. */
  private static final class Session {
    final Window tags;
    final Optional<Wallet> payer;
    Instant lastSeen;

    Session(long firstTag, Optional<Wallet> payer, Instant now) {
      this.tags = new Window(firstTag);
      this.payer = payer;
      this.lastSeen = now;
    }
  }

  private final InstantSource clock;
  private final int capacity;
  private final int perPayer;
  private final Duration horizon;

  /** Least recently seen first, so expired sessions are always at the head. */
  private final LinkedHashMap<Envelope.SealerId, Session> sessions =
      new LinkedHashMap<>(1024, 0.75f, true);

  private final Map<Wallet, Integer> sessionsByPayer = new HashMap<>();

  ReplayMemory(InstantSource clock) {
    this(clock, CAPACITY, PER_PAYER, HORIZON);
  }

  ReplayMemory(InstantSource clock, int capacity, int perPayer, Duration horizon) {
    if (capacity < 1 || perPayer < 1 || horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException(
          "capacity " + capacity + ", per payer " + perPayer + ", horizon " + horizon);
    }
    this.clock = clock;
    this.capacity = capacity;
    this.perPayer = perPayer;
    this.horizon = horizon;
  }

  /**
   * Remembers a package from another Node: its hop block's sealer and its tag. Returns why it must
   * be dropped, or nothing when it is new (and now remembered).
   */
  Optional<String> remember(Envelope.SealerId hop, long tag, Optional<Wallet> payer) {
    Instant now = clock.instant();
    synchronized (this) {
      forgetExpired(now);
      Session session = sessions.get(hop);
      if (session != null) {
        session.lastSeen = now;
        return session.tags.see(tag);
      }
      if (payer.isPresent() && sessionsByPayer.getOrDefault(payer.get(), 0) >= perPayer) {
        return Optional.of(
            "payer " + payer.get() + " holds " + perPayer + " hop sessions here, its most");
      }
      if (sessions.size() >= capacity && !evictFromLargestPayer(payer)) {
        return Optional.of(
            "the replay memory is full ("
                + capacity
                + " hop sessions in "
                + horizon.toMinutes()
                + " min): a new one cannot be told from a replay");
      }
      sessions.put(hop, new Session(tag, payer, now));
      payer.ifPresent(w -> sessionsByPayer.merge(w, 1, Integer::sum));
      return Optional.empty();
    }
  }

  synchronized int sessions() {
    return sessions.size();
  }

  /**
   * Makes room by forgetting the least recently seen session of the payer that holds the most, if
   * that is another payer than {@code newcomer}'s: wallets are free, so a few of them could fill
   * the memory and shut every new stream out. Only the hoarder's own packages can then be replayed,
   * billed to it again, and the exit still refuses to reopen its streams.
   */
  private boolean evictFromLargestPayer(Optional<Wallet> newcomer) {
    Wallet largest = null;
    int most = 0;
    for (Map.Entry<Wallet, Integer> e : sessionsByPayer.entrySet()) {
      if (e.getValue() > most) {
        largest = e.getKey();
        most = e.getValue();
      }
    }
    if (largest == null || newcomer.equals(Optional.of(largest))) {
      return false;
    }
    var oldest = sessions.entrySet().iterator();
    while (oldest.hasNext()) {
      Session session = oldest.next().getValue();
      if (session.payer.equals(Optional.of(largest))) {
        oldest.remove();
        sessionsByPayer.computeIfPresent(largest, (k, n) -> n > 1 ? n - 1 : null);
        return true;
      }
    }
    return false;
  }

  private void forgetExpired(Instant now) {
    var oldest = sessions.entrySet().iterator();
    while (oldest.hasNext()) {
      Session session = oldest.next().getValue();
      if (session.lastSeen.plus(horizon).isAfter(now)) {
        return;
      }
      oldest.remove();
      session.payer.ifPresent(
          w -> sessionsByPayer.computeIfPresent(w, (k, n) -> n > 1 ? n - 1 : null));
    }
  }
}
