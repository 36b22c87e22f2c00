package org.jmasq.accountant;

import java.time.Instant;
import java.util.OptionalLong;
import org.jmasq.identity.Wallet;

/**
 * What this Node owes one creditor. {@code lastPaid} is when the row was created or a payment to it
 * last confirmed, so the age of the debt is the time since the last settlement.
 */
public record PayableAccount(
    Wallet wallet, Wei balance, Instant lastPaid, OptionalLong pendingPayableRowid) {
  public PayableAccount {
    if (wallet == null || balance == null || lastPaid == null || pendingPayableRowid == null) {
      throw new IllegalArgumentException(
          "payable: wallet, balance, lastPaid and pending link are required");
    }
  }

  public PayableAccount(Wallet wallet, Wei balance, Instant lastPaid) {
    this(wallet, balance, lastPaid, OptionalLong.empty());
  }

  public boolean hasPendingPayment() {
    return pendingPayableRowid.isPresent();
  }
}
