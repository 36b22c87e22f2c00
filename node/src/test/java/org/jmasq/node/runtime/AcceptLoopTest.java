package org.jmasq.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failing accepts (out of file descriptors, say) as the loop meets them, on a clock the test moves:
 * every pause the loop takes is a timer the test sees set, so the counts are exact.
 */
@Timeout(60)
class AcceptLoopTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final WatchedRuntime runtime = new WatchedRuntime();
  private final RecordingLogger log = new RecordingLogger();
  private final AtomicInteger attempts = new AtomicInteger();
  private AcceptLoop<String> loop;

  @AfterEach
  void stop() {
    if (loop != null) {
      loop.stop();
    }
    runtime.close();
  }

  private String failing() throws IOException {
    attempts.incrementAndGet();
    throw new IOException("Too many open files");
  }

  @Test
  void failing_accepts_back_off_from_10_ms_to_1_s_and_log_five_lines_a_minute() throws Exception {
    loop = AcceptLoop.start(runtime, "accept", "links", this::failing, s -> {}, log);

    List<Long> pauses = new ArrayList<>();
    Duration elapsed = Duration.ZERO;
    // Two minutes of the clock, one pause at a time.
    while (elapsed.compareTo(Duration.ofMinutes(2)) < 0) {
      Duration pause = runtime.nextScheduled(PATIENCE);
      pauses.add(pause.toMillis());
      elapsed = elapsed.plus(pause);
      runtime.advance(pause);
    }

    assertThat(pauses.subList(0, 9))
        .containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 640L, 1000L, 1000L);
    assertThat(pauses).allMatch(p -> p <= 1000);
    // Two minutes of failures cost about 120 attempts, where the loop without pauses made
    // hundreds of thousands a second.
    assertThat(attempts.get()).isBetween(pauses.size(), pauses.size() + 1).isLessThan(130);
    List<String> lines = log.lines();
    assertThat(lines).hasSizeBetween(10, 11);
    assertThat(lines.get(0))
        .isEqualTo(
            "WARN Accepting links failed (1 in a row; next try in 10 ms): Too many open files");
    assertThat(lines.get(5)).matches("WARN .* \\(\\d+ similar lines held back before this one\\)");
  }

  @Test
  void an_accept_that_works_ends_the_pauses() throws Exception {
    BlockingQueue<String> handled = new LinkedBlockingQueue<>();
    loop =
        AcceptLoop.start(
            runtime,
            "accept",
            "links",
            () -> {
              if (attempts.incrementAndGet() == 4) {
                return "connection";
              }
              throw new IOException("Too many open files");
            },
            handled::add,
            log);

    List<Long> pauses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Duration pause = runtime.nextScheduled(PATIENCE);
      pauses.add(pause.toMillis());
      runtime.advance(pause);
    }

    assertThat(handled.poll(10, TimeUnit.SECONDS)).isEqualTo("connection");
    assertThat(pauses).containsExactly(10L, 20L, 40L, 10L);
  }

  @Test
  void stopping_ends_a_pause_at_once() throws Exception {
    loop = AcceptLoop.start(runtime, "accept", "links", this::failing, s -> {}, log);
    runtime.nextScheduled(PATIENCE);

    loop.stop();

    Thread thread = runtime.daemons().get(0);
    thread.join(PATIENCE.toMillis());
    assertThat(thread.isAlive()).isFalse();
    assertThat(attempts.get()).isEqualTo(1);
  }
}
