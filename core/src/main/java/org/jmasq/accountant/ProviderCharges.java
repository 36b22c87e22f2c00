package org.jmasq.accountant;

import java.util.Set;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;

/**
 * What a serving Node earns from the payer of each package, at its own rate pack: routing on the
 * encrypted payload size for a relayed package, exit on the data size for each request received and
 * each response sent. Nothing is recorded against one of the Node's own wallets.
 *
 * <p>Immutable; called from the Hopper's and the exit's threads.
 */
public final class ProviderCharges {
  private final RatePack ownRates;
  private final Set<Wallet> ownWallets;
  private final ChargeSink sink;

  public ProviderCharges(RatePack ownRates, Set<Wallet> ownWallets, ChargeSink sink) {
    this.ownRates = ownRates;
    this.ownWallets = Set.copyOf(ownWallets);
    this.sink = sink;
  }

  /** Earns nothing: for zero-hop Nodes. */
  public static ProviderCharges none() {
    return new ProviderCharges(RatePack.DEFAULT, Set.of(), ChargeSink.NONE);
  }

  public void relayed(Wallet payer, long encryptedSize) {
    earn(payer, Service.ROUTING, encryptedSize);
  }

  public void exited(Wallet payer, long dataSize) {
    earn(payer, Service.EXIT, dataSize);
  }

  private void earn(Wallet payer, Service service, long size) {
    if (!ownWallets.contains(payer)) {
      sink.earn(payer, service.charge(ownRates, size));
    }
  }
}
