package org.jmasq.node.proxyserver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jmasq.crypto.CryptoException;

/**
 * The routes new streams join, by isolation group. A new stream still asks the route finder (no
 * public-key work, and it keeps every rule of route choice: the cheapest route, the exit countries
 * wanted, the exits that could not resolve its host); when the answer is a route its group already
 * holds, built less than {@link #LIFETIME} ago and not retired, the stream joins it. Otherwise a
 * new route is built, with its public-key work, and joins the group's routes.
 *
 * <p>A route is retired, and takes no new stream, once a Node on it is lost ({@link #retireIf}) or
 * once it is {@link #LIFETIME} old; its streams go on until they end, as a Tor circuit's do. Groups
 * never share a route: two groups whose route finder answers the same Nodes still get routes of
 * their own, with keys of their own.
 *
 * <p>Bounded: {@link #GROUPS} groups (the least recently used is forgotten) and {@link
 * #ROUTES_PER_GROUP} routes per group (the oldest first). Forgetting a route costs only the
 * public-key work of building another. Thread-safe; the lock is held for the table's work only, not
 * while a route is built (two streams of a group that start together may both build one; the first
 * kept is the route, and the other's work is wasted).
 */
final class SharedRoutes {
  /** Tor's MaxCircuitDirtiness: how long a route takes new streams. */
  static final Duration LIFETIME = Duration.ofMinutes(10);

  static final int GROUPS = 256;
  static final int ROUTES_PER_GROUP = 8;

  /** Builds a route over the given legs for a group: the public-key work. */
  @FunctionalInterface
  interface Builder {
    SharedRoute build(RouteSource.RouteLegs legs, StreamIsolation isolation) throws CryptoException;
  }

  private final Builder builder;
  private final Map<StreamIsolation, List<SharedRoute>> groups =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StreamIsolation, List<SharedRoute>> eldest) {
          return size() > GROUPS;
        }
      };

  SharedRoutes(Builder builder) {
    this.builder = builder;
  }

  /**
   * The route for a new stream of {@code isolation} over {@code legs}: one the group holds, or a
   * new one.
   */
  SharedRoute routeFor(RouteSource.RouteLegs legs, StreamIsolation isolation, Instant now)
      throws CryptoException {
    synchronized (this) {
      Optional<SharedRoute> held = held(legs, isolation, now);
      if (held.isPresent()) {
        held.get().joined();
        return held.get();
      }
    }
    // The public-key work runs outside the lock: the timer's route check takes it too.
    SharedRoute built = builder.build(legs, isolation);
    synchronized (this) {
      // Two streams of a group may have built one at once: the first one kept is the route.
      Optional<SharedRoute> first = held(legs, isolation, now);
      if (first.isPresent()) {
        first.get().joined();
        return first.get();
      }
      List<SharedRoute> routes = groups.computeIfAbsent(isolation, k -> new ArrayList<>());
      if (routes.size() >= ROUTES_PER_GROUP) {
        routes.remove(0).retire();
      }
      routes.add(built);
      built.joined();
      return built;
    }
  }

  /** The route over {@code legs} the group holds and may still take a stream. */
  private Optional<SharedRoute> held(
      RouteSource.RouteLegs legs, StreamIsolation isolation, Instant now) {
    List<SharedRoute> routes = groups.get(isolation);
    if (routes == null) {
      return Optional.empty();
    }
    routes.removeIf(r -> !r.takesStreams(now));
    return routes.stream().filter(r -> r.legs.equals(legs)).findFirst();
  }

  /** Retires every route {@code lost} says has lost a Node, so no new stream takes it. */
  synchronized void retireIf(Predicate<SharedRoute> lost) {
    for (List<SharedRoute> routes : groups.values()) {
      routes.removeIf(
          route -> {
            if (lost.test(route)) {
              route.retire();
              return true;
            }
            return false;
          });
    }
  }

  /** The routes taking new streams at {@code now}, for a view of them. */
  synchronized List<SharedRoute> current(Instant now) {
    return groups.values().stream().flatMap(List::stream).filter(r -> r.takesStreams(now)).toList();
  }
}
