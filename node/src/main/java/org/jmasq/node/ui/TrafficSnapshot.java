package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;

/**
 * What this Node carries now and has carried since it started: the payload of the JMasq extension
 * {@code traffic} and of its {@code trafficChange} broadcast (see {@code docs/UI.md}).
 *
 * @param streamsOpen this Node's own users' streams open now
 * @param bytesRelayed package bytes this Node relayed for others
 * @param bytesExited bytes this Node's exit read from servers for others
 * @param bytesConsumed bytes this Node's own users' streams carried, both ways
 * @param earnedWei what the data path charged others for this Node's service
 * @param spentWei what the data path charged this Node for its own streams
 * @param routes the routes this Node's own users' streams use now
 */
public record TrafficSnapshot(
    int streamsOpen,
    long bytesRelayed,
    long bytesExited,
    long bytesConsumed,
    BigInteger earnedWei,
    BigInteger spentWei,
    List<RouteInUse> routes) {
  public TrafficSnapshot {
    if (streamsOpen < 0 || bytesRelayed < 0 || bytesExited < 0 || bytesConsumed < 0) {
      throw new IllegalArgumentException("counts are never negative");
    }
    if (earnedWei == null || spentWei == null || earnedWei.signum() < 0 || spentWei.signum() < 0) {
      throw new IllegalArgumentException("earnedWei and spentWei: 0 or more");
    }
    routes = List.copyOf(routes);
  }

  /**
   * A route in use.
   *
   * @param routeId the same for the same route while it is used (its hops over and back)
   * @param hops short keys from the first hop after this Node to the exit, in order
   * @param exit the exit's short key
   * @param exitCountry the country the exit's record claims, {@value #UNKNOWN_COUNTRY} if none
   * @param streams how many of this Node's streams use it now
   */
  public record RouteInUse(
      String routeId, List<String> hops, String exit, String exitCountry, int streams) {
    public RouteInUse {
      hops = List.copyOf(hops);
      if (routeId == null || exit == null || exitCountry == null || streams < 1) {
        throw new IllegalArgumentException("a route in use has an id, an exit and a stream");
      }
    }

    /** A route whose exit's country is not known. */
    public RouteInUse(String routeId, List<String> hops, String exit, int streams) {
      this(routeId, hops, exit, UNKNOWN_COUNTRY, streams);
    }
  }

  /** The country of an exit whose record claims none. */
  public static final String UNKNOWN_COUNTRY = "ZZ";

  /** Total number of routes in use. */
  public int routeCount() {
    return routes.size();
  }

  ObjectNode payload() {
    ObjectNode out = UiAnswer.object();
    out.put("streamsOpen", streamsOpen);
    out.put("bytesRelayed", bytesRelayed);
    out.put("bytesExited", bytesExited);
    out.put("bytesConsumed", bytesConsumed);
    // Decimal strings: wei pass 2^53, past which a JavaScript number loses digits.
    out.put("earnedWei", earnedWei.toString());
    out.put("spentWei", spentWei.toString());
    ArrayNode list = out.putArray("routes");
    for (RouteInUse r : routes) {
      ObjectNode route = list.addObject();
      route.put("routeId", r.routeId());
      ArrayNode hops = route.putArray("hops");
      r.hops().forEach(hops::add);
      route.put("exit", r.exit());
      route.put("exitCountry", r.exitCountry());
      route.put("streams", r.streams());
    }
    return out;
  }
}
