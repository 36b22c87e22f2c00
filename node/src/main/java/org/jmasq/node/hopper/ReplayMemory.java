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
 * again (replayed by a Node that holds its bytes, or brought back by a route that loops) is dropped
 * before it is billed or forwarded.
 *
 * <p>A package is known by two envelopes. Its hop block for this Node is sealed by the originator
 * alone: its sealer is the <em>hop session</em>, one per route and direction, and nobody else can
 * make a block that opens under it. Its payload envelope crosses every Node of the route unchanged,
 * numbered by its sealer ({@link Envelope.Position}). Hop blocks cannot name a package on their
 * own: an exit sends every response of a route under the one back-leg block it holds. So each
 * payload sealer is bound to the one hop session it was first seen under, with a window of its
 * counters seen (the last {@value #WINDOW}, as IPsec and WireGuard keep). A relay's hop session
 * carries at most {@value #PAYLOAD_SEALERS} payload sealers: one is honest (the route's, or the
 * exit's for the way back), a few more come from an exit that had to make its sealer again. An
 * exit's carries one, the route's: a relay that holds a route's blocks cannot send requests of its
 * own making through them, to be billed to the route's payer. A replay, and a package that reaches
 * this Node a second time by a looping route, break the binding.
 *
 * <p>Bounded: at most {@link #CAPACITY} hop sessions (about 16 MB with one sealer each; a relay's
 * may hold {@value #PAYLOAD_SEALERS}), each forgotten {@link #HORIZON} after its last package. One
 * payer may hold at most a quarter of the sessions. While full, a new session takes the place of
 * the least recently seen one of the payer holding the most (never its own payer's): a session
 * forgotten early lets its packages be replayed, so only the hoarder's are, and a few free wallets
 * cannot shut every newcomer out. A package older than the horizon cannot be told from a new one
 * (packages carry no time); the exit remembers closed streams for longer. Thread-safe; the lock is
 * held for the map work only.
 */
final class ReplayMemory {
  static final int CAPACITY = 65_536;
  static final int PER_PAYER = CAPACITY / 4;
  static final Duration HORIZON = Duration.ofMinutes(5);
  static final int WINDOW = Long.SIZE;

  /**
   * Payload sealers one hop session may carry. A route's packages share one sealer each way; an
   * exit that forgot the sealer of a route's way back makes a new one.
   */
  static final int PAYLOAD_SEALERS = 8;

  /** Which of one payload sealer's latest envelopes were seen. */
  private static final class Window {
    long highest;
    long seen = 1; // bit i: counter highest - i arrived

    Window(long first) {
      this.highest = first;
    }

    /** Marks {@code counter} seen; why it must be dropped when it was already, or is too old. */
    Optional<String> see(long counter) {
      if (counter > highest) {
        long ahead = counter - highest;
        seen = ahead > 0 && ahead < WINDOW ? seen << ahead | 1 : 1;
        highest = counter;
        return Optional.empty();
      }
      long behind = highest - counter;
      if (behind < 0 || behind >= WINDOW) {
        return Optional.of(
            "payload #" + counter + " is too far behind #" + highest + " to tell from a replay");
      }
      if ((seen & 1L << behind) != 0) {
        return Optional.of("payload #" + counter + " of this hop session came before: a replay");
      }
      seen |= 1L << behind;
      return Optional.empty();
    }
  }

  /** One hop session: the payload sealers seen under it, each with its window. */
  private static final class Session {
    final Map<Envelope.SealerId, Window> payloads = new HashMap<>(2);
    final Optional<Wallet> payer;
    Instant lastSeen;

    Session(Optional<Wallet> payer, Instant now) {
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

  private final Map<Envelope.SealerId, Envelope.SealerId> hopByPayload = new HashMap<>();
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
   * Remembers a package from another Node: its hop block's sealer and its payload's position.
   * Returns why it must be dropped, or nothing when it is new (and now remembered).
   */
  Optional<String> remember(
      Envelope.SealerId hop, Envelope.Position payload, Optional<Wallet> payer) {
    return remember(hop, payload, payer, PAYLOAD_SEALERS);
  }

  /**
   * As {@link #remember(Envelope.SealerId, Envelope.Position, Optional)}, with at most {@code
   * sealers} payload sealers under the hop session: an exit allows one, the route's own, so that a
   * relay holding a route's blocks cannot send a request of its own making through them.
   */
  Optional<String> remember(
      Envelope.SealerId hop, Envelope.Position payload, Optional<Wallet> payer, int sealers) {
    Instant now = clock.instant();
    synchronized (this) {
      forgetExpired(now);
      Envelope.SealerId boundTo = hopByPayload.get(payload.sealer());
      if (boundTo != null && !boundTo.equals(hop)) {
        return Optional.of(
            "its payload came before under another hop of this Node: a route that passes this"
                + " Node twice, or a payload moved to another route");
      }
      Session session = sessions.get(hop);
      if (session != null) {
        session.lastSeen = now;
        Window window = session.payloads.get(payload.sealer());
        if (window != null) {
          return window.see(payload.counter());
        }
        if (session.payloads.size() >= sealers) {
          return Optional.of(
              "a hop session already carries "
                  + session.payloads.size()
                  + " payload sealer(s), its most here");
        }
        session.payloads.put(payload.sealer(), new Window(payload.counter()));
        hopByPayload.put(payload.sealer(), hop);
        return Optional.empty();
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
      Session fresh = new Session(payer, now);
      fresh.payloads.put(payload.sealer(), new Window(payload.counter()));
      sessions.put(hop, fresh);
      hopByPayload.put(payload.sealer(), hop);
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
        session.payloads.keySet().forEach(hopByPayload::remove);
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
      session.payloads.keySet().forEach(hopByPayload::remove);
      session.payer.ifPresent(
          w -> sessionsByPayer.computeIfPresent(w, (k, n) -> n > 1 ? n - 1 : null));
    }
  }
}
