package org.jmasq.node.runtime;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jmasq.time.ManualClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runtime for tests: its clock moves only in {@link #advance}, which also runs the timer tasks
 * that fall due, in order of their due time, on the calling thread. Mailboxes run on threads of
 * their own, as in a real Node, and {@link #awaitIdle} waits, without sleeping, until every mailbox
 * of this runtime has nothing left to do.
 *
 * <p>It keeps {@link SystemRuntime}'s rules: a timer task that throws an exception is logged and
 * the others still run, a negative delay counts as zero, and a task scheduled once the runtime is
 * closed never runs.
 */
public final class ManualRuntime implements NodeRuntime {
  private static final Logger log = LoggerFactory.getLogger(ManualRuntime.class);

  private record Timer(Instant due, long order, Duration period, Runnable task, boolean[] off) {}

  private final ManualClock clock;
  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(
          (a, b) ->
              a.due().equals(b.due())
                  ? Long.compare(a.order(), b.order())
                  : a.due().compareTo(b.due()));
  private final Mailboxes mailboxes = new Mailboxes();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition quiet = lock.newCondition();
  private long busy;
  private long order;
  private boolean closed;

  public ManualRuntime(Instant start) {
    this.clock = new ManualClock(start);
  }

  public ManualRuntime() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public InstantSource clock() {
    return clock;
  }

  @Override
  public Mailbox mailbox(String name, int capacity) {
    return mailboxes.make(name, capacity, new Tally());
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return add(delay, null, task);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration period, Runnable task) {
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period: " + period + " (expected: positive)");
    }
    return add(period, period, task);
  }

  private Cancellable add(Duration delay, Duration period, Runnable task) {
    boolean[] off = new boolean[1];
    synchronized (timers) {
      if (closed) {
        return () -> {};
      }
      Duration wait = delay.isNegative() ? Duration.ZERO : delay;
      timers.add(new Timer(clock.instant().plus(wait), order++, period, task, off));
    }
    return () -> {
      synchronized (timers) {
        off[0] = true;
      }
    };
  }

  /**
   * Moves the clock on by {@code by}, running each timer task when the clock reaches its due time.
   * Tasks run on the calling thread; what they hand to mailboxes runs there (see {@link
   * #awaitIdle}). A task that throws an exception is logged, as {@link SystemRuntime} does, and the
   * clock moves on; an {@link Error} (a failed assertion) reaches the caller.
   */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("by: " + by + " (expected: not negative)");
    }
    Instant target = clock.instant().plus(by);
    while (true) {
      Timer next;
      synchronized (timers) {
        next = timers.peek();
        if (next == null || next.due().isAfter(target)) {
          break;
        }
        timers.poll();
        if (next.off()[0]) {
          continue;
        }
        if (next.period() != null) {
          timers.add(
              new Timer(
                  next.due().plus(next.period()), order++, next.period(), next.task(), next.off()));
        }
      }
      // A timer added by another thread while the clock moved may be due already: run it now.
      if (next.due().isAfter(clock.instant())) {
        clock.advance(Duration.between(clock.instant(), next.due()));
      }
      try {
        next.task().run();
      } catch (RuntimeException e) {
        log.error("A timer task failed", e);
      }
    }
    clock.advance(Duration.between(clock.instant(), target));
  }

  /**
   * Moves the clock on by {@code step} at a time, {@code steps} times, waiting after each step
   * until the mailboxes are idle.
   */
  public void advanceInSteps(Duration step, int steps) throws InterruptedException {
    for (int i = 0; i < steps; i++) {
      advance(step);
      if (!awaitIdle(Duration.ofSeconds(10))) {
        throw new IllegalStateException("the mailboxes did not become idle within 10 s");
      }
    }
  }

  /**
   * Waits until no mailbox of this runtime has a task queued or running.
   *
   * @return false if that did not happen within {@code limit}
   */
  public boolean awaitIdle(Duration limit) throws InterruptedException {
    long left = limit.toNanos();
    lock.lock();
    try {
      while (busy > 0) {
        if (left <= 0) {
          return false;
        }
        left = quiet.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    synchronized (timers) {
      closed = true;
      timers.clear();
    }
    mailboxes.closeAndWait(Mailboxes.STOP_PATIENCE);
  }

  /** Counts the work queued and running across every mailbox of this runtime. */
  private final class Tally implements ThreadMailbox.Tally {
    @Override
    public void queued() {
      lock.lock();
      try {
        busy++;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void finished() {
      lock.lock();
      try {
        if (--busy == 0) {
          quiet.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
