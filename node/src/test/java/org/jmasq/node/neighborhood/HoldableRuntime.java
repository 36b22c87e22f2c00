package org.jmasq.node.neighborhood;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.jmasq.node.runtime.Cancellable;
import org.jmasq.node.runtime.Mailbox;
import org.jmasq.node.runtime.ManualRuntime;
import org.jmasq.node.runtime.NodeRuntime;

/**
 * A {@link ManualRuntime} that keeps the mailboxes it hands out by name, so that a test can hold
 * one busy while it queues several inputs behind the task that holds it.
 */
final class HoldableRuntime implements NodeRuntime {
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
   * Keeps the mailbox named {@code name} busy until the returned latch is counted down; returns
   * once the holding task is running, so that what is queued next waits behind it.
   */
  CountDownLatch hold(String name) throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    mailboxes
        .get(name)
        .execute(
            () -> {
              running.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    running.await();
    return release;
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
