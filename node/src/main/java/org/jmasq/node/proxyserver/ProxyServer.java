package org.jmasq.node.proxyserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.jmasq.accountant.RouteCharges;
import org.jmasq.cores.Component;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.Payer;
import org.jmasq.cores.ResponseLayers;
import org.jmasq.cores.Route;
import org.jmasq.cores.RouteOpener;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.node.runtime.Cancellable;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.node.stream.WindowBudget;
import org.jmasq.payload.ClientResponse;
import org.jmasq.payload.DnsResolveFailure;
import org.jmasq.payload.ExitFailure;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.StreamAck;
import org.jmasq.payload.StreamKey;
import org.jmasq.wire.DecodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The originating side: turns a client connection into a stream over a round-trip route, and the
 * packages that come back into bytes for the client, or into an impersonated failure.
 *
 * <p>Threading: each stream has its own client reader and writer threads; {@link #deliver} runs on
 * the Hopper's caller; the connect deadlines and the once-a-second route check run on the runtime's
 * timer, which only decides: telling a client and closing its socket happen on an I/O thread of
 * their own ({@code fail-<stream>}), so a client slow to take its failure never holds up the timers
 * that the Neighborhood and the Accountant share. Shared state is the concurrent stream map only.
 */
public final class ProxyServer {
  private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

  /** The reference retries a DNS failure through 3 other exits before giving up. */
  static final int DNS_RETRIES = 3;

  /**
   * Routes remembered, the least recently built or answered forgotten first ({@link #knownRoutes}).
   */
  static final int ROUTES_REMEMBERED = 16_384;

  private final PublicKey mainKey;
  private final PublicKey aliasKey;
  private final RouteSource routes;
  private final RouteOpener ownRoutes;
  private final Transmitter transmitter;
  private final SecureRandom random;
  private final NodeRuntime runtime;
  private final Cancellable routeCheck;
  private final Duration connectTimeout;
  private final byte[] streamKeySalt = new byte[8];
  private final AtomicLong returnRouteIds = new AtomicLong();
  private final AtomicLong streamSerials = new AtomicLong();
  private final Map<StreamKey, OriginStream> streams = new ConcurrentHashMap<>();
  private final OwnTraffic own = new OwnTraffic();
  private final Function<PublicKey, Optional<Payer>> payers;
  private final Pricing pricing;
  private final ConsumingWallet consumingWallet;
  private final RouteWait routeWait;

  /**
   * What each recent route costs and the layers its way back puts on responses, kept beyond its
   * streams' end for late responses too (about 2 KB each at most). A response on a route older than
   * the last {@value #ROUTES_REMEMBERED} used is dropped unread, and not counted.
   */
  private final RecentByRoute<KnownRoute> knownRoutes = new RecentByRoute<>(ROUTES_REMEMBERED);

  /** A route this Node built, as long as it is remembered. */
  private record KnownRoute(RouteCharges charges, ResponseLayers responseLayers) {}

  private final SharedRoutes sharedRoutes = new SharedRoutes(this::build);
  private final LongAdder routesBuilt = new LongAdder();
  private final WindowBudget windows = new WindowBudget(WindowBudget.DEFAULT_BYTES);

  /** Prices a route's services for the originator, from what it knows of the route's Nodes. */
  @FunctionalInterface
  public interface Pricing {
    RouteCharges of(RouteSource.RouteLegs legs);

    Pricing FREE = legs -> RouteCharges.free();
  }

  public ProxyServer(
      PublicKey mainKey,
      PublicKey aliasKey,
      RouteSource routes,
      RouteOpener ownRoutes,
      Transmitter transmitter,
      SecureRandom random,
      NodeRuntime runtime,
      Duration connectTimeout) {
    this(
        mainKey,
        aliasKey,
        routes,
        ownRoutes,
        transmitter,
        random,
        runtime,
        connectTimeout,
        k -> Optional.empty(),
        Pricing.FREE,
        Optional.of(WalletStanding.UNKNOWN));
  }

  /**
   * An originator that proves its consuming wallet to each hop with {@code payers} and records what
   * each route costs with {@code pricing}. Without a consuming wallet every stream is refused at
   * once (HTTP 402, a TLS alert, or a SOCKS refusal), since no Node would serve it; so is every
   * stream once the wallet is known to be unfunded and its streams have used the credit other Nodes
   * give such a wallet.
   */
  public ProxyServer(
      PublicKey mainKey,
      PublicKey aliasKey,
      RouteSource routes,
      RouteOpener ownRoutes,
      Transmitter transmitter,
      SecureRandom random,
      NodeRuntime runtime,
      Duration connectTimeout,
      Function<PublicKey, Optional<Payer>> payers,
      Pricing pricing,
      Optional<WalletStanding> consumingWallet) {
    this.consumingWallet = new ConsumingWallet(consumingWallet);
    this.transmitter = this.consumingWallet.counting(transmitter);
    this.payers = payers;
    this.pricing = pricing;
    this.mainKey = mainKey;
    this.aliasKey = aliasKey;
    this.routes = routes;
    this.ownRoutes = ownRoutes;
    this.random = random;
    this.runtime = runtime;
    this.routeWait = new RouteWait(routes, runtime);
    this.connectTimeout = connectTimeout;
    random.nextBytes(streamKeySalt);
    this.routeCheck = runtime.scheduleAtFixedRate(Duration.ofSeconds(1), this::checkRoutes);
  }

  /**
   * Starts a stream for {@code client} to {@code target}; {@code firstData} goes in its first
   * package.
   */
  public void open(ClientSide client, Target target, byte[] firstData) {
    if (consumingWallet.isMissing()) {
      failBeforeStart(
          client, new StreamFailure(StreamFailure.Kind.NO_CONSUMING_WALLET, target.host(), ""));
      return;
    }
    Optional<String> usedUp = consumingWallet.usedUp();
    if (usedUp.isPresent()) {
      failBeforeStart(client, ConsumingWallet.refusal(target.host(), usedUp.get()));
      return;
    }
    routeWait.route(
        target.host(),
        firstData.length,
        legs -> {
          if (legs.isEmpty()) {
            failBeforeStart(
                client,
                routes
                    .exitCountryShortfall()
                    .map(
                        why ->
                            new StreamFailure(
                                StreamFailure.Kind.NO_EXIT_IN_COUNTRY, target.host(), why))
                    .orElseGet(
                        () ->
                            new StreamFailure(
                                StreamFailure.Kind.NO_ROUTE,
                                target.host(),
                                "no route within " + RouteWait.LIMIT.toSeconds() + " s")));
          } else {
            start(client, target, firstData, legs);
          }
        });
  }

  private void start(
      ClientSide client, Target target, byte[] firstData, Optional<RouteSource.RouteLegs> legs) {
    // Salted with the stream's serial number too: a client port used again must name a new stream,
    // since an exit never opens a stream it has closed.
    byte[] salt =
        ByteBuffer.allocate(streamKeySalt.length + Long.BYTES)
            .put(streamKeySalt)
            .putLong(streamSerials.getAndIncrement())
            .array();
    StreamKey key = StreamKey.derive(mainKey, client.clientAddress(), salt);
    SharedRoute path;
    try {
      path = sharedRoutes.routeFor(legs.get(), client.isolation(), runtime.clock().instant());
    } catch (CryptoException e) {
      failBeforeStart(
          client, new StreamFailure(StreamFailure.Kind.NO_ROUTE, target.host(), e.getMessage()));
      return;
    }
    // A client port can be reused while the old stream still ends: its close removes only itself.
    java.util.concurrent.atomic.AtomicReference<OriginStream> self =
        new java.util.concurrent.atomic.AtomicReference<>();
    OriginStream stream =
        new OriginStream(
            key,
            target,
            client,
            path,
            aliasKey,
            transmitter,
            routes.retriesDnsFailures() ? DNS_RETRIES : 0,
            own,
            windows,
            () -> streams.remove(key, self.get()));
    self.set(stream);
    streams.put(key, stream);
    log.info(
        "Stream {} to {}: route {} (route #{}, isolation {}, stream {} on it)",
        key,
        target,
        path.legs.describe(),
        path.returnRouteId,
        path.isolation,
        path.streamsCarried());
    runtime.schedule(connectTimeout, () -> checkConnected(stream));
    stream.start(runtime, firstData);
  }

  /**
   * Builds a route over {@code legs}: a sealer for every hop block and one for the exit, each one
   * X25519 agreement here and one at the Node that opens it. Every stream that joins the route
   * later costs none.
   */
  private SharedRoute build(RouteSource.RouteLegs legs, StreamIsolation isolation)
      throws CryptoException {
    long routeId = returnRouteIds.getAndIncrement() & 0xffffffffL;
    RoutePlan plan =
        RoutePlan.roundTrip(
            legs.over(),
            Component.PROXY_CLIENT,
            legs.back(),
            Component.PROXY_SERVER,
            payers,
            routeId,
            random);
    RouteCharges charges = pricing.of(legs);
    knownRoutes.put(routeId, new KnownRoute(charges, plan.responseLayers()));
    routesBuilt.increment();
    return new SharedRoute(
        legs,
        isolation,
        plan,
        EnvelopeSealer.to(legs.exit(), random),
        routeId,
        charges,
        runtime.clock().instant());
  }

  /**
   * On the timer: decides whether the stream timed out, and leaves the failing to an I/O thread.
   */
  private void checkConnected(OriginStream stream) {
    if (!stream.isConnected() && streams.get(stream.key) == stream) {
      // A route whose exit did not answer in time is not trusted with another stream.
      stream.path().retire();
      StreamFailure timedOut =
          consumingWallet.explain(
              new StreamFailure(
                  StreamFailure.Kind.TIMED_OUT,
                  stream.target.host(),
                  "The exit did not answer within " + connectTimeout.toSeconds() + " seconds."));
      // Checked again on the I/O thread: a confirmation that came in between wins.
      end(
          stream,
          () -> {
            if (!stream.isConnected()) {
              stream.fail(timedOut);
            }
          });
    }
  }

  /**
   * On the timer: finds the streams whose route lost a Node, so no client waits on a dead route,
   * and, once an unfunded wallet has used its credit, every stream, since the Nodes now drop its
   * packages; leaves their ending to I/O threads.
   */
  private void checkRoutes() {
    Optional<String> cutOff = consumingWallet.usedUp();
    sharedRoutes.retireIf(route -> !routes.stillStands(route.legs));
    for (OriginStream stream : List.copyOf(streams.values())) {
      if (stream.isFinished() || cutOff.isEmpty() && routes.stillStands(stream.path().legs)) {
        continue;
      }
      String why = cutOff.orElse("A Node on the route went away.");
      if (stream.isConnected()) {
        log.info("Stream {} to {}: {} Closing it.", stream.key, stream.target, why);
        end(stream, stream::close);
      } else {
        StreamFailure failure =
            cutOff.isPresent()
                ? ConsumingWallet.refusal(stream.target.host(), why)
                : new StreamFailure(StreamFailure.Kind.NO_ROUTE, stream.target.host(), why);
        end(stream, () -> stream.fail(failure));
      }
    }
  }

  /**
   * Writes to and closes the client's socket off the timer thread; a stream ends once, so a second
   * check that finds it before this ran changes nothing.
   */
  private void end(OriginStream stream, Runnable ending) {
    runtime.startIo("fail-" + stream.key, ending);
  }

  private void retryOrFail(OriginStream stream) {
    PublicKey failedExit = stream.path().legs.exit();
    routes.exitCouldNotResolve(failedExit, stream.target.host());
    if (stream.canRetry()) {
      Optional<RouteSource.RouteLegs> next = routes.findRoute(stream.target.host(), 0);
      if (next.isPresent() && !stream.triedExit(next.get().exit())) {
        try {
          stream.retryOn(
              sharedRoutes.routeFor(
                  next.get(), stream.path().isolation, runtime.clock().instant()));
          return;
        } catch (CryptoException e) {
          log.info("Cannot plan a retry for {}: {}", stream.target, e.getMessage());
        }
      }
    }
    stream.fail(new StreamFailure(StreamFailure.Kind.DNS_FAILURE, stream.target.host(), ""));
  }

  private static void failBeforeStart(ClientSide client, StreamFailure failure) {
    try {
      client.failed(failure);
    } catch (IOException e) {
      log.debug("Could not tell the client about {}: {}", failure.kind(), e.getMessage());
    }
    client.close();
  }

  /** A package from the Hopper for this Node's ProxyServer. */
  public void deliver(ExpiredCoresPackage<MessageType> expired) {
    MessageType message = expired.payload();
    consumingWallet.used(expired.payloadLength());
    OptionalLong routeId = returnRouteId(expired);
    if (routeId.isEmpty()) {
      return;
    }
    knownRoutes
        .of(routeId.getAsLong())
        .map(KnownRoute::charges)
        .ifPresent(
            charges ->
                charges.receivedBack(
                    expired.payloadLength(),
                    message instanceof ClientResponse r
                        ? Optional.of(r.packet().length())
                        : Optional.empty()));
    StreamKey key =
        switch (message) {
          case ClientResponse r -> r.streamKey();
          case DnsResolveFailure f -> f.streamKey();
          case ExitFailure f -> f.streamKey();
          case StreamAck a -> a.streamKey();
          default -> null;
        };
    OriginStream stream = key == null ? null : streams.get(key);
    if (stream == null) {
      log.debug("Dropped a {} for a stream that is gone", message.getClass().getSimpleName());
      return;
    }
    if (routeId.getAsLong() != stream.path().returnRouteId) {
      log.info(
          "Dropped a response for stream {} that came back on route {} instead of {}",
          stream.key,
          routeId.getAsLong(),
          stream.path().returnRouteId);
      return;
    }
    switch (message) {
      case ClientResponse r -> stream.onResponse(r.packet());
      case DnsResolveFailure f -> retryOrFail(stream);
      case ExitFailure f ->
          stream.fail(
              new StreamFailure(
                  StreamFailure.Kind.of(f.reason()), stream.target.host(), f.detail()));
      case StreamAck a -> stream.onAck(a.written(), a.window());
      default -> throw new IllegalStateException("unreachable: " + message);
    }
  }

  /**
   * The layers the relays of a route's way back put on its responses, for the Hopper to take off
   * before it opens one; empty for a route this Node did not build or no longer remembers.
   */
  public Optional<ResponseLayers> responseLayers(Route remaining) {
    try {
      return knownRoutes.of(ownRoutes.returnRouteId(remaining)).map(KnownRoute::responseLayers);
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }

  private OptionalLong returnRouteId(ExpiredCoresPackage<MessageType> expired) {
    try {
      return OptionalLong.of(ownRoutes.returnRouteId(expired.remainingRoute()));
    } catch (DecodeException e) {
      log.warn("Dropped a response without a readable return route id: {}", e.getMessage());
      return OptionalLong.empty();
    }
  }

  public int openStreams() {
    return streams.size();
  }

  /**
   * Routes this Node has built for its streams, each with its public-key work: one X25519 agreement
   * per hop block and one for the exit, here and at each Node that opens them.
   */
  public long routesBuilt() {
    return routesBuilt.sum();
  }

  /** The routes that take new streams now: each one's id, isolation and streams carried so far. */
  public List<String> sharedRoutes() {
    return sharedRoutes.current(runtime.clock().instant()).stream()
        .map(
            r ->
                r.describe()
                    + ", isolation "
                    + r.isolation
                    + ", "
                    + r.streamsCarried()
                    + " streams")
        .toList();
  }

  /** The bytes this Node's users' streams carried, and the routes they use now. */
  public OwnTraffic.Snapshot ownTraffic() {
    return own.snapshot(streams.values());
  }

  /** Stops the route check and closes every stream; used when the Node stops. */
  public void close() {
    routeCheck.cancel();
    List.copyOf(streams.values()).forEach(OriginStream::close);
  }
}
