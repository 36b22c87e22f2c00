package org.jmasq.node.proxyserver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jmasq.crypto.PublicKey;

/**
 * What this Node's own users' streams carry, and over which routes: the bytes their clients sent
 * and were sent, counted once here as each stream moves them. Thread-safe.
 */
public final class OwnTraffic {
  private final LongAdder bytes = new LongAdder();

  /**
   * A route some of the streams use now.
   *
   * @param over from this Node to the exit, this Node first
   * @param back from the exit to this Node
   * @param streams how many open streams use it
   */
  public record RouteInUse(List<PublicKey> over, List<PublicKey> back, int streams) {
    public RouteInUse {
      over = List.copyOf(over);
      back = List.copyOf(back);
    }

    public PublicKey exit() {
      return over.get(over.size() - 1);
    }
  }

  /** The bytes carried since the Node started, and the routes in use now. */
  public record Snapshot(long bytes, List<RouteInUse> routes) {
    public Snapshot {
      routes = List.copyOf(routes);
    }
  }

  void carried(long count) {
    bytes.add(count);
  }

  /** The routes of {@code streams}, in the order first seen, each with how many use it. */
  Snapshot snapshot(Collection<OriginStream> streams) {
    Map<RouteSource.RouteLegs, Integer> uses = new LinkedHashMap<>();
    for (OriginStream stream : streams) {
      if (!stream.isFinished()) {
        uses.merge(stream.path().legs, 1, Integer::sum);
      }
    }
    List<RouteInUse> routes = new ArrayList<>();
    uses.forEach((legs, count) -> routes.add(new RouteInUse(legs.over(), legs.back(), count)));
    return new Snapshot(bytes.sum(), routes);
  }
}
