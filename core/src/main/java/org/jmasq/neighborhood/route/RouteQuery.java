package org.jmasq.neighborhood.route;

import java.util.Optional;

/**
 * A request for a round trip.
 *
 * @param minHops hops in each direction, 1 to 6
 * @param payloadSize the request size in bytes, which prices the route
 * @param hostname the target host, so exits that failed to resolve it are avoided
 */
public record RouteQuery(
    int minHops, long payloadSize, Optional<String> hostname, ExitPreferences exitPreferences) {
  public static final int DEFAULT_MIN_HOPS = 3;
  public static final int MAX_MIN_HOPS = 6;
  public static final long MAX_PAYLOAD = 1L << 24;

  /** The payload the connectivity check prices its test route with. */
  static final long CONNECTIVITY_CHECK_PAYLOAD = 10_000;

  public RouteQuery {
    if (minHops < 1 || minHops > MAX_MIN_HOPS) {
      throw new IllegalArgumentException(
          "minHops: " + minHops + " (expected: 1~" + MAX_MIN_HOPS + ")");
    }
    if (payloadSize < 0 || payloadSize > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payloadSize: " + payloadSize + " (expected: 0~" + MAX_PAYLOAD + ")");
    }
    if (hostname == null || exitPreferences == null) {
      throw new IllegalArgumentException("hostname and exitPreferences may not be null");
    }
  }

  public static RouteQuery connectivityCheck(int minHops) {
    return new RouteQuery(
        minHops, CONNECTIVITY_CHECK_PAYLOAD, Optional.empty(), ExitPreferences.NONE);
  }
}
