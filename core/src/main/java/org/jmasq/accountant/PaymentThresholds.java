package org.jmasq.accountant;

import java.math.BigInteger;

/**
 * When debts are paid and when debtors are banned. Written as the reference's {@code
 * debt|maturity|grace|permanent|interval|unban} (gwei and seconds).
 *
 * @param debtThresholdGwei the debt that is tolerated right after maturity
 * @param maturityThresholdSec how long a new debt waits before it may be paid
 * @param paymentGracePeriodSec how much longer a creditor waits before it bans
 * @param permanentDebtAllowedGwei the debt that is always tolerated
 * @param thresholdIntervalSec how long the tolerated debt takes to fall from the debt threshold to
 *     the permanent debt
 * @param unbanBelowGwei a banned debtor is served again once it owes no more than this
 */
public record PaymentThresholds(
    long debtThresholdGwei,
    long maturityThresholdSec,
    long paymentGracePeriodSec,
    long permanentDebtAllowedGwei,
    long thresholdIntervalSec,
    long unbanBelowGwei) {
  /** The longest threshold interval the reference accepts. */
  static final long MAX_INTERVAL_SEC = 1_000_000_000L;

  public static final PaymentThresholds DEFAULT =
      new PaymentThresholds(1_000_000_000L, 1200, 1200, 500_000_000L, 21_600, 500_000_000L);
  private static final String ORDER = "debt|maturity|grace|permanent|interval|unban";

  public PaymentThresholds {
    nonNegative("debtThresholdGwei", debtThresholdGwei);
    nonNegative("maturityThresholdSec", maturityThresholdSec);
    nonNegative("paymentGracePeriodSec", paymentGracePeriodSec);
    nonNegative("permanentDebtAllowedGwei", permanentDebtAllowedGwei);
    nonNegative("unbanBelowGwei", unbanBelowGwei);
    if (debtThresholdGwei <= permanentDebtAllowedGwei) {
      throw new IllegalArgumentException(
          "debt threshold "
              + debtThresholdGwei
              + " gwei must exceed the permanent debt allowed "
              + permanentDebtAllowedGwei
              + " gwei");
    }
    // An interval of 0 would make the slope infinite; the reference divides by it too.
    if (thresholdIntervalSec < 1 || thresholdIntervalSec > MAX_INTERVAL_SEC) {
      throw new IllegalArgumentException(
          "thresholdIntervalSec: "
              + thresholdIntervalSec
              + " (expected: 1~"
              + MAX_INTERVAL_SEC
              + ")");
    }
  }

  private static void nonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
  }

  /** Parses {@code debt|maturity|grace|permanent|interval|unban}. */
  public static PaymentThresholds parse(String text) {
    long[] v = PipeSeparated.parse("payment thresholds", text, 6, ORDER);
    return new PaymentThresholds(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  BigInteger debtThresholdWei() {
    return BigInteger.valueOf(debtThresholdGwei).multiply(Wei.WEI_PER_GWEI);
  }

  BigInteger permanentDebtAllowedWei() {
    return BigInteger.valueOf(permanentDebtAllowedGwei).multiply(Wei.WEI_PER_GWEI);
  }

  BigInteger unbanBelowWei() {
    return BigInteger.valueOf(unbanBelowGwei).multiply(Wei.WEI_PER_GWEI);
  }

  /**
   * How fast the tolerated debt falls, in wei per second (negative): {@code (permanent − debt)·10^9
   * / interval}, truncated toward zero as the reference's integer division does.
   */
  BigInteger slopeWeiPerSec() {
    return permanentDebtAllowedWei()
        .subtract(debtThresholdWei())
        .divide(BigInteger.valueOf(thresholdIntervalSec));
  }

  @Override
  public String toString() {
    return debtThresholdGwei
        + "|"
        + maturityThresholdSec
        + "|"
        + paymentGracePeriodSec
        + "|"
        + permanentDebtAllowedGwei
        + "|"
        + thresholdIntervalSec
        + "|"
        + unbanBelowGwei;
  }
}
