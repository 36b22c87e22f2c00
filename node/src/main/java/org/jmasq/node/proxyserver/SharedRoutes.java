package org.jmasq.node.proxyserver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * public-key work of building another. Thread-safe; building a route holds the table's lock, so two
 * streams of one group that start together share one new route.
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
  synchronized SharedRoute routeFor(
      RouteSource.RouteLegs legs, StreamIsolation isolation, Instant now) throws CryptoException {
    List<SharedRoute> routes = groups.computeIfAbsent(isolation, k -> new ArrayList<>());
    routes.removeIf(r -> r.isRetired() || !now.isBefore(r.built.plus(LIFETIME)));
    for (SharedRoute route : routes) {
      if (route.legs.equals(legs)) {
        route.joined();
        return route;
      }
    }
    SharedRoute built = builder.build(legs, isolation);
    if (routes.size() >= ROUTES_PER_GROUP) {
      routes.remove(0).retire();
    }
    routes.add(built);
    built.joined();
    return built;
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

  /** The routes taking new streams now, for a view of them. */
  synchronized List<SharedRoute> current() {
    return groups.values().stream().flatMap(List::stream).toList();
  }
}
