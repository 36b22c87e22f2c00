package org.jmasq.node.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SendWindowTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void a_sender_may_fill_the_window_and_then_waits_for_an_acknowledgement() throws Exception {
    SendWindow window = new SendWindow(100);
    assertThat(window.acquire(60, LONG)).isTrue();
    assertThat(window.acquire(40, LONG)).isTrue();

    AtomicReference<Thread> sender = new AtomicReference<>();
    CompletableFuture<Boolean> blocked = acquireElsewhere(window, 10, sender);
    awaitParked(sender);
    assertThat(blocked).as("the sender waits in acquire").isNotDone();

    window.acknowledge(60, 100);
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void one_chunk_larger_than_the_window_goes_when_nothing_is_in_flight() throws Exception {
    SendWindow window = new SendWindow(10);
    assertThat(window.acquire(64, LONG)).isTrue();
  }

  @Test
  void without_acknowledgements_the_wait_ends_after_the_patience() throws Exception {
    SendWindow window = new SendWindow(10);
    window.acquire(10, LONG);
    long start = System.nanoTime();
    assertThat(window.acquire(1, Duration.ofMillis(200))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void closing_releases_a_waiting_sender_with_false() throws Exception {
    SendWindow window = new SendWindow(10);
    window.acquire(10, LONG);
    AtomicReference<Thread> sender = new AtomicReference<>();
    CompletableFuture<Boolean> blocked = acquireElsewhere(window, 5, sender);
    // Close only once the sender is parked in acquire, so close() must wake it (not merely refuse a
    // late caller).
    awaitParked(sender);
    window.close();
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(window.acquire(1, LONG)).isFalse();
  }

  @Test
  void old_or_impossible_acknowledgements_are_ignored() throws Exception {
    SendWindow window = new SendWindow(100);
    window.acquire(100, LONG);
    window.acknowledge(1_000, 100); // more than was ever sent
    window.acknowledge(-5, 100);
    assertThat(window.acquire(1, Duration.ofMillis(100))).isFalse();
    window.acknowledge(50, 100);
    window.acknowledge(20, 100); // older than the last
    assertThat(window.acquire(50, Duration.ofMillis(100))).isTrue();
    assertThat(window.acquire(1, Duration.ofMillis(100))).isFalse();
  }

  @Test
  void the_acknowledger_speaks_once_per_quarter_window_written() {
    List<Long> sent = new ArrayList<>();
    Acknowledger acknowledger =
        new Acknowledger(
            new WindowBudget(0), "me", (written, window) -> sent.add(written), w -> {});
    long quarter = SendWindow.DEFAULT_WINDOW / 4;
    for (long total = 1024; total <= SendWindow.DEFAULT_WINDOW; total += 1024) {
      acknowledger.written(total, 0);
    }
    assertThat(sent).containsExactly(quarter, 2 * quarter, 3 * quarter, 4 * quarter);
  }

  @Test
  void the_acknowledger_doubles_the_window_while_the_client_keeps_up_and_not_when_it_lags() {
    List<Long> windows = new ArrayList<>();
    List<Long> grown = new ArrayList<>();
    WindowBudget budget = new WindowBudget(WindowBudget.DEFAULT_BYTES);
    Acknowledger keepsUp =
        new Acknowledger(budget, "me", (written, window) -> windows.add(window), grown::add);
    long total = 0;
    while (keepsUp.window() < Acknowledger.MAX_WINDOW) {
      total += keepsUp.window() / 4;
      keepsUp.written(total, 0);
    }
    assertThat(windows).containsExactly(4L << 20, 8L << 20, 16L << 20);
    assertThat(grown).isEqualTo(windows);
    assertThat(budget.left()).isEqualTo(WindowBudget.DEFAULT_BYTES - (14L << 20));

    List<Long> lagging = new ArrayList<>();
    Acknowledger lags =
        new Acknowledger(budget, "me", (written, window) -> lagging.add(window), w -> {});
    lags.written(SendWindow.DEFAULT_WINDOW / 4, SendWindow.DEFAULT_WINDOW / 2);
    assertThat(lagging).containsExactly(SendWindow.DEFAULT_WINDOW);

    keepsUp.release();
    keepsUp.release();
    assertThat(budget.left()).isEqualTo(WindowBudget.DEFAULT_BYTES);
  }

  @Test
  void a_window_from_an_acknowledgement_replaces_the_one_before() throws Exception {
    SendWindow window = new SendWindow(100);
    assertThat(window.acquire(100, Duration.ZERO)).isTrue();
    assertThat(window.acquire(1, Duration.ZERO)).isFalse();

    window.acknowledge(50, 200);

    assertThat(window.window()).isEqualTo(200);
    assertThat(window.acquire(150, Duration.ZERO)).isTrue();
    assertThat(window.acquire(1, Duration.ZERO)).isFalse();
  }

  /** Asks for {@code bytes} on another thread, which it names in {@code sender}. */
  private static CompletableFuture<Boolean> acquireElsewhere(
      SendWindow window, int bytes, AtomicReference<Thread> sender) {
    return CompletableFuture.supplyAsync(
        () -> {
          sender.set(Thread.currentThread());
          return acquire(window, bytes, LONG);
        });
  }

  /**
   * Waits until {@code sender} is parked, which, with no other lock in play, is the wait inside
   * {@code acquire}: the window has no event of its own for "someone is waiting".
   */
  private static void awaitParked(AtomicReference<Thread> sender) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sender.get() == null
        || sender.get().getState() != Thread.State.TIMED_WAITING
            && sender.get().getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as("the sender waits in acquire").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static boolean acquire(SendWindow window, int bytes, Duration patience) {
    try {
      return window.acquire(bytes, patience);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void one_owner_grows_its_windows_only_into_its_share_of_the_budget() {
    WindowBudget budget = new WindowBudget(64L << 20, 16L << 20);
    Acknowledger first = new Acknowledger(budget, "mallory", (written, window) -> {}, w -> {});
    Acknowledger second = new Acknowledger(budget, "mallory", (written, window) -> {}, w -> {});
    Acknowledger honest = new Acknowledger(budget, "alice", (written, window) -> {}, w -> {});
    for (Acknowledger a : List.of(first, second, honest)) {
      long total = 0;
      for (int i = 0; i < 8; i++) {
        total += a.window() / 4;
        a.written(total, 0);
      }
    }

    assertThat(first.window()).isEqualTo(Acknowledger.MAX_WINDOW);
    assertThat(second.window())
        .as("mallory's share is used up by the first stream's 14 MiB")
        .isEqualTo(4L << 20);
    assertThat(honest.window()).isEqualTo(Acknowledger.MAX_WINDOW);
  }

  @Test
  void a_window_beyond_what_an_honest_receiver_grants_is_cut_to_it() throws Exception {
    SendWindow window = new SendWindow(100);
    assertThat(window.acquire(100, Duration.ZERO)).isTrue();

    window.acknowledge(100, 64L << 20);

    assertThat(window.window()).isEqualTo(Acknowledger.MAX_WINDOW);
  }
}
