package org.jmasq.cores;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.jmasq.payload.MessageType;

/**
 * A package that has reached the component it was meant for, with its payload opened. Local only.
 * {@code remainingRoute} is still topped by the hop that brought the package, so an exit answering
 * a request sends its response on along that same route.
 *
 * @param immediateNeighborKey the key the handshake of the link it arrived on proved; empty for a
 *     package this Node sent itself (or that a test hands in without a link)
 */
public record ExpiredCoresPackage<T extends MessageType>(
    InetSocketAddress immediateNeighbor,
    Optional<Wallet> payingWallet,
    Route remainingRoute,
    T payload,
    int payloadLength,
    Optional<PublicKey> immediateNeighborKey) {
  public ExpiredCoresPackage {
    if (immediateNeighbor == null
        || payingWallet == null
        || remainingRoute == null
        || payload == null
        || immediateNeighborKey == null) {
      throw new IllegalArgumentException("expired package fields may not be null");
    }
  }

  /** A package that came over no link: from this Node itself. */
  public ExpiredCoresPackage(
      InetSocketAddress immediateNeighbor,
      Optional<Wallet> payingWallet,
      Route remainingRoute,
      T payload,
      int payloadLength) {
    this(immediateNeighbor, payingWallet, remainingRoute, payload, payloadLength, Optional.empty());
  }
}
