package org.jmasq.accountant;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;

/**
 * The charges for one package, computed the same way on both sides: the originator adds them to
 * its payables, and each serving Node adds its own to its receivables. Both sides call
 * {@link Service#charge} with the same rate pack and the same size, so the two books agree to the
 * wei.
 */
public final class Charges {
  private Charges() {}

  /**
   * What the originator owes for one package: each relay's routing charge on the encrypted payload
   * size and the exit's charge on the plaintext data size. Services paid to one of
   * {@code ownWallets} are left out: a Node never owes itself.
   */
  public static List<Charge> owedByConsumer(
      List<ServiceOnRoute> services, long encryptedPayloadSize, long exitDataSize, Set<Wallet> ownWallets) {
    List<Charge> charges = new ArrayList<>(services.size());
    for (ServiceOnRoute s : services) {
      if (ownWallets.contains(s.earningWallet())) {
        continue;
      }
      long size = s.service() == Service.ROUTING ? encryptedPayloadSize : exitDataSize;
      charges.add(new Charge(s.earningWallet(), s.service(), s.service().charge(s.ratePack(), size)));
    }
    return List.copyOf(charges);
  }

  /**
   * What a serving Node records against the payer of one package, from its own rate pack. Empty if
   * the payer is the Node's own wallet.
   */
  public static List<Charge> owedToProvider(
      Wallet payer, RatePack ownRates, Service service, long size, Set<Wallet> ownWallets) {
    if (ownWallets.contains(payer)) {
      return List.of();
    }
    return List.of(new Charge(payer, service, service.charge(ownRates, size)));
  }
}
