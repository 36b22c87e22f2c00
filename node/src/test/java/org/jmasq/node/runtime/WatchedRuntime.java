package org.jmasq.node.runtime;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ManualRuntime} whose timers a test can watch being set: each delay asked of {@link
 * #schedule} is queued, so a test waits until another thread has set its timer before it moves the
 * clock, instead of hoping it has. It also keeps the daemon threads it starts.
 */
public final class WatchedRuntime implements NodeRuntime {
  private final ManualRuntime runtime = new ManualRuntime();
  private final BlockingQueue<Duration> scheduled = new LinkedBlockingQueue<>();
  private final List<Thread> daemons = new CopyOnWriteArrayList<>();

  /**
   * The delay of the next timer set, waiting for it up to {@code limit}.
   *
   * @throws AssertionError if none is set in time
   */
  public Duration nextScheduled(Duration limit) throws InterruptedException {
    Duration delay = scheduled.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (delay == null) {
      throw new AssertionError("no timer was set within " + limit);
    }
    return delay;
  }

  /** Moves the clock, running the timers that fall due (see {@link ManualRuntime#advance}). */
  public void advance(Duration by) {
    runtime.advance(by);
  }

  /** The daemon threads started so far (accept loops). */
  public List<Thread> daemons() {
    return List.copyOf(daemons);
  }

  @Override
  public InstantSource clock() {
    return runtime.clock();
  }

  @Override
  public Mailbox mailbox(String name, int capacity) {
    return runtime.mailbox(name, capacity);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Cancellable timer = runtime.schedule(delay, task);
    scheduled.add(delay);
    return timer;
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration period, Runnable task) {
    return runtime.scheduleAtFixedRate(period, task);
  }

  @Override
  public Thread startDaemon(String name, Runnable task) {
    Thread thread = NodeRuntime.super.startDaemon(name, task);
    daemons.add(thread);
    return thread;
  }

  @Override
  public void close() {
    runtime.close();
  }
}
