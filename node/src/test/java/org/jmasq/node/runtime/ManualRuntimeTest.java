package org.jmasq.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
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

  @Test
  void a_full_mailbox_drops_the_next_task_counts_it_and_says_so_to_its_sender() throws Exception {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      Mailbox mailbox = runtime.mailbox("box", 2);
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      List<String> ran = new CopyOnWriteArrayList<>();
      mailbox.execute(
          () -> {
            running.countDown();
            await(release);
          });
      running.await();
      mailbox.execute(() -> ran.add("first"));
      mailbox.execute(() -> ran.add("second"));

      assertThatThrownBy(() -> mailbox.execute(() -> ran.add("third")))
          .isInstanceOf(MailboxFullException.class)
          .hasMessageContaining("box is full (2 tasks waiting)");
      assertThatThrownBy(() -> mailbox.ask(() -> "fourth"))
          .isInstanceOf(MailboxFullException.class);
      assertThat(mailbox.dropped()).isEqualTo(2);
      assertThat(mailbox.queued()).isEqualTo(2);

      release.countDown();
      assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(ran).containsExactly("first", "second");
      mailbox.execute(() -> ran.add("after"));
      assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(ran).endsWith("after");
    }
  }

  @Test
  void a_mailbox_made_without_a_bound_has_the_default_one() {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      assertThat(runtime.mailbox("box").capacity()).isEqualTo(Mailbox.DEFAULT_CAPACITY);
    }
  }

  @Test
  void a_task_that_throws_an_error_does_not_stop_its_mailbox() throws Exception {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      Mailbox mailbox = runtime.mailbox("box");
      mailbox.execute(
          () -> {
            throw new AssertionError("a broken invariant");
          });
      assertThat(mailbox.ask(() -> "still running").get(10, TimeUnit.SECONDS))
          .isEqualTo("still running");
    }
  }

  @Test
  void an_interrupt_left_behind_by_a_task_does_not_stop_its_mailbox() throws Exception {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      Mailbox mailbox = runtime.mailbox("box");
      mailbox.execute(() -> Thread.currentThread().interrupt());
      var interruptedNext = mailbox.ask(() -> Thread.currentThread().isInterrupted());
      assertThat(interruptedNext.get(10, TimeUnit.SECONDS))
          .as("the next task starts clean")
          .isFalse();
      assertThat(mailbox.ask(() -> "still running").get(10, TimeUnit.SECONDS))
          .isEqualTo("still running");
    }
  }

  @Test
  void a_mailbox_whose_task_runs_out_of_stack_closes_and_fails_what_it_had_queued()
      throws Exception {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      Mailbox mailbox = runtime.mailbox("box");
      CountDownLatch release = new CountDownLatch(1);
      mailbox.execute(
          () -> {
            await(release);
            throw new StackOverflowError("a task that recursed too deep");
          });
      CompletableFuture<String> queued = mailbox.ask(() -> "never");
      release.countDown();

      assertThat(queued)
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(RejectedExecutionException.class);
      assertThatThrownBy(() -> mailbox.execute(() -> {}))
          .as("refused, not queued where it would never run")
          .isInstanceOf(RejectedExecutionException.class);
      assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void closing_a_mailbox_fails_the_questions_still_queued_at_once() {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      Mailbox mailbox = runtime.mailbox("box");
      CountDownLatch never = new CountDownLatch(1);
      mailbox.execute(() -> await(never));
      CompletableFuture<String> queued = mailbox.ask(() -> "never");

      mailbox.close();

      assertThat(queued)
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(RejectedExecutionException.class);
    }
  }

  @Test
  void closing_the_runtime_waits_until_its_mailboxes_have_stopped() throws InterruptedException {
    ManualRuntime runtime = new ManualRuntime(START);
    LastWriteTask task = new LastWriteTask(Thread.currentThread());
    runtime.mailbox("box").execute(task);
    task.awaitRunning();

    runtime.close();

    assertThat(task.written).as("written before close returned").containsExactly("last write");
  }

  @Test
  void a_task_that_closes_its_runtime_waits_for_the_other_mailboxes_and_is_not_interrupted()
      throws Exception {
    ManualRuntime runtime = new ManualRuntime(START);
    Mailbox stopper = runtime.mailbox("stopper");
    Thread stopperThread = stopper.ask(Thread::currentThread).get(10, TimeUnit.SECONDS);
    LastWriteTask task = new LastWriteTask(stopperThread);
    runtime.mailbox("box").execute(task);
    task.awaitRunning();

    CompletableFuture<String> seen = new CompletableFuture<>();
    stopper.execute(
        () -> {
          runtime.close();
          seen.complete(task.written + " interrupted=" + Thread.currentThread().isInterrupted());
        });

    assertThat(seen.get(20, TimeUnit.SECONDS)).isEqualTo("[last write] interrupted=false");
  }

  @Test
  void a_timer_task_that_throws_is_logged_and_the_clock_moves_on() {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      List<Instant> ran = new CopyOnWriteArrayList<>();
      runtime.schedule(
          Duration.ofSeconds(1),
          () -> {
            throw new IllegalStateException("a timer task that fails");
          });
      runtime.schedule(Duration.ofSeconds(2), () -> ran.add(runtime.clock().instant()));

      runtime.advance(Duration.ofSeconds(3));

      assertThat(ran).containsExactly(START.plusSeconds(2));
      assertThat(runtime.clock().instant()).isEqualTo(START.plusSeconds(3));
    }
  }

  @Test
  void a_negative_delay_counts_as_zero_and_never_moves_the_clock_back() {
    try (ManualRuntime runtime = new ManualRuntime(START)) {
      List<Instant> ran = new CopyOnWriteArrayList<>();
      runtime.schedule(Duration.ofSeconds(-5), () -> ran.add(runtime.clock().instant()));

      runtime.advance(Duration.ZERO);

      assertThat(ran).containsExactly(START);
      assertThat(runtime.clock().instant()).isEqualTo(START);
    }
  }

  @Test
  void scheduling_once_the_runtime_is_closed_does_nothing() {
    ManualRuntime runtime = new ManualRuntime(START);
    List<String> ran = new CopyOnWriteArrayList<>();
    runtime.close();

    Cancellable once = runtime.schedule(Duration.ofSeconds(1), () -> ran.add("once"));
    Cancellable tick = runtime.scheduleAtFixedRate(Duration.ofSeconds(1), () -> ran.add("tick"));
    runtime.advance(Duration.ofSeconds(5));
    once.cancel();
    tick.cancel();

    assertThat(ran).isEmpty();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
