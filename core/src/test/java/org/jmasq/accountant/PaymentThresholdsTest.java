package org.jmasq.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.jmasq.neighborhood.RatePack;
import org.junit.jupiter.api.Test;

class PaymentThresholdsTest {
  @Test
  void the_defaults_are_the_reference_strings() {
    assertThat(PaymentThresholds.DEFAULT)
        .hasToString("1000000000|1200|1200|500000000|21600|500000000");
    assertThat(ScanIntervals.DEFAULT).hasToString("600|600|600");
    assertThat(RatePack.DEFAULT).hasToString("53844|53844|107688|107688");
  }

  @Test
  void settings_parse_back_to_what_they_print() {
    assertThat(PaymentThresholds.parse("1000000000|1200|1200|500000000|21600|500000000"))
        .isEqualTo(PaymentThresholds.DEFAULT);
    assertThat(ScanIntervals.parse("600|600|600")).isEqualTo(ScanIntervals.DEFAULT);
    assertThat(ScanIntervals.parse("5|6|7").payable()).isEqualTo(Duration.ofSeconds(6));
    assertThat(RatePacks.parse("53844|53844|107688|107688")).isEqualTo(RatePack.DEFAULT);
  }

  @Test
  void the_default_slope_falls_by_half_a_masq_over_six_hours_truncated_toward_zero() {
    // (500 000 000 − 1 000 000 000) gwei × 10^9 / 21 600 s = −23 148 148 148 148.148… wei/s
    assertThat(PaymentThresholds.DEFAULT.slopeWeiPerSec())
        .isEqualTo(BigInteger.valueOf(-23_148_148_148_148L));
  }

  @Test
  void a_debt_threshold_not_above_the_permanent_debt_is_refused() {
    assertThatThrownBy(() -> PaymentThresholds.parse("500|1200|1200|500|21600|500"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must exceed the permanent debt");
  }

  @Test
  void an_interval_of_zero_or_above_a_billion_seconds_is_refused() {
    assertThatThrownBy(() -> PaymentThresholds.parse("1000|1|1|500|0|500"))
        .hasMessageContaining("thresholdIntervalSec: 0");
    assertThatThrownBy(() -> PaymentThresholds.parse("1000|1|1|500|1000000001|500"))
        .hasMessageContaining("1000000001");
  }

  @Test
  void malformed_settings_name_the_setting_the_value_and_the_expected_order() {
    assertThatThrownBy(() -> ScanIntervals.parse("600|600"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scan intervals '600|600' has 2 values")
        .hasMessageContaining("pending_payable|payable|receivable");
    assertThatThrownBy(() -> RatePacks.parse("1|2|x|4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value 3 'x'");
    assertThatThrownBy(() -> PaymentThresholds.parse("1|2|3|-4|5|6")).hasMessageContaining("'-4'");
    assertThatThrownBy(() -> ScanIntervals.parse("0|600|600")).hasMessageContaining("at least 1 s");
    assertThatThrownBy(() -> RatePacks.parse("1|2|3|" + (RatePack.MAX_RATE + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
