package org.jmasq.neighborhood.route;

import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.RatePack;

/** The view of the Neighborhood the route finder needs. */
public interface RouteGraph {
  PublicKey origin();

  /** Known Nodes that {@code key} lists and that list it back. */
  List<PublicKey> fullNeighbors(PublicKey key);

  /** Every key {@code key}'s record lists, whether or not it lists {@code key} back. */
  java.util.Collection<PublicKey> listedNeighbors(PublicKey key);

  /** True if {@code a}'s record lists {@code b}. */
  boolean lists(PublicKey a, PublicKey b);

  boolean routesData(PublicKey key);

  RatePack ratePack(PublicKey key);

  Optional<String> country(PublicKey key);

  /** True when {@code exit} failed to resolve {@code host} before. */
  boolean unreachable(PublicKey exit, String host);
}
