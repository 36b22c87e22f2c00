package org.jmasq.node.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailboxes one runtime has made, closed together when it closes: their threads are waited for,
 * up to a bound, so that when the runtime's close returns no mailbox still writes (to the data
 * directory, or to the database) unless it is stuck.
 */
final class Mailboxes {
  private static final Logger log = LoggerFactory.getLogger(Mailboxes.class);

  /** How long a runtime's close waits, for all its mailboxes together. */
  static final Duration STOP_PATIENCE = Duration.ofSeconds(5);

  private final List<ThreadMailbox> made = new CopyOnWriteArrayList<>();

  Mailbox make(String name, int capacity, ThreadMailbox.Tally tally) {
    ThreadMailbox mailbox = new ThreadMailbox(name, capacity, tally);
    made.add(mailbox);
    return mailbox;
  }

  /** Closes every mailbox, then waits up to {@code limit} in all for their threads to end. */
  void closeAndWait(Duration limit) {
    made.forEach(ThreadMailbox::close);
    // System.nanoTime only bounds this wait; it is not the Node's clock.
    long deadline = System.nanoTime() + limit.toNanos();
    for (ThreadMailbox mailbox : made) {
      try {
        if (!mailbox.awaitStopped(Duration.ofNanos(deadline - System.nanoTime()))) {
          log.warn("The {} thread had not stopped when its runtime closed", mailbox.name());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("Stopped waiting for the mailboxes' threads: interrupted");
        return;
      }
    }
  }
}
