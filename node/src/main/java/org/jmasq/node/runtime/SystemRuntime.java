package org.jmasq.node.runtime;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
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
  private final List<Mailbox> mailboxes = new CopyOnWriteArrayList<>();

  @Override
  public InstantSource clock() {
    return InstantSource.system();
  }

  @Override
  public Mailbox mailbox(String name) {
    Mailbox mailbox = new ThreadMailbox(name, ThreadMailbox.Tally.NONE);
    mailboxes.add(mailbox);
    return mailbox;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> future =
        timers.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration period, Runnable task) {
    long nanos = period.toNanos();
    ScheduledFuture<?> future =
        timers.scheduleAtFixedRate(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  /** A periodic task that throws would never run again; it is logged instead. */
  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("A timer task failed", e);
      }
    };
  }

  @Override
  public Thread startIo(String name, Runnable task) {
    return Thread.ofVirtual().name(name).start(task);
  }

  @Override
  public Thread startDaemon(String name, Runnable task) {
    return Thread.ofPlatform().name(name).daemon().start(task);
  }

  @Override
  public void close() {
    timers.shutdownNow();
    mailboxes.forEach(Mailbox::close);
  }
}
