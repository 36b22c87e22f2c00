package org.jmasq.neighborhood;

import java.util.Optional;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.route.RouteQuery;

/**
 * What a Node publishes about itself and how it searches routes. The factory methods give the
 * reference's modes.
 *
 * @param initialVersion the root record's first version (a restarted Node passes one above the last
 *     it published, so its neighbors take its new record)
 */
public record NeighborhoodConfig(
    Wallet earningWallet,
    RatePack ratePack,
    boolean acceptsConnections,
    boolean routesData,
    Optional<String> countryCode,
    int minHops,
    long initialVersion) {

  public NeighborhoodConfig {
    if (earningWallet == null || ratePack == null || countryCode == null) {
      throw new IllegalArgumentException("config fields may not be null");
    }
    if (minHops < 1 || minHops > RouteQuery.MAX_MIN_HOPS) {
      throw new IllegalArgumentException(
          "minHops: " + minHops + " (expected: 1~" + RouteQuery.MAX_MIN_HOPS + ")");
    }
    if (initialVersion < 0 || initialVersion > NodeRecordInner.MAX_VERSION) {
      throw new IllegalArgumentException(
          "initialVersion: "
              + initialVersion
              + " (expected: 0~"
              + NodeRecordInner.MAX_VERSION
              + ")");
    }
  }

  /** Accepts connections and routes data. */
  public static NeighborhoodConfig standard(
      Wallet wallet, RatePack rates, Optional<String> country) {
    return new NeighborhoodConfig(
        wallet, rates, true, true, country, RouteQuery.DEFAULT_MIN_HOPS, 0);
  }

  /** Routes data but accepts no connections. */
  public static NeighborhoodConfig originateOnly(
      Wallet wallet, RatePack rates, Optional<String> country) {
    return new NeighborhoodConfig(
        wallet, rates, false, true, country, RouteQuery.DEFAULT_MIN_HOPS, 0);
  }

  /** Only consumes: no connections, no routing, zero rates. */
  public static NeighborhoodConfig consumeOnly(Wallet wallet, Optional<String> country) {
    return new NeighborhoodConfig(
        wallet, RatePack.ZERO, false, false, country, RouteQuery.DEFAULT_MIN_HOPS, 0);
  }

  public NeighborhoodConfig withMinHops(int hops) {
    return new NeighborhoodConfig(
        earningWallet, ratePack, acceptsConnections, routesData, countryCode, hops, initialVersion);
  }

  public NeighborhoodConfig withInitialVersion(long version) {
    return new NeighborhoodConfig(
        earningWallet, ratePack, acceptsConnections, routesData, countryCode, minHops, version);
  }
}
