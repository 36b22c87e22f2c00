package org.jmasq.accountant;

import org.jmasq.identity.Wallet;

/** One amount owed to, or by, one wallet for one package. */
public record Charge(Wallet wallet, Service service, Wei amount) {
  public Charge {
    if (wallet == null || service == null || amount == null) {
      throw new IllegalArgumentException("charge: wallet, service and amount are required");
    }
  }
}
