package org.jmasq.neighborhood.route;

import static org.jmasq.neighborhood.RatePack.saturatingAdd;
import static org.jmasq.neighborhood.RatePack.saturatingMultiply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.RatePack;

/**
 * Finds the cheapest round trip. The over leg runs from the originator through exactly {@code
 * minHops} hops (further only while exit-country preferences reject the candidate exit) to an exit
 * that does not neighbor the originator; the back leg runs from that exit to the originator in at
 * least {@code minHops} hops. Only full neighbors, only Nodes that route data, no Node twice per
 * leg.
 *
 * <p>The reference searches exhaustively. Here each leg is a depth-first branch and bound whose
 * prefixes die as soon as they cost more than the best candidates so far; the back leg is also
 * pruned by hop distance to the originator (a breadth-first search bounded to the leg's depth limit
 * of {@code overHops + 2}), and the over leg and each back leg have an expansion budget. The work
 * is therefore bounded by the budget, not by the size or density of the graph. Stateless; safe to
 * share.
 */
public final class RouteFinder {
  static final long UNREACHABLE_HOST_PENALTY = 100_000_000;
  static final long RESPONSE_UNDESIRABILITY_FACTOR = 1_000;

  /** How far past min-hops the over leg may go looking for an exit in a wanted country. */
  static final int EXTRA_HOPS_FOR_COUNTRY = 3;

  /** How many more hops than the over leg the back leg may take. */
  static final int BACK_LEG_SLACK = 2;

  /** How many distinct exits the over leg keeps in case an exit has no way back. */
  static final int EXIT_CANDIDATES = 8;

  static final int DEFAULT_EXPANSION_BUDGET = 20_000;

  private final int expansionBudget;

  public RouteFinder() {
    this(DEFAULT_EXPANSION_BUDGET);
  }

  RouteFinder(int expansionBudget) {
    if (expansionBudget < 1) {
      throw new IllegalArgumentException(
          "expansionBudget: " + expansionBudget + " (expected: at least 1)");
    }
    this.expansionBudget = expansionBudget;
  }

  /** A search's answer and how many path prefixes it examined. */
  record Search(Optional<RoundTripRoute> route, int expansions) {}

  public Optional<RoundTripRoute> find(RouteGraph graph, RouteQuery query) {
    return search(graph, query).route();
  }

  Search search(RouteGraph graph, RouteQuery query) {
    Run run = new Run(graph, query);
    run.over(new ArrayList<>(List.of(graph.origin())), new HashSet<>(Set.of(graph.origin())), 0);
    List<Candidate> exits = new ArrayList<>(run.candidates.values());
    exits.sort(Comparator.comparingLong(Candidate::cost));
    for (Candidate exit : exits) {
      Optional<RoundTripRoute> route = run.back(exit);
      if (route.isPresent()) {
        return new Search(route, run.expansions);
      }
    }
    return new Search(Optional.empty(), run.expansions);
  }

  private record Candidate(List<PublicKey> path, long cost) {
    PublicKey exit() {
      return path.get(path.size() - 1);
    }
  }

  /** The state of one query. */
  private final class Run {
    final RouteGraph graph;
    final RouteQuery query;
    final PublicKey origin;
    final long responseSize;
    final Map<PublicKey, Candidate> candidates = new HashMap<>();
    final Map<PublicKey, List<PublicKey>> fullNeighbors = new HashMap<>();
    Map<PublicKey, Integer> distance;
    int expansions;
    int backExpansions;
    int computedDepth = -1;
    List<PublicKey> bestBack;
    long bestBackCost;

    Run(RouteGraph graph, RouteQuery query) {
      this.graph = graph;
      this.query = query;
      this.origin = graph.origin();
      this.responseSize = saturatingMultiply(query.payloadSize(), RESPONSE_UNDESIRABILITY_FACTOR);
    }

    List<PublicKey> fullNeighborsOf(PublicKey key) {
      return fullNeighbors.computeIfAbsent(key, graph::fullNeighbors);
    }

    long overBound() {
      if (candidates.size() < EXIT_CANDIDATES) {
        return Long.MAX_VALUE;
      }
      return candidates.values().stream().mapToLong(Candidate::cost).max().orElse(Long.MAX_VALUE);
    }

    void offer(List<PublicKey> path, long cost) {
      PublicKey exit = path.get(path.size() - 1);
      Candidate known = candidates.get(exit);
      if (known != null && known.cost() <= cost) {
        return;
      }
      candidates.put(exit, new Candidate(List.copyOf(path), cost));
      if (candidates.size() > EXIT_CANDIDATES) {
        candidates.values().stream()
            .max(Comparator.comparingLong(Candidate::cost))
            .ifPresent(worst -> candidates.remove(worst.exit()));
      }
    }

    void over(List<PublicKey> path, Set<PublicKey> inPath, long cost) {
      if (++expansions > expansionBudget) {
        return;
      }
      int depth = path.size();
      PublicKey last = path.get(depth - 1);
      for (PublicKey next : fullNeighborsOf(last)) {
        if (inPath.contains(next) || !graph.routesData(next)) {
          continue;
        }
        RatePack rates = graph.ratePack(next);
        if (depth >= query.minHops()) {
          boolean adjacent = depth > 1 && (graph.lists(next, origin) || graph.lists(origin, next));
          OptionalLong country = query.exitPreferences().undesirability(graph.country(next));
          if (!adjacent && country.isPresent()) {
            long exitCost =
                saturatingAdd(
                    saturatingAdd(cost, rates.exitCharge(query.payloadSize())),
                    country.getAsLong());
            if (query.hostname().filter(h -> graph.unreachable(next, h)).isPresent()) {
              exitCost = saturatingAdd(exitCost, UNREACHABLE_HOST_PENALTY);
            }
            path.add(next);
            offer(path, exitCost);
            path.remove(path.size() - 1);
            continue;
          }
          if (!query.exitPreferences().active()
              || depth >= query.minHops() + EXTRA_HOPS_FOR_COUNTRY) {
            continue;
          }
        }
        long relayCost = saturatingAdd(cost, rates.routingCharge(query.payloadSize()));
        if (relayCost >= overBound()) {
          continue;
        }
        path.add(next);
        inPath.add(next);
        over(path, inPath, relayCost);
        inPath.remove(next);
        path.remove(path.size() - 1);
      }
    }

    Optional<RoundTripRoute> back(Candidate exit) {
      int overHops = exit.path().size() - 1;
      int maxHops = Math.max(query.minHops(), overHops) + BACK_LEG_SLACK;
      ensureDistances(maxHops - 1);
      PublicKey x = exit.exit();
      RatePack rates = graph.ratePack(x);
      long start = saturatingAdd(rates.exitCharge(responseSize), rates.routingCharge(responseSize));
      bestBack = null;
      bestBackCost = Long.MAX_VALUE;
      backExpansions = 0;
      List<PublicKey> path = new ArrayList<>(List.of(x));
      Set<PublicKey> inPath = new HashSet<>(Set.of(x));
      back(path, inPath, start, maxHops);
      if (bestBack == null) {
        return Optional.empty();
      }
      return Optional.of(
          new RoundTripRoute(exit.path(), bestBack, saturatingAdd(exit.cost(), bestBackCost)));
    }

    void back(List<PublicKey> path, Set<PublicKey> inPath, long cost, int maxHops) {
      expansions++;
      if (++backExpansions > expansionBudget) {
        return;
      }
      int hops = path.size() - 1;
      for (PublicKey next : fullNeighborsOf(path.get(hops))) {
        if (next.equals(origin)) {
          if (hops + 1 >= query.minHops() && cost < bestBackCost) {
            path.add(next);
            bestBack = List.copyOf(path);
            bestBackCost = cost;
            path.remove(path.size() - 1);
          }
          continue;
        }
        Integer toOrigin = distance.get(next);
        if (inPath.contains(next)
            || !graph.routesData(next)
            || toOrigin == null
            || hops + 1 + toOrigin > maxHops) {
          continue;
        }
        long relayCost = saturatingAdd(cost, graph.ratePack(next).routingCharge(responseSize));
        if (relayCost >= bestBackCost) {
          continue;
        }
        path.add(next);
        inPath.add(next);
        back(path, inPath, relayCost, maxHops);
        inPath.remove(next);
        path.remove(path.size() - 1);
      }
    }

    /** Hop distances from the originator over routing Nodes, up to {@code depth}. */
    void ensureDistances(int depth) {
      if (computedDepth >= depth) {
        return;
      }
      distance = new HashMap<>();
      computedDepth = depth;
      Deque<PublicKey> queue = new ArrayDeque<>();
      distance.put(origin, 0);
      queue.add(origin);
      while (!queue.isEmpty()) {
        PublicKey at = queue.poll();
        int d = distance.get(at);
        if (d == depth) {
          continue;
        }
        for (PublicKey n : fullNeighborsOf(at)) {
          if (!distance.containsKey(n) && graph.routesData(n)) {
            distance.put(n, d + 1);
            queue.add(n);
          }
        }
      }
    }
  }
}
