package org.jmasq.neighborhood;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.route.ExitCountries;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.neighborhood.route.GraphvizExport;
import org.jmasq.neighborhood.route.RoundTripRoute;
import org.jmasq.neighborhood.route.RouteFinder;
import org.jmasq.neighborhood.route.RouteQuery;

/**
 * A Neighborhood's route queries: the route finder over its database's current graph, less the
 * hosts each exit could not resolve. Owned by the {@link Neighborhood}'s thread.
 */
final class NeighborhoodRoutes {
  private final NeighborhoodDatabase db;
  private final RouteFinder routeFinder = new RouteFinder();
  private final Map<PublicKey, Set<String>> unreachableHosts = new HashMap<>();

  NeighborhoodRoutes(NeighborhoodDatabase db) {
    this.db = db;
  }

  /** The cheapest round trip for {@code query}, if one exists. */
  Optional<RoundTripRoute> find(RouteQuery query) {
    return routeFinder.find(graph(), query);
  }

  /** Whether any round trip of at least {@code minHops} hops exists (the connectivity check). */
  boolean exists(int minHops) {
    return find(RouteQuery.connectivityCheck(minHops)).isPresent();
  }

  /** See {@link ExitCountries#shortfall}. */
  Optional<String> exitCountryShortfall(ExitPreferences wanted, int minHops) {
    return ExitCountries.shortfall(routeFinder, graph(), db.keys(), minHops, wanted);
  }

  /** The countries a round trip of at least {@code minHops} hops can exit in now. */
  SortedSet<String> exitCountries(int minHops) {
    return ExitCountries.reachable(routeFinder, graph(), db.keys(), minHops);
  }

  /** The exit {@code exit} failed to resolve {@code host}; later routes to that host avoid it. */
  void exitCouldNotResolve(PublicKey exit, String host) {
    unreachableHosts.computeIfAbsent(exit, k -> new HashSet<>()).add(host);
  }

  /** The graph in Graphviz DOT. */
  String toDot() {
    return GraphvizExport.toDot(graph(), db.keys());
  }

  // A fresh view each time: it reads the database as it is now.
  private DatabaseRouteGraph graph() {
    return new DatabaseRouteGraph(db, unreachableHosts);
  }
}
