package org.jmasq.node.database;

import java.util.Optional;
import java.util.function.Function;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.RatePacks;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.neighborhood.RatePack;

/**
 * The Accountant's persisted settings: payment thresholds, scan intervals and rate pack. A value
 * given on the command line replaces the stored one (the reference persists them), and a stored
 * value that no longer parses is reported with its row rather than replaced by a default.
 */
public record AccountantSettings(
    PaymentThresholds thresholds, ScanIntervals scanIntervals, RatePack ratePack) {
  static final String PAYMENT_THRESHOLDS = "payment_thresholds";
  static final String SCAN_INTERVALS = "scan_intervals";
  static final String RATE_PACK = "rate_pack";

  /**
   * Stores whichever settings are given, then reads all three back. Each given value is already
   * parsed, so nothing invalid is stored.
   */
  public static AccountantSettings apply(
      NodeDatabase database,
      Optional<PaymentThresholds> thresholds,
      Optional<ScanIntervals> intervals,
      Optional<RatePack> ratePack)
      throws DatabaseException {
    ConfigTable config = database.config();
    database.atomically(
        "store the accountant settings",
        () -> {
          if (thresholds.isPresent()) {
            config.set(PAYMENT_THRESHOLDS, thresholds.get().toString());
          }
          if (intervals.isPresent()) {
            config.set(SCAN_INTERVALS, intervals.get().toString());
          }
          if (ratePack.isPresent()) {
            config.set(RATE_PACK, ratePack.get().toString());
          }
        });
    return new AccountantSettings(
        read(config, PAYMENT_THRESHOLDS, PaymentThresholds::parse, PaymentThresholds.DEFAULT),
        read(config, SCAN_INTERVALS, ScanIntervals::parse, ScanIntervals.DEFAULT),
        read(config, RATE_PACK, RatePacks::parse, RatePack.DEFAULT));
  }

  private static <T> T read(ConfigTable config, String row, Function<String, T> parse, T fallback)
      throws DatabaseException {
    Optional<String> stored = config.get(row);
    if (stored.isEmpty()) {
      return fallback;
    }
    try {
      return parse.apply(stored.get());
    } catch (IllegalArgumentException e) {
      throw new DatabaseException("config '" + row + "' holds an invalid value: " + e.getMessage());
    }
  }
}
