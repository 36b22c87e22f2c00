package org.jmasq.accountant;

import java.time.Instant;
import org.jmasq.identity.Wallet;

/** What one debtor owes this Node; the balance goes negative when the debtor has overpaid. */
public record ReceivableAccount(Wallet wallet, Balance balance, Instant lastReceived) {
  public ReceivableAccount {
    if (wallet == null || balance == null || lastReceived == null) {
      throw new IllegalArgumentException(
          "receivable: wallet, balance and lastReceived are required");
    }
  }
}
