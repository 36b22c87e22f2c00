package org.jmasq.node.runtime;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of a real Node: the system clock, one timer thread, a platform thread per mailbox.
 */
public final class SystemRuntime implements NodeRuntime {
  private static final Logger log = LoggerFactory.getLogger(SystemRuntime.class);

  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("timers").daemon().unstarted(r));
  private final Mailboxes mailboxes = new Mailboxes();

  @Override
  public InstantSource clock() {
    return InstantSource.system();
  }

  @Override
  public Mailbox mailbox(String name, int capacity) {
    return mailboxes.make(name, capacity, ThreadMailbox.Tally.NONE);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    long nanos = delay.isNegative() ? 0 : delay.toNanos();
    try {
      ScheduledFuture<?> future = timers.schedule(guarded(task), nanos, TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    } catch (RejectedExecutionException e) {
      return () -> {};
    }
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration period, Runnable task) {
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period: " + period + " (expected: positive)");
    }
    long nanos = period.toNanos();
    try {
      ScheduledFuture<?> future =
          timers.scheduleAtFixedRate(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    } catch (RejectedExecutionException e) {
      return () -> {};
    }
  }

  /**
   * A periodic task that throws would never run again; an exception is logged instead. An {@link
   * Error} is logged too (the executor would keep it in a future nobody reads) and ends that task.
   */
  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("A timer task failed", e);
      } catch (Error e) {
        log.error("A timer task failed; it will not run again", e);
        throw e;
      }
    };
  }

  @Override
  public void close() {
    timers.shutdownNow();
    mailboxes.closeAndWait(Mailboxes.STOP_PATIENCE);
  }
}
