package org.jmasq.accountant;

import org.jmasq.identity.Wallet;

/**
 * One token transfer the payable scan will make; {@code partial} when it pays less than the whole
 * debt.
 */
public record Payment(Wallet creditor, Wei amount, boolean partial) {
  public Payment {
    if (creditor == null || amount == null || amount.isZero()) {
      throw new IllegalArgumentException("payment: a creditor and a positive amount are required");
    }
  }
}
