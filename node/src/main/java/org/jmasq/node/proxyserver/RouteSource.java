package org.jmasq.node.proxyserver;

import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;

/** Finds round-trip routes for new streams. */
public interface RouteSource {
  /** A round trip: the over leg ends at the exit, where the back leg starts. */
  record RouteLegs(List<PublicKey> over, List<PublicKey> back) {
    public RouteLegs {
      over = List.copyOf(over);
      back = List.copyOf(back);
    }

    public PublicKey exit() {
      return over.get(over.size() - 1);
    }
  }

  Optional<RouteLegs> findRoute(String host, int payloadSize);

  /** The zero-hop source: every route is {@code [self, self]} both ways. */
  static RouteSource zeroHop(PublicKey self) {
    RouteLegs legs = new RouteLegs(List.of(self, self), List.of(self, self));
    return (host, size) -> Optional.of(legs);
  }
}
