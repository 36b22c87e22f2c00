package org.jmasq.node.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.PriorityQueue;
import org.jmasq.payload.StreamAck;
import org.junit.jupiter.api.Test;

/**
 * A model of one stream direction on a route, in simulated time: the real {@link SendWindow} and
 * {@link Acknowledger}, a bottleneck of fixed bandwidth, a one-way delay each way, and a client
 * that takes data at its own rate. It shows what the window lets one stream do on a route whose
 * bandwidth-delay product is larger than the default window, and that a slow client still holds no
 * more than its window. Measured on real routes by {@code bench/wan/run.sh}.
 */
class StreamWindowModelTest {
  private static final int CHUNK = 64 * 1024;
  private static final long TOTAL = 64L << 20;

  /** What one run of the model saw. */
  private record Outcome(
      double bytesPerSecond, long mostBuffered, long finalWindow, long windowAt90Percent) {}

  private sealed interface Event {
    double at();
  }

  private record Arrives(double at) implements Event {}

  private record Written(double at) implements Event {}

  private record Acked(double at, long written, long window) implements Event {}

  /**
   * Sends {@link #TOTAL} bytes over a route of {@code rtt} whose bottleneck carries {@code
   * bandwidth} bytes a second, to a client that takes {@code clientRate} bytes a second.
   */
  private static Outcome run(Duration rtt, double bandwidth, double clientRate, WindowBudget budget)
      throws InterruptedException {
    double oneWay = rtt.toNanos() / 2e9;
    PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> Double.compare(a.at(), b.at()));
    SendWindow window = new SendWindow(SendWindow.DEFAULT_WINDOW);
    long[] written = {0};
    long[] buffered = {0};
    long[] mostBuffered = {0};
    double[] now = {0};
    Acknowledger acknowledger =
        new Acknowledger(
            budget,
            "originator",
            (w, win) -> events.add(new Acked(now[0] + oneWay, w, win)),
            win -> {});
    long sent = 0;
    double linkFree = 0;
    boolean writing = false;
    long windowAt90 = 0;
    while (written[0] < TOTAL) {
      if (windowAt90 == 0 && written[0] >= TOTAL * 9 / 10) {
        windowAt90 = window.window();
      }
      while (sent < TOTAL && window.acquire(CHUNK, Duration.ZERO)) {
        linkFree = Math.max(now[0], linkFree) + CHUNK / bandwidth;
        events.add(new Arrives(linkFree + oneWay));
        sent += CHUNK;
      }
      Event next = events.poll();
      now[0] = next.at();
      switch (next) {
        case Arrives a -> {
          buffered[0] += CHUNK;
          mostBuffered[0] = Math.max(mostBuffered[0], buffered[0]);
          if (!writing) {
            writing = true;
            events.add(new Written(now[0] + CHUNK / clientRate));
          }
        }
        case Written w -> {
          buffered[0] -= CHUNK;
          written[0] += CHUNK;
          acknowledger.written(written[0], buffered[0]);
          writing = buffered[0] > 0;
          if (writing) {
            events.add(new Written(now[0] + CHUNK / clientRate));
          }
        }
        case Acked a -> window.acknowledge(a.written(), a.window());
      }
    }
    acknowledger.release();
    return new Outcome(TOTAL / now[0], mostBuffered[0], window.window(), windowAt90);
  }

  private static final Duration WAN_40_MS = Duration.ofMillis(320);
  private static final double BOTTLENECK = 25e6;
  private static final double FAST_CLIENT = 1e12;

  @Test
  void one_stream_fills_most_of_a_high_delay_route_once_its_window_grows()
      throws InterruptedException {
    Outcome adaptive =
        run(WAN_40_MS, BOTTLENECK, FAST_CLIENT, new WindowBudget(WindowBudget.DEFAULT_BYTES));
    Outcome fixed = run(WAN_40_MS, BOTTLENECK, FAST_CLIENT, new WindowBudget(0));

    assertThat(fixed.bytesPerSecond() / BOTTLENECK)
        .as("the default window alone: 2 MiB per 320 ms")
        .isLessThan(0.3);
    assertThat(adaptive.bytesPerSecond() / BOTTLENECK)
        .as("share of the bottleneck one 64 MiB stream gets")
        .isGreaterThan(0.8);
    assertThat(adaptive.finalWindow()).isLessThanOrEqualTo(Acknowledger.MAX_WINDOW);
  }

  @Test
  void a_slow_client_keeps_the_default_window_and_holds_no_more_than_it() throws Exception {
    Outcome slow = run(WAN_40_MS, BOTTLENECK, 1e6, new WindowBudget(WindowBudget.DEFAULT_BYTES));

    assertThat(slow.windowAt90Percent())
        .as("the window while the client is the limit")
        .isEqualTo(StreamAck.DEFAULT_WINDOW);
    assertThat(slow.mostBuffered()).isLessThanOrEqualTo(StreamAck.DEFAULT_WINDOW);
    assertThat(slow.bytesPerSecond()).isBetween(0.9e6, 1.0e6);
  }

  @Test
  void the_budget_bounds_how_far_windows_grow_and_gets_it_back_when_the_stream_ends()
      throws InterruptedException {
    WindowBudget budget = new WindowBudget(StreamAck.DEFAULT_WINDOW);
    Outcome first = run(WAN_40_MS, BOTTLENECK, FAST_CLIENT, budget);

    assertThat(first.finalWindow()).isEqualTo(2 * StreamAck.DEFAULT_WINDOW);
    assertThat(budget.left())
        .as("given back when the stream ended")
        .isEqualTo(StreamAck.DEFAULT_WINDOW);
  }
}
