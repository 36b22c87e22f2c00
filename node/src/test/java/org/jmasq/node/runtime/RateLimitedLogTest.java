package org.jmasq.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingLogger logger = new RecordingLogger();
  private final RateLimitedLog log = new RateLimitedLog(logger, clock, Duration.ofMinutes(1), 3);

  @Test
  void only_the_first_lines_of_an_interval_are_written() {
    for (int i = 1; i <= 1000; i++) {
      log.warn("failure {}", i);
    }

    assertThat(logger.lines())
        .containsExactly("WARN failure 1", "WARN failure 2", "WARN failure 3");
  }

  @Test
  void the_first_line_of_the_next_interval_says_how_many_were_held_back() {
    for (int i = 1; i <= 10; i++) {
      log.info("refused {}", i);
    }
    clock.advance(Duration.ofSeconds(59));
    log.info("refused {}", 11);
    clock.advance(Duration.ofSeconds(1));
    log.info("refused {}", 12);
    log.info("refused {}", 13);

    assertThat(logger.lines())
        .containsExactly(
            "INFO refused 1",
            "INFO refused 2",
            "INFO refused 3",
            "INFO refused 12 (8 similar lines held back before this one)",
            "INFO refused 13");
  }
}
