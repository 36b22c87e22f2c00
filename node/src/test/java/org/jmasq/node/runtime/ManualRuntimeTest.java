package org.jmasq.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualRuntimeTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void timers_run_when_the_clock_reaches_them_in_order_of_their_due_time() {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      List<String> ran = new CopyOnWriteArrayList<>();
      runtime.schedule(Duration.ofSeconds(3), () -> ran.add("once@" + runtime.clock().instant()));
      runtime.scheduleAtFixedRate(
          Duration.ofSeconds(2), () -> ran.add("tick@" + runtime.clock().instant()));

      runtime.advance(Duration.ofSeconds(1));
      assertThat(ran).isEmpty();
      runtime.advance(Duration.ofSeconds(4));

      assertThat(ran)
          .containsExactly(
              "tick@" + START.plusSeconds(2),
              "once@" + START.plusSeconds(3),
              "tick@" + START.plusSeconds(4));
      assertThat(runtime.clock().instant()).isEqualTo(START.plusSeconds(5));
    }
  }

  @Test
  void a_cancelled_timer_never_runs_again() {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      List<Instant> ran = new CopyOnWriteArrayList<>();
      Cancellable tick =
          runtime.scheduleAtFixedRate(
              Duration.ofSeconds(1), () -> ran.add(runtime.clock().instant()));
      runtime.advance(Duration.ofSeconds(2));
      tick.cancel();
      runtime.advance(Duration.ofSeconds(5));
      assertThat(ran).containsExactly(START.plusSeconds(1), START.plusSeconds(2));
    }
  }

  @Test
  void await_idle_returns_once_every_mailbox_has_run_what_it_was_given_and_what_that_queued()
      throws InterruptedException {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      Mailbox first = runtime.mailbox("first");
      Mailbox second = runtime.mailbox("second");
      List<String> ran = new CopyOnWriteArrayList<>();
      CountDownLatch release = new CountDownLatch(1);
      first.execute(
          () -> {
            await(release);
            ran.add("first");
            second.execute(() -> ran.add("second"));
          });

      assertThat(runtime.awaitIdle(Duration.ofMillis(50))).isFalse();
      release.countDown();
      assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(ran).containsExactly("first", "second");
    }
  }

  @Test
  void a_mailbox_tells_its_task_whether_more_is_queued_behind_it() throws Exception {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      Mailbox mailbox = runtime.mailbox("box");
      CountDownLatch release = new CountDownLatch(1);
      mailbox.execute(() -> await(release));
      var behindFirst = mailbox.ask(mailbox::queued);
      var behindLast = mailbox.ask(mailbox::queued);
      release.countDown();
      assertThat(behindFirst.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(behindLast.get(10, TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  void a_task_that_throws_does_not_stop_its_mailbox() throws Exception {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      Mailbox mailbox = runtime.mailbox("box");
      mailbox.execute(
          () -> {
            throw new IllegalStateException("one bad input");
          });
      assertThat(mailbox.ask(() -> "still running").get(10, TimeUnit.SECONDS))
          .isEqualTo("still running");
    }
  }

  @Test
  void a_closed_mailbox_refuses_tasks_and_no_longer_counts_as_busy() throws Exception {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      Mailbox mailbox = runtime.mailbox("box");
      CountDownLatch never = new CountDownLatch(1);
      mailbox.execute(() -> await(never));
      mailbox.execute(() -> {});
      mailbox.close();
      assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThatThrownBy(() -> mailbox.execute(() -> {}))
          .isInstanceOf(RejectedExecutionException.class);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
