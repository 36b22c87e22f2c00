package org.jmasq.accountant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;

/**
 * Prices a route for its originator, at the rates its Nodes gossiped: each relay between the
 * originator and the exit, and between the exit and the originator, charges routing, and the exit
 * charges exit. A Node whose terms are not known is left out, so what it serves goes unrecorded,
 * and it is reported.
 *
 * <p>Holds no state of its own; safe to share between threads when its parts are.
 */
public final class RoutePricing {
  /**
   * Where the terms of the Nodes on a route are looked up: in a Node, the Neighborhood that finds
   * the routes.
   */
  @FunctionalInterface
  public interface TermsBook {
    /** What a Node on a route is paid with and charges, as gossip last told. */
    record Terms(Wallet earningWallet, RatePack ratePack) {
      public Terms {
        if (earningWallet == null || ratePack == null) {
          throw new IllegalArgumentException("terms: wallet and rate pack are required");
        }
      }
    }

    /** The terms of the Node with {@code key}, if it is known. */
    Optional<Terms> terms(PublicKey key);
  }

  /** Hears of a Node on a route whose terms are not known: its {@code service} goes unrecorded. */
  @FunctionalInterface
  public interface Unpriced {
    void unpriced(PublicKey key, Service service);
  }

  private final TermsBook terms;
  private final Set<Wallet> ownWallets;
  private final ChargeSink sink;
  private final Unpriced unpriced;

  /**
   * @param ownWallets the originator's own wallets: what it would pay itself is left out
   * @param sink where the route's charges go, package by package
   */
  public RoutePricing(TermsBook terms, Set<Wallet> ownWallets, ChargeSink sink, Unpriced unpriced) {
    this.terms = terms;
    this.ownWallets = Set.copyOf(ownWallets);
    this.sink = sink;
    this.unpriced = unpriced;
  }

  /**
   * @param over the Nodes from the originator to the exit, both included
   * @param back the Nodes from the exit back to the originator, both included
   */
  public RouteCharges price(List<PublicKey> over, List<PublicKey> back) {
    requireLeg("over", over);
    requireLeg("back", back);
    return new RouteCharges(
        services(over.subList(1, over.size() - 1), Service.ROUTING),
        services(List.of(over.get(over.size() - 1)), Service.EXIT).stream().findFirst(),
        services(back.subList(1, back.size() - 1), Service.ROUTING),
        ownWallets,
        sink);
  }

  private static void requireLeg(String name, List<PublicKey> leg) {
    if (leg.size() < 2) {
      throw new IllegalArgumentException(
          name + " leg: " + leg.size() + " Nodes (expected: at least 2)");
    }
  }

  private List<ServiceOnRoute> services(List<PublicKey> keys, Service service) {
    List<ServiceOnRoute> out = new ArrayList<>(keys.size());
    for (PublicKey key : keys) {
      Optional<TermsBook.Terms> known = terms.terms(key);
      if (known.isEmpty()) {
        unpriced.unpriced(key, service);
      } else {
        out.add(new ServiceOnRoute(known.get().earningWallet(), known.get().ratePack(), service));
      }
    }
    return out;
  }
}
