package org.jmasq.node.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;

/**
 * The time and the threads of one Node. Every subsystem that reads the clock, schedules work or
 * starts a thread takes them from here, so the same code runs on the system's clock ({@link
 * SystemRuntime}) and on a clock a test moves by hand ({@link ManualRuntime}).
 *
 * <p>Scheduled tasks run on one timer thread and must be short: a task that has real work to do
 * hands it to a {@link Mailbox}.
 */
public interface NodeRuntime extends AutoCloseable {
  /** The Node's clock. */
  InstantSource clock();

  /** The Node's clock in UTC, for the code that needs a {@link Clock}. */
  default Clock utcClock() {
    return clock().withZone(ZoneOffset.UTC);
  }

  /** A new mailbox whose thread is named {@code name}; closed with the runtime at the latest. */
  Mailbox mailbox(String name);

  /** Runs {@code task} once, {@code delay} from now. */
  Cancellable schedule(Duration delay, Runnable task);

  /** Runs {@code task} every {@code period}, the first time one period from now. */
  Cancellable scheduleAtFixedRate(Duration period, Runnable task);

  /** Starts a virtual thread for work that blocks on a socket (a stream, a link, a handshake). */
  Thread startIo(String name, Runnable task);

  /** Starts a platform daemon thread for a loop that lives as long as the Node (an accept loop). */
  Thread startDaemon(String name, Runnable task);

  /** Stops the timers and closes every mailbox; I/O threads end with their sockets. */
  @Override
  void close();
}
