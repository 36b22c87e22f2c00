package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A burst at once, a steady rate after, on the caller's clock only. */
class TokenBucketTest {
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void a_full_bucket_gives_its_burst_and_then_nothing_until_time_passes() {
    TokenBucket bucket = new TokenBucket(4, 2, t0);

    for (int i = 0; i < 4; i++) {
      assertThat(bucket.tryTake(1, t0)).isTrue();
    }
    assertThat(bucket.tryTake(1, t0)).isFalse();
    assertThat(bucket.tryTake(1, t0.plusMillis(499))).isFalse();
    assertThat(bucket.tryTake(1, t0.plusMillis(500))).isTrue();
  }

  @Test
  void it_refills_at_its_rate_and_never_beyond_its_capacity() {
    TokenBucket bucket = new TokenBucket(4, 2, t0);
    assertThat(bucket.tryTake(4, t0)).isTrue();

    Instant later = t0.plus(Duration.ofDays(365));
    assertThat(bucket.tryTake(4, later)).isTrue();
    assertThat(bucket.tryTake(1, later)).isFalse();
  }

  @Test
  void a_request_it_cannot_fill_takes_nothing() {
    TokenBucket bucket = new TokenBucket(4, 1, t0);

    assertThat(bucket.tryTake(5, t0)).isFalse();
    assertThat(bucket.tryTake(4, t0)).as("the failed request took nothing").isTrue();
  }

  @Test
  void a_clock_that_goes_back_adds_nothing() {
    TokenBucket bucket = new TokenBucket(2, 1, t0);
    assertThat(bucket.tryTake(2, t0)).isTrue();

    assertThat(bucket.tryTake(1, t0.minusSeconds(10))).isFalse();
    assertThat(bucket.tryTake(1, t0.plusSeconds(1))).isTrue();
  }
}
