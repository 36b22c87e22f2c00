package org.jmasq.node.proxyserver;

import java.util.List;
import java.util.Optional;
import org.jmasq.accountant.RoutePricing;
import org.jmasq.crypto.PublicKey;

/**
 * Finds round-trip routes for new streams, says whether a stream's route still stands, and is the
 * book in which the route's price is looked up.
 */
public interface RouteSource extends RoutePricing.TermsBook {
  /** A round trip: the over leg ends at the exit, where the back leg starts. */
  record RouteLegs(List<PublicKey> over, List<PublicKey> back) {
    public RouteLegs {
      over = List.copyOf(over);
      back = List.copyOf(back);
    }

    PublicKey exit() {
      return over.get(over.size() - 1);
    }

    /** {@code O > A > B > X, back X > C > D > O}, with short keys, for logs. */
    String describe() {
      return String.join(" > ", over.stream().map(PublicKey::toString).toList())
          + ", back "
          + String.join(" > ", back.stream().map(PublicKey::toString).toList());
    }
  }

  Optional<RouteLegs> findRoute(String host, int payloadSize);

  /** None known, unless the source knows the Nodes it routes through (the Neighborhood does). */
  @Override
  default Optional<Terms> terms(PublicKey key) {
    return Optional.empty();
  }

  /** False once a Node on the route is gone or two consecutive Nodes are no longer neighbors. */
  default boolean stillStands(RouteLegs legs) {
    return true;
  }

  /**
   * Why no route exists when only the user's exit countries stand in the way (preferences without
   * fallback and no reachable exit in any of their countries); empty otherwise, and then a missing
   * route is worth waiting for.
   */
  default Optional<String> exitCountryShortfall() {
    return Optional.empty();
  }

  /** Whether a DNS failure at an exit should be retried through another exit. */
  default boolean retriesDnsFailures() {
    return false;
  }

  /** Remembers that {@code exit} could not resolve {@code host}, so later routes avoid it. */
  default void exitCouldNotResolve(PublicKey exit, String host) {}

  /** The zero-hop source: every route is {@code [self, self]} both ways, and never retried. */
  static RouteSource zeroHop(PublicKey self) {
    RouteLegs legs = new RouteLegs(List.of(self, self), List.of(self, self));
    return (host, size) -> Optional.of(legs);
  }
}
