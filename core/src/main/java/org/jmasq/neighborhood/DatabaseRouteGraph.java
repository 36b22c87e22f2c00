package org.jmasq.neighborhood;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.route.RouteGraph;

/**
 * The route finder's view of a {@link NeighborhoodDatabase} and of the exits' unreachable hosts.
 */
public final class DatabaseRouteGraph implements RouteGraph {
  private final NeighborhoodDatabase db;
  private final Map<PublicKey, Set<String>> unreachableHosts;

  public DatabaseRouteGraph(NeighborhoodDatabase db, Map<PublicKey, Set<String>> unreachableHosts) {
    this.db = db;
    this.unreachableHosts = unreachableHosts;
  }

  @Override
  public PublicKey origin() {
    return db.rootKey();
  }

  @Override
  public List<PublicKey> fullNeighbors(PublicKey key) {
    return db.fullNeighbors(key);
  }

  @Override
  public java.util.Collection<PublicKey> listedNeighbors(PublicKey key) {
    return db.neighborsOf(key);
  }

  @Override
  public boolean lists(PublicKey a, PublicKey b) {
    return db.neighborsOf(a).contains(b);
  }

  @Override
  public boolean routesData(PublicKey key) {
    return key.equals(db.rootKey())
        ? db.rootInner().routesData()
        : db.node(key).map(NodeRecord::routesData).orElse(false);
  }

  @Override
  public RatePack ratePack(PublicKey key) {
    return key.equals(db.rootKey())
        ? db.rootInner().ratePack()
        : db.node(key).map(NodeRecord::ratePack).orElse(RatePack.ZERO);
  }

  @Override
  public Optional<String> country(PublicKey key) {
    return key.equals(db.rootKey())
        ? db.rootInner().countryCode()
        : db.node(key).flatMap(r -> r.inner().countryCode());
  }

  @Override
  public boolean unreachable(PublicKey exit, String host) {
    return unreachableHosts.getOrDefault(exit, Set.of()).contains(host);
  }
}
