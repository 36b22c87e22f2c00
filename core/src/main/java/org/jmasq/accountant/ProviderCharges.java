package org.jmasq.accountant;

import java.util.Set;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;

/**
 * What a serving Node earns from the payer of each package, at its own rate pack: routing on the
 * encrypted payload size for a relayed package, exit on the data size for each request received and
 * each response sent. The same sizes go to a {@link ServiceMeter}, which also says whether a payer
 * may be served more. Nothing is recorded against one of the Node's own wallets.
 *
 * <p>Immutable (its meter is thread-safe); called from the Hopper's and the exit's threads.
 */
public final class ProviderCharges {
  private final RatePack ownRates;
  private final Set<Wallet> ownWallets;
  private final ChargeSink sink;
  private final ServiceMeter meter;

  public ProviderCharges(RatePack ownRates, Set<Wallet> ownWallets, ChargeSink sink) {
    this(ownRates, ownWallets, sink, ServiceMeter.NONE);
  }

  public ProviderCharges(
      RatePack ownRates, Set<Wallet> ownWallets, ChargeSink sink, ServiceMeter meter) {
    this.ownRates = ownRates;
    this.ownWallets = Set.copyOf(ownWallets);
    this.sink = sink;
    this.meter = meter;
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

  /**
   * Whether the exit may send {@code payer} more of a stream it already serves: the packages that
   * come in are checked by the gate, but a server's bytes go out without any.
   */
  public boolean mayServe(Wallet payer) {
    return ownWallets.contains(payer) || meter.mayServe(payer);
  }

  private void earn(Wallet payer, Service service, long size) {
    if (!ownWallets.contains(payer)) {
      sink.earn(payer, service.charge(ownRates, size));
      meter.served(payer, size);
    }
  }
}
