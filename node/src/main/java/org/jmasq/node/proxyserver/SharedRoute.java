package org.jmasq.node.proxyserver;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jmasq.accountant.RouteCharges;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;

/**
 * A round-trip route that carries the streams of one isolation group for a while, as a Tor circuit
 * does: its hop blocks' sealers and its sealer to the exit are made once, so every Node on it does
 * its public-key work once per route rather than once per stream.
 *
 * <p>Every package of the route is sealed and handed to the first link under one lock. The relays'
 * replay memory keeps a window of the last 64 tags per hop session, and the streams' threads share
 * the route's tags: numbered one by one and sent in that order, the packages reach each relay in
 * tag order, however many streams send at once.
 */
final class SharedRoute {
  final RouteSource.RouteLegs legs;
  final StreamIsolation isolation;
  final long returnRouteId;
  final RouteCharges charges;
  final Instant built;
  private final RoutePlan plan;
  private final EnvelopeSealer exitSealer;
  private final ReentrantLock sending = new ReentrantLock();
  private final AtomicInteger streams = new AtomicInteger();
  private volatile boolean retired;

  SharedRoute(
      RouteSource.RouteLegs legs,
      StreamIsolation isolation,
      RoutePlan plan,
      EnvelopeSealer exitSealer,
      long returnRouteId,
      RouteCharges charges,
      Instant built) {
    this.legs = legs;
    this.isolation = isolation;
    this.plan = plan;
    this.exitSealer = exitSealer;
    this.returnRouteId = returnRouteId;
    this.charges = charges;
    this.built = built;
  }

  /**
   * Seals {@code message} to the exit and sends it along the route; records its routing and exit
   * charges once it is sent. {@code dataSize} is the client data it carries, for the exit's charge.
   */
  void send(Transmitter transmitter, MessageType message, Optional<Integer> dataSize)
      throws IOException {
    int payloadLength;
    sending.lock();
    try {
      byte[] payload = PayloadEnvelopes.seal(exitSealer, message);
      payloadLength = payload.length;
      transmitter.transmit(plan.incipient(payload));
    } finally {
      sending.unlock();
    }
    charges.sentOver(payloadLength, dataSize);
  }

  /** Counts a stream that joined the route; the first is the one it was built for. */
  int joined() {
    return streams.incrementAndGet();
  }

  /** The streams the route has carried so far. */
  int streamsCarried() {
    return streams.get();
  }

  /** Takes no new streams from now on: a Node on it is gone, or it is too old. */
  void retire() {
    retired = true;
  }

  boolean isRetired() {
    return retired;
  }

  /** Whether a new stream may join the route at {@code now}: not retired, and not too old. */
  boolean takesStreams(Instant now) {
    return !retired && now.isBefore(built.plus(SharedRoutes.LIFETIME));
  }

  String describe() {
    return "route #" + returnRouteId + " " + legs.describe();
  }
}
