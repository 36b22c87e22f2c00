package org.jmasq.neighborhood.route;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jmasq.crypto.PublicKey;

/**
 * The countries a round trip can exit in now: for each country some known Node claims, whether the
 * route finder finds a route that must exit there. What {@code exitLocation} shows and names as
 * missing, and what a failed stream is told about.
 */
public final class ExitCountries {
  private ExitCountries() {}

  /** The countries of the exits a {@code minHops} round trip can reach in {@code graph}. */
  public static SortedSet<String> reachable(
      RouteFinder finder, RouteGraph graph, Collection<PublicKey> keys, int minHops) {
    SortedSet<String> claimed = new TreeSet<>();
    for (PublicKey key : keys) {
      if (!key.equals(graph.origin()) && graph.routesData(key)) {
        graph.country(key).ifPresent(claimed::add);
      }
    }
    SortedSet<String> reachable = new TreeSet<>();
    for (String country : claimed) {
      RouteQuery onlyThere =
          new RouteQuery(
              minHops,
              RouteQuery.CONNECTIVITY_CHECK_PAYLOAD,
              Optional.empty(),
              new ExitPreferences(List.of(List.of(country)), false));
      if (finder.find(graph, onlyThere).isPresent()) {
        reachable.add(country);
      }
    }
    return reachable;
  }

  /**
   * Why {@code wanted} leaves no route when the countries alone stand in the way: preferences
   * without fallback, none of whose countries has a reachable exit, while a route exits elsewhere.
   * Empty otherwise, and then a missing route is worth waiting for. The answer names the missing
   * countries and the reachable ones, for the client.
   */
  public static Optional<String> shortfall(
      RouteFinder finder,
      RouteGraph graph,
      Collection<PublicKey> keys,
      int minHops,
      ExitPreferences wanted) {
    if (!wanted.active()
        || wanted.fallback()
        || finder.find(graph, RouteQuery.connectivityCheck(minHops)).isEmpty()) {
      return Optional.empty();
    }
    SortedSet<String> reachable = reachable(finder, graph, keys, minHops);
    List<String> missing = wanted.missing(reachable);
    if (missing.size() < wanted.requested().size()) {
      return Optional.empty();
    }
    return Optional.of(
        "No exit is reachable in "
            + String.join(", ", missing)
            + (reachable.isEmpty()
                ? "."
                : "; exits are reachable in " + String.join(", ", reachable) + ".")
            + " Choose other countries with exit-location, or allow fallback routing.");
  }
}
