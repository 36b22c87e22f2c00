package org.jmasq.automap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerEpochTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static ServerEpoch at(long server, long clientSeconds) {
    return new ServerEpoch(server, T0.plusSeconds(clientSeconds));
  }

  @Test
  void a_router_whose_seconds_advance_with_the_clients_continues_its_epoch() {
    assertThat(at(1000, 0).continuedBy(at(1300, 300))).isTrue();
    assertThat(at(1000, 0).continuedBy(at(1302, 300))).isTrue();
    assertThat(at(1000, 0).continuedBy(at(999, 0))).isTrue();
  }

  @Test
  void seconds_that_went_back_mean_the_router_restarted() {
    assertThat(at(1000, 0).continuedBy(at(5, 300))).isFalse();
    assertThat(at(1000, 0).continuedBy(at(998, 1))).isFalse();
  }

  @Test
  void too_few_seconds_for_the_time_passed_mean_it_restarted_and_ran_again() {
    // The router restarted 200 s after the first answer and has run 900 s since.
    assertThat(at(1000, 0).continuedBy(at(1900, 1100))).isFalse();
  }

  @Test
  void too_many_seconds_for_the_time_passed_are_no_continuation_either() {
    assertThat(at(1000, 0).continuedBy(at(2000, 300))).isFalse();
  }
}
