package org.jmasq.node.proxyserver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jmasq.accountant.RouteCharges;

/**
 * What each recent route costs, by return route id. Kept beyond its stream's end, because the
 * relays bill every package they carry back, even one that arrives after its stream is gone.
 */
final class RecentRouteCharges {
  private static final int ROUTES_REMEMBERED = 65_536;

  private final Map<Long, RouteCharges> charges =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, RouteCharges> eldest) {
          return size() > ROUTES_REMEMBERED;
        }
      };

  /** Remembers what the route of {@code routeId} costs, forgetting the oldest beyond the limit. */
  synchronized void put(long routeId, RouteCharges routeCharges) {
    charges.put(routeId, routeCharges);
  }

  /** What the route of {@code routeId} costs, if it is recent enough to be remembered. */
  synchronized Optional<RouteCharges> of(long routeId) {
    return Optional.ofNullable(charges.get(routeId));
  }
}
