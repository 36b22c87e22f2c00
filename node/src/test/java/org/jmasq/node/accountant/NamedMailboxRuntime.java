package org.jmasq.node.accountant;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jmasq.node.runtime.Cancellable;
import org.jmasq.node.runtime.Mailbox;
import org.jmasq.node.runtime.ManualRuntime;
import org.jmasq.node.runtime.NodeRuntime;

/**
 * A {@link ManualRuntime} that keeps the mailboxes it hands out by name, so that a test can wait
 * for one mailbox to get through its queue while another is stuck ({@link ManualRuntime#awaitIdle}
 * waits for all of them).
 */
final class NamedMailboxRuntime implements NodeRuntime {
  final ManualRuntime manual = new ManualRuntime();
  private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();

  @Override
  public InstantSource clock() {
    return manual.clock();
  }

  @Override
  public Mailbox mailbox(String name, int capacity) {
    Mailbox mailbox = manual.mailbox(name, capacity);
    mailboxes.put(name, mailbox);
    return mailbox;
  }

  /**
   * Whether the mailbox named {@code name} ran everything queued on it before this call within
   * {@code limit}.
   */
  boolean drained(String name, Duration limit) throws InterruptedException {
    Mailbox mailbox = mailboxes.get(name);
    if (mailbox == null) {
      throw new AssertionError(
          "no mailbox named '" + name + "' (there are " + mailboxes.keySet() + ")");
    }
    try {
      mailbox.ask(() -> null).get(limit.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new AssertionError("the mailbox '" + name + "' failed a question", e);
    }
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return manual.schedule(delay, task);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration period, Runnable task) {
    return manual.scheduleAtFixedRate(period, task);
  }

  @Override
  public Thread startIo(String name, Runnable task) {
    return manual.startIo(name, task);
  }

  @Override
  public Thread startDaemon(String name, Runnable task) {
    return manual.startDaemon(name, task);
  }

  @Override
  public void close() {
    manual.close();
  }
}
