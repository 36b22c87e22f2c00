package org.jmasq.accountant;

import java.math.BigInteger;

/**
 * What the consuming wallet can spend in one payable scan: its token balance, its balance of the
 * chain's gas currency, and the most one transfer transaction may cost in gas ({@code gas_price ×
 * gas_limit}).
 */
public record PaymentBudget(Wei tokenBalance, Wei gasBalance, Wei feePerTransaction) {
  public PaymentBudget {
    if (tokenBalance == null || gasBalance == null || feePerTransaction == null) {
      throw new IllegalArgumentException(
          "payment budget: token balance, gas balance and fee are required");
    }
  }

  /** How many transactions the gas balance pays for. */
  long affordableTransactions() {
    if (feePerTransaction.isZero()) {
      return Long.MAX_VALUE;
    }
    return gasBalance
        .toBigInteger()
        .divide(feePerTransaction.toBigInteger())
        .min(BigInteger.valueOf(Long.MAX_VALUE))
        .longValueExact();
  }
}
