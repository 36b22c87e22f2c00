package org.jmasq.node.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.identity.Chain;
import org.jmasq.neighborhood.RatePack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountantSettingsTest {
  @TempDir Path dataDirectory;

  @Test
  void a_new_database_gives_the_reference_defaults() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      assertThat(AccountantSettings.apply(db, Optional.empty(), Optional.empty(), Optional.empty()))
          .isEqualTo(
              new AccountantSettings(
                  PaymentThresholds.DEFAULT, ScanIntervals.DEFAULT, RatePack.DEFAULT));
    }
  }

  @Test
  void given_settings_are_persisted_and_used_by_later_runs() throws Exception {
    PaymentThresholds shortThresholds = PaymentThresholds.parse("1000|10|10|500|100|500");
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      AccountantSettings.apply(
          db,
          Optional.of(shortThresholds),
          Optional.of(ScanIntervals.parse("5|6|7")),
          Optional.of(RatePack.ZERO));
    }
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      AccountantSettings later =
          AccountantSettings.apply(db, Optional.empty(), Optional.empty(), Optional.empty());
      assertThat(later)
          .isEqualTo(
              new AccountantSettings(shortThresholds, ScanIntervals.parse("5|6|7"), RatePack.ZERO));
    }
  }

  @Test
  void a_stored_value_that_no_longer_parses_is_reported_with_its_row() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      db.config().set("scan_intervals", "600|600");
      assertThatThrownBy(
              () ->
                  AccountantSettings.apply(
                      db, Optional.empty(), Optional.empty(), Optional.empty()))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("config 'scan_intervals' holds an invalid value")
          .hasMessageContaining("2 values");
    }
  }
}
