package org.jmasq.node.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.concurrent.Executor;

/**
 * The time and the threads of one Node. Every subsystem that reads the clock, schedules work or
 * starts a thread takes them from here, so the same code runs on the system's clock ({@link
 * SystemRuntime}) and on a clock a test moves by hand ({@link ManualRuntime}).
 *
 * <p>Scheduled tasks run on one timer thread and must be short and must not block: a task that has
 * real work to do hands it to a {@link Mailbox}, or to a thread of {@link #startIo} if the work is
 * I/O. A task that throws an exception is logged, and the timers go on.
 */
public interface NodeRuntime extends AutoCloseable {
  /** The Node's clock. */
  InstantSource clock();

  /** The Node's clock in UTC, for the code that needs a {@link Clock}. */
  default Clock utcClock() {
    return clock().withZone(ZoneOffset.UTC);
  }

  /**
   * A new mailbox whose thread is named {@code name}, holding at most {@code capacity} waiting
   * tasks; closed with the runtime at the latest.
   */
  Mailbox mailbox(String name, int capacity);

  /** A new mailbox of the {@linkplain Mailbox#DEFAULT_CAPACITY default capacity}. */
  default Mailbox mailbox(String name) {
    return mailbox(name, Mailbox.DEFAULT_CAPACITY);
  }

  /**
   * Runs {@code task} once, {@code delay} from now; a negative delay counts as zero. Once the
   * runtime is closed this does nothing and returns a {@link Cancellable} that does nothing: a
   * stream or a scan that ends as the Node stops need not ask whether it may still schedule.
   */
  Cancellable schedule(Duration delay, Runnable task);

  /**
   * Runs {@code task} every {@code period}, the first time one period from now; once the runtime is
   * closed, nothing (as {@link #schedule}).
   *
   * @throws IllegalArgumentException if {@code period} is not positive
   */
  Cancellable scheduleAtFixedRate(Duration period, Runnable task);

  /** Starts a virtual thread for work that blocks on a socket (a stream, a link, a handshake). */
  default Thread startIo(String name, Runnable task) {
    return Thread.ofVirtual().name(name).start(task);
  }

  /**
   * An executor that runs each task on an I/O thread of its own named {@code name}, for a library
   * that takes one (the chain's HTTP client) instead of making its own pool.
   */
  default Executor ioExecutor(String name) {
    return task -> startIo(name, task);
  }

  /** Starts a platform daemon thread for a loop that lives as long as the Node (an accept loop). */
  default Thread startDaemon(String name, Runnable task) {
    return Thread.ofPlatform().name(name).daemon().start(task);
  }

  /**
   * Stops the timers and closes every mailbox, then waits (five seconds at most, for all of them)
   * until the mailboxes' threads have ended, so that none still writes once this returns; I/O
   * threads end with their sockets.
   */
  @Override
  void close();
}
