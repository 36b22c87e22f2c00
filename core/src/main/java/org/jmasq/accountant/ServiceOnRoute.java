package org.jmasq.accountant;

import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;

/** A Node serving one leg of a route, as the originator knows it from gossip. */
record ServiceOnRoute(Wallet earningWallet, RatePack ratePack, Service service) {
  ServiceOnRoute {
    if (earningWallet == null || ratePack == null || service == null) {
      throw new IllegalArgumentException(
          "service on route: wallet, rate pack and service are required");
    }
  }
}
