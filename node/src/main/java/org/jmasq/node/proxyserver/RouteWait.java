package org.jmasq.node.proxyserver;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jmasq.node.runtime.Cancellable;
import org.jmasq.node.runtime.NodeRuntime;

/**
 * Finds a route for a new stream, waiting a short, bounded time when there is none yet, as Tor
 * holds a new connection until a circuit is built. A Node that has just joined, or just lost a
 * neighbor, often has a route again within a second or two; failing the client at once would turn
 * that moment into an error the user sees (SOCKS "network unreachable", an HTTP 503 page).
 *
 * <p>The query is retried every {@link #RETRY}, one at a time, on an I/O thread (a route query asks
 * the Neighborhood's mailbox, which the runtime's timer must never wait on); the deadline is read
 * from the runtime's clock, so tests move it by hand.
 */
final class RouteWait {
  /** Long enough for a few Gossip rounds after a neighbor is lost; short enough for a client. */
  static final Duration LIMIT = Duration.ofSeconds(10);

  static final Duration RETRY = Duration.ofMillis(250);

  private final RouteSource routes;
  private final NodeRuntime runtime;

  RouteWait(RouteSource routes, NodeRuntime runtime) {
    this.routes = routes;
    this.runtime = runtime;
  }

  /**
   * Hands {@code then} a route for {@code host} as soon as one exists (on this thread when one
   * exists now), or an empty one once {@link #LIMIT} has passed without one. Exactly once.
   */
  void route(String host, int payloadSize, Consumer<Optional<RouteSource.RouteLegs>> then) {
    Optional<RouteSource.RouteLegs> now = routes.findRoute(host, payloadSize);
    if (now.isPresent()) {
      then.accept(now);
      return;
    }
    // No route ever comes while the user's countries have no exit: the client is told so at once.
    if (routes.exitCountryShortfall().isPresent()) {
      then.accept(now);
      return;
    }
    Instant deadline = runtime.clock().instant().plus(LIMIT);
    AtomicBoolean done = new AtomicBoolean();
    AtomicBoolean asking = new AtomicBoolean();
    AtomicReference<Cancellable> ticks = new AtomicReference<>();
    // The timer only decides; the query, and telling the caller, run on an I/O thread.
    ticks.set(
        runtime.scheduleAtFixedRate(
            RETRY,
            () -> {
              if (done.get()) {
                return;
              }
              if (!runtime.clock().instant().isBefore(deadline)) {
                if (done.compareAndSet(false, true)) {
                  ticks.get().cancel();
                  runtime.startIo("route-wait", () -> then.accept(Optional.empty()));
                }
                return;
              }
              if (asking.compareAndSet(false, true)) {
                runtime.startIo(
                    "route-wait",
                    () -> {
                      Optional<RouteSource.RouteLegs> legs = routes.findRoute(host, payloadSize);
                      asking.set(false);
                      if (legs.isPresent() && done.compareAndSet(false, true)) {
                        ticks.get().cancel();
                        then.accept(legs);
                      }
                    });
              }
            }));
  }
}
