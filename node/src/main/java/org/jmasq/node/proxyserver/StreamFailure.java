package org.jmasq.node.proxyserver;

import org.jmasq.payload.ExitFailure;

/** Why a stream could not be served, with what the user should be told about it. */
public record StreamFailure(Kind kind, String host, String detail) {
  /** The failures an entry can impersonate. */
  public enum Kind {
    NO_ROUTE,
    /**
     * Exit-location preferences without fallback allow no exit a route can reach; the detail names
     * the missing countries and the reachable ones.
     */
    NO_EXIT_IN_COUNTRY,
    DNS_FAILURE,
    REFUSED_BY_POLICY,
    CONNECTION_REFUSED,
    UNREACHABLE,
    TIMED_OUT,
    /** A Node in a multi-hop mode has no consuming wallet to pay its routes with. */
    NO_CONSUMING_WALLET,
    /**
     * The chain says the consuming wallet holds no tokens or no gas, and its streams have used the
     * credit other Nodes give such a wallet.
     */
    CONSUMING_WALLET_UNFUNDED;

    /** The kind of failure an exit reported. */
    static Kind of(ExitFailure.Reason reason) {
      return switch (reason) {
        case REFUSED_BY_POLICY -> REFUSED_BY_POLICY;
        case CONNECTION_REFUSED -> CONNECTION_REFUSED;
        case UNREACHABLE -> UNREACHABLE;
        case TIMED_OUT -> TIMED_OUT;
      };
    }
  }

  public StreamFailure {
    if (kind == null || host == null || detail == null) {
      throw new IllegalArgumentException("StreamFailure fields may not be null");
    }
  }
}
