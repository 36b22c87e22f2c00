package org.jmasq.accountant;

import java.time.Duration;

/**
 * How often each scanner runs: the reference's {@code pending_payable|payable|receivable} in
 * seconds.
 */
public record ScanIntervals(Duration pendingPayable, Duration payable, Duration receivable) {
  public static final ScanIntervals DEFAULT =
      new ScanIntervals(Duration.ofSeconds(600), Duration.ofSeconds(600), Duration.ofSeconds(600));
  private static final String ORDER = "pending_payable|payable|receivable";

  public ScanIntervals {
    positive("pendingPayable", pendingPayable);
    positive("payable", payable);
    positive("receivable", receivable);
  }

  private static void positive(String name, Duration interval) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          name + " scan interval: " + interval + " (expected: at least 1 s)");
    }
  }

  /** Parses {@code pending_payable|payable|receivable}, each in seconds. */
  public static ScanIntervals parse(String text) {
    long[] v = PipeSeparated.parse("scan intervals", text, 3, ORDER);
    return new ScanIntervals(
        Duration.ofSeconds(v[0]), Duration.ofSeconds(v[1]), Duration.ofSeconds(v[2]));
  }

  @Override
  public String toString() {
    return pendingPayable.toSeconds() + "|" + payable.toSeconds() + "|" + receivable.toSeconds();
  }
}
