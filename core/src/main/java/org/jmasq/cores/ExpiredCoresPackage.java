package org.jmasq.cores;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.jmasq.identity.Wallet;
import org.jmasq.payload.MessageType;

/**
 * A package that has reached the component it was meant for, with its payload opened. Local only.
 * {@code remainingRoute} is still topped by the hop that brought the package, so an exit answering
 * a request sends its response on along that same route.
 */
public record ExpiredCoresPackage<T extends MessageType>(
    InetSocketAddress immediateNeighbor,
    Optional<Wallet> payingWallet,
    Route remainingRoute,
    T payload,
    int payloadLength) {
  public ExpiredCoresPackage {
    if (immediateNeighbor == null
        || payingWallet == null
        || remainingRoute == null
        || payload == null) {
      throw new IllegalArgumentException("expired package fields may not be null");
    }
  }
}
