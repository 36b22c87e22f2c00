package org.jmasq.node.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * A listening socket's accept loop that survives failing accepts. When {@code accept()} fails (out
 * of file descriptors, say) it pauses on the runtime's timers, 10 ms after the first failure in a
 * row and twice as long after each next one, up to 1 s, and logs at most {@link #LINES_PER_MINUTE}
 * lines a minute; the first accept that works ends the pauses. Without this, a Node out of
 * descriptors retried at once and logged each failure, hundreds of thousands of lines a second on
 * one busy core.
 *
 * <p>Why these numbers: descriptors come back as soon as any connection closes, usually within
 * milliseconds, so the first pauses are short; at 1 s a lasting failure costs one attempt a second
 * while the Node still accepts again within a second of recovering.
 *
 * <p>Threading: one platform daemon thread of the runtime; the handler runs on it and must only
 * hand the connection on.
 */
public final class AcceptLoop<S> {
  static final Duration FIRST_PAUSE = Duration.ofMillis(10);
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);
  static final int LINES_PER_MINUTE = 5;

  /**
   * A pause whose timer never fires (a runtime closed under the loop) still ends after this long.
   */
  private static final Duration PAUSE_GUARD = Duration.ofMinutes(1);

  /** Takes the next connection. */
  @FunctionalInterface
  public interface Acceptor<S> {
    S accept() throws IOException;
  }

  private final NodeRuntime runtime;
  private final String what;
  private final Acceptor<S> acceptor;
  private final Consumer<S> handler;
  private final RateLimitedLog complaints;
  private volatile boolean stopped;
  private volatile CountDownLatch wake = new CountDownLatch(0);

  private AcceptLoop(
      NodeRuntime runtime, String what, Acceptor<S> acceptor, Consumer<S> handler, Logger log) {
    this.runtime = runtime;
    this.what = what;
    this.acceptor = acceptor;
    this.handler = handler;
    this.complaints =
        new RateLimitedLog(log, runtime.clock(), Duration.ofMinutes(1), LINES_PER_MINUTE);
  }

  /**
   * Starts accepting on a daemon thread named {@code threadName}; each connection goes to {@code
   * handler}. {@code what} names the socket in log lines ("links", "the entry").
   */
  public static <S> AcceptLoop<S> start(
      NodeRuntime runtime,
      String threadName,
      String what,
      Acceptor<S> acceptor,
      Consumer<S> handler,
      Logger log) {
    AcceptLoop<S> loop = new AcceptLoop<>(runtime, what, acceptor, handler, log);
    runtime.startDaemon(threadName, loop::run);
    return loop;
  }

  /**
   * Ends the loop after the accept in progress, or at once if it pauses; the caller closes the
   * socket, which ends a waiting accept.
   */
  public void stop() {
    stopped = true;
    wake.countDown();
  }

  private void run() {
    int failures = 0;
    while (!stopped) {
      S accepted;
      try {
        accepted = acceptor.accept();
      } catch (IOException e) {
        if (stopped) {
          return;
        }
        failures++;
        Duration pause = pause(failures);
        complaints.warn(
            "Accepting {} failed ({} in a row; next try in {} ms): {}",
            what,
            failures,
            pause.toMillis(),
            e.getMessage());
        sleep(pause);
        continue;
      }
      failures = 0;
      try {
        handler.accept(accepted);
      } catch (RuntimeException e) {
        complaints.warn("Handing on a connection to {} failed: {}", what, e.toString());
      }
    }
  }

  /** The pause after {@code failures} failed accepts in a row. */
  static Duration pause(int failures) {
    int doublings = Math.min(failures - 1, 20);
    Duration pause = FIRST_PAUSE.multipliedBy(1L << doublings);
    return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
  }

  /** Waits on the runtime's timers, so a test's manual clock decides when the loop goes on. */
  private void sleep(Duration pause) {
    CountDownLatch latch = new CountDownLatch(1);
    wake = latch;
    Cancellable timer = runtime.schedule(pause, latch::countDown);
    if (stopped) {
      timer.cancel();
      return;
    }
    try {
      latch.await(PAUSE_GUARD.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      timer.cancel();
    }
  }
}
