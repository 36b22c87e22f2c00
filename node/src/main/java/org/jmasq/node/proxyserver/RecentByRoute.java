package org.jmasq.node.proxyserver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Something kept for each recent route, by return route id, beyond its streams' end: the relays
 * bill every package they carry back, even one that arrives after its stream is gone, and the
 * originator counts it once it has taken the way back's layers off it. The least recently used
 * route is forgotten beyond the limit.
 */
final class RecentByRoute<V> {
  private final Map<Long, V> values;

  RecentByRoute(int routes) {
    this.values =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
            return size() > routes;
          }
        };
  }

  synchronized void put(long routeId, V value) {
    values.put(routeId, value);
  }

  synchronized Optional<V> of(long routeId) {
    return Optional.ofNullable(values.get(routeId));
  }
}
