package org.jmasq.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jmasq.neighborhood.RatePack;
import org.junit.jupiter.api.Test;

/**
 * The one charge formula both sides of every package use: {@code service_rate + byte_rate × size}.
 */
class ServiceTest {
  @Test
  void a_charge_is_the_service_rate_plus_the_byte_rate_times_the_size() {
    assertThat(Service.ROUTING.charge(RatePack.DEFAULT, 1000))
        .isEqualTo(Wei.of(53_844 + 53_844L * 1000));
    assertThat(Service.EXIT.charge(RatePack.DEFAULT, 1000))
        .isEqualTo(Wei.of(107_688 + 107_688L * 1000));
  }

  @Test
  void an_empty_exit_packet_still_costs_the_exit_service_rate() {
    assertThat(Service.EXIT.charge(RatePack.DEFAULT, 0)).isEqualTo(Wei.of(107_688));
  }

  @Test
  void the_largest_rates_and_sizes_do_not_overflow() {
    RatePack max =
        new RatePack(RatePack.MAX_RATE, RatePack.MAX_RATE, RatePack.MAX_RATE, RatePack.MAX_RATE);
    assertThat(Service.EXIT.charge(max, Long.MAX_VALUE).toBigInteger())
        .isEqualTo(
            java.math.BigInteger.valueOf(RatePack.MAX_RATE)
                .multiply(java.math.BigInteger.valueOf(Long.MAX_VALUE))
                .add(java.math.BigInteger.valueOf(RatePack.MAX_RATE)));
  }

  @Test
  void a_negative_size_is_refused() {
    assertThatThrownBy(() -> Service.ROUTING.charge(RatePack.DEFAULT, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
