package org.jmasq.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.neighborhood.route.RoundTripRoute;
import org.jmasq.neighborhood.route.RouteFinder;
import org.jmasq.neighborhood.route.RouteGraph;
import org.jmasq.neighborhood.route.RouteQuery;

/**
 * Why each live honest Node that fails the route-success measure fails it, judged against the
 * network as it really is (the live Nodes' own records) rather than against the Node's database: so
 * a failure is told apart as the network's (no route exists at all) or the Node's knowledge (a
 * route exists that it does not know, or it still routes through a dead Node).
 */
final class FailureReasons {
  /** Why one Node failed. */
  enum Reason {
    /** The Node has no full neighbor. */
    ISOLATED,
    /** Its database gives a route, but a Node on it is dead. */
    STALE_ROUTE,
    /** No round trip exists from it in the live network itself. */
    NO_ROUTE_IN_NETWORK,
    /** A round trip exists in the live network, but its database knows none. */
    ROUTE_UNKNOWN
  }

  /**
   * One failing Node: which, why, its full degree in the live network, its component's size, and
   * how many live Nodes outside its component it holds as contacts.
   */
  record Failure(int index, Reason reason, int liveDegree, int componentSize, int liveContacts) {}

  private final SimNetwork net;
  private final Map<PublicKey, Integer> component = new HashMap<>();
  private final Map<Integer, Integer> componentSizes = new HashMap<>();

  FailureReasons(SimNetwork net) {
    this.net = net;
    labelComponents();
  }

  /**
   * The reason {@code n} fails, given the route its database gave (empty: none; present: one that
   * goes through a dead Node).
   */
  Failure classify(SimNode n, Optional<RoundTripRoute> route) {
    TruthGraph truth = new TruthGraph(n.key());
    int degree = truth.fullNeighbors(n.key()).size();
    int size = componentSizes.getOrDefault(component.get(n.key()), 1);
    Reason reason;
    if (n.driver.database().fullNeighbors(n.key()).isEmpty()) {
      reason = Reason.ISOLATED;
    } else if (route.isPresent()) {
      reason = Reason.STALE_ROUTE;
    } else if (new RouteFinder().find(truth, defaultQuery()).isEmpty()) {
      reason = Reason.NO_ROUTE_IN_NETWORK;
    } else {
      reason = Reason.ROUTE_UNKNOWN;
    }
    int liveContacts = 0;
    for (org.jmasq.identity.NodeDescriptor d : n.driver.contacts()) {
      SimNode c = net.at(d.nodeAddr().get().ip());
      if (c != null && isLive(c.key()) && !component.get(c.key()).equals(component.get(n.key()))) {
        liveContacts++;
      }
    }
    return new Failure(n.index, reason, degree, size, liveContacts);
  }

  /** Whether every hop of {@code route} is a full neighborship between live Nodes. */
  boolean linksStand(RoundTripRoute route) {
    for (List<PublicKey> leg : List.of(route.over(), route.back())) {
      for (int i = 1; i < leg.size(); i++) {
        if (!isLive(leg.get(i - 1)) || !liveFullNeighbors(leg.get(i - 1)).contains(leg.get(i))) {
          return false;
        }
      }
    }
    return true;
  }

  static RouteQuery defaultQuery() {
    return new RouteQuery(
        RouteQuery.DEFAULT_MIN_HOPS,
        1_000,
        Optional.empty(),
        org.jmasq.neighborhood.route.ExitPreferences.NONE);
  }

  /** One line: the failures by reason, and each failing Node when there are few. */
  static String summarize(List<Failure> failures) {
    Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
    for (Reason r : Reason.values()) {
      counts.put(r, 0);
    }
    failures.forEach(f -> counts.merge(f.reason(), 1, Integer::sum));
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "route failures: %d", failures.size()));
    counts.forEach(
        (r, c) -> sb.append(' ').append(r.name().toLowerCase(Locale.ROOT)).append('=').append(c));
    if (!failures.isEmpty() && failures.size() <= 12) {
      sb.append(';');
      for (Failure f : failures) {
        sb.append(
            String.format(
                Locale.ROOT,
                " [%d %s deg=%d comp=%d contacts=%d]",
                f.index(),
                f.reason().name().toLowerCase(Locale.ROOT),
                f.liveDegree(),
                f.componentSize(),
                f.liveContacts()));
      }
    } else if (!failures.isEmpty()) {
      Map<Integer, Integer> byDegree = new TreeMap<>();
      failures.forEach(f -> byDegree.merge(f.liveDegree(), 1, Integer::sum));
      sb.append("; by live degree ").append(byDegree);
    }
    return sb.toString();
  }

  private boolean isLive(PublicKey k) {
    SimNode n = net.withKey(k);
    return n != null && n.alive && n.joined;
  }

  private List<PublicKey> liveFullNeighbors(PublicKey key) {
    List<PublicKey> out = new ArrayList<>();
    for (PublicKey k : net.withKey(key).driver.database().rootInner().neighbors()) {
      if (isLive(k) && net.withKey(k).driver.database().rootInner().neighbors().contains(key)) {
        out.add(k);
      }
    }
    return out;
  }

  private void labelComponents() {
    int label = 0;
    for (SimNode n : net.nodes) {
      if (!isLive(n.key()) || component.containsKey(n.key())) {
        continue;
      }
      label++;
      int size = 0;
      List<PublicKey> stack = new ArrayList<>(List.of(n.key()));
      component.put(n.key(), label);
      while (!stack.isEmpty()) {
        PublicKey k = stack.remove(stack.size() - 1);
        size++;
        for (PublicKey m : liveFullNeighbors(k)) {
          if (component.putIfAbsent(m, label) == null) {
            stack.add(m);
          }
        }
      }
      componentSizes.put(label, size);
    }
  }

  /** The live network as the live Nodes' own records describe it, seen from {@code origin}. */
  private final class TruthGraph implements RouteGraph {
    private final PublicKey origin;

    TruthGraph(PublicKey origin) {
      this.origin = origin;
    }

    @Override
    public PublicKey origin() {
      return origin;
    }

    @Override
    public List<PublicKey> fullNeighbors(PublicKey key) {
      return isLive(key) ? liveFullNeighbors(key) : List.of();
    }

    @Override
    public Collection<PublicKey> listedNeighbors(PublicKey key) {
      return isLive(key) ? net.withKey(key).driver.database().rootInner().neighbors() : List.of();
    }

    @Override
    public boolean lists(PublicKey a, PublicKey b) {
      return listedNeighbors(a).contains(b);
    }

    @Override
    public boolean routesData(PublicKey key) {
      return isLive(key) && net.withKey(key).driver.database().rootInner().routesData();
    }

    @Override
    public RatePack ratePack(PublicKey key) {
      return net.withKey(key).driver.database().rootInner().ratePack();
    }

    @Override
    public Optional<String> country(PublicKey key) {
      return net.withKey(key).driver.database().rootInner().countryCode();
    }

    @Override
    public boolean unreachable(PublicKey exit, String host) {
      return false;
    }
  }
}
