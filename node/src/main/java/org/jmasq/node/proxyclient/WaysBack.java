package org.jmasq.node.proxyclient;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.Route;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.Envelope;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;

/**
 * The exit's sealers to originators: one per route its requests come by, so the streams an
 * originator sends over one route share one sealer back, and the exit and the originator each do
 * one X25519 agreement per route rather than per stream.
 *
 * <p>A route is told by its originator's alias key and the sealer of the route's next block after
 * the exit's (the first of the way back): the originator seals that block under one sealer for
 * every package of the route. Nothing in that is secret or checked; a Node that sends other values
 * only gets a sealer of its own.
 *
 * <p>Bounded: {@value #CAPACITY} ways back; past that, the least recently used way that no open
 * stream uses is forgotten (an exit has at most 4 096 open streams, so one always is). A forgotten
 * way costs a new sealer when its route is used again. Every response of a way is sealed and handed
 * to the Hopper under that way's lock, so the relays see its tags in order.
 *
 * <p>Tags: the relays of a way back take each tag of the route once, and only above the first they
 * saw ({@code ReplayMemory}), so a way made again for a route must number its responses above where
 * the forgotten one got to. Each way numbers them from the clock at its making, {@value
 * #TAGS_PER_MILLISECOND} per millisecond: a way sends far fewer responses than that per millisecond
 * of its life, so a later way's base is above every tag of an earlier one, and an exit that starts
 * again does not repeat its last run's tags either, unless its clock went back. The base tells an
 * originator the exit's clock, which its responses' times tell it anyway, and not how many ways the
 * exit made for others.
 */
final class WaysBack {
  static final int CAPACITY = 8192;

  /** How far the first tag of a new way moves on per millisecond of the clock. */
  static final long TAGS_PER_MILLISECOND = 1L << 24;

  private record RouteId(PublicKey originator, Envelope.SealerId wayBack) {}

  /**
   * One way back to an originator: the route its responses take, its sealer, and the order its
   * packages leave in. Every response goes under the blocks of the request that made the way, not
   * under each stream's latest: a relay on the way back then sees the same route bytes for every
   * response of the route, and cannot tell its streams, or the requests that reached the exit, by
   * them (docs/PROTOCOL.md §9).
   */
  static final class Way {
    private final Route route;
    private final EnvelopeSealer sealer;
    private final AtomicLong tags;
    private final ReentrantLock sending = new ReentrantLock();
    private final AtomicInteger streams = new AtomicInteger();

    /** One more user of this way until it {@link #left}: the way is not forgotten meanwhile. */
    void joined() {
      streams.incrementAndGet();
    }

    void left() {
      streams.decrementAndGet();
    }

    private Way(Route route, EnvelopeSealer sealer, long firstTag) {
      this.route = route;
      this.sealer = sealer;
      this.tags = new AtomicLong(firstTag);
    }

    /** Seals {@code message} to the originator and sends it along the way's route. */
    void send(Transmitter transmitter, MessageType message) throws IOException {
      sending.lock();
      try {
        transmitter.transmit(
            new IncipientCoresPackage(
                route, PayloadEnvelopes.seal(sealer, message), tags.getAndIncrement()));
      } finally {
        sending.unlock();
      }
    }
  }

  private final SecureRandom random;
  private final LongAdder sealersMade = new LongAdder();
  private final int capacity;
  private final Map<RouteId, Way> ways = new LinkedHashMap<>(64, 0.75f, true);
  private final InstantSource clock;
  private final AtomicLong bases;

  WaysBack(SecureRandom random, InstantSource clock) {
    this(random, CAPACITY, clock);
  }

  WaysBack(SecureRandom random, int capacity, InstantSource clock) {
    this.random = random;
    this.capacity = capacity;
    this.clock = clock;
    this.bases = new AtomicLong(clock.millis() * TAGS_PER_MILLISECOND - TAGS_PER_MILLISECOND);
  }

  /**
   * The way back to {@code originator} along {@code remaining}, the route a request came by (its
   * top block is this exit's own), already counting its caller as a user (under the table's lock,
   * so it cannot be forgotten before the caller starts): the caller {@link Way#left}s it once done.
   */
  Way to(PublicKey originator, Route remaining) throws CryptoException {
    RouteId id = new RouteId(originator, remaining.blockSealer(remaining.size() > 1 ? 1 : 0));
    synchronized (ways) {
      Way way = ways.get(id);
      if (way != null) {
        way.joined();
        return way;
      }
    }
    Way made = new Way(remaining, EnvelopeSealer.to(originator, random), nextBase());
    synchronized (ways) {
      // Two streams of a new route may make a sealer at once: the first one kept is the way.
      Way first = ways.putIfAbsent(id, made);
      if (first != null) {
        first.joined();
        return first;
      }
      made.joined();
      sealersMade.increment();
      if (ways.size() > capacity) {
        forgetOneUnused();
      }
      return made;
    }
  }

  /**
   * The first tag of a new way: the clock's, and at least {@value #TAGS_PER_MILLISECOND} above the
   * last way's, so that a way made again for a route within the same millisecond, or after the
   * clock stepped back, still starts above the forgotten one. Tags wrap at 2^64; the relays measure
   * them from the first they saw, so only differences matter here.
   */
  private long nextBase() {
    long fromClock = clock.millis() * TAGS_PER_MILLISECOND;
    return bases.updateAndGet(
        last -> fromClock - last >= TAGS_PER_MILLISECOND ? fromClock : last + TAGS_PER_MILLISECOND);
  }

  /** Forgets the least recently used way no open stream uses, if there is one. */
  private void forgetOneUnused() {
    var oldest = ways.values().iterator();
    while (oldest.hasNext()) {
      if (oldest.next().streams.get() == 0) {
        oldest.remove();
        return;
      }
    }
  }

  int size() {
    synchronized (ways) {
      return ways.size();
    }
  }

  /** The sealers made so far: one X25519 agreement each. */
  long sealersMade() {
    return sealersMade.sum();
  }
}
