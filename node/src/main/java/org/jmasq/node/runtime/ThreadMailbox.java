package org.jmasq.node.runtime;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mailbox on one platform daemon thread of its own. A task that throws is logged and the next one
 * runs: one bad input must not stop the engine that owns the thread.
 */
final class ThreadMailbox implements Mailbox {
  private static final Logger log = LoggerFactory.getLogger(ThreadMailbox.class);

  /** Told when a task is queued and when one has finished, so that a test can wait for quiet. */
  interface Tally {
    Tally NONE =
        new Tally() {
          @Override
          public void queued() {}

          @Override
          public void finished() {}
        };

    void queued();

    void finished();
  }

  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final Tally tally;
  private final Thread thread;
  private volatile boolean closed;

  ThreadMailbox(String name, Tally tally) {
    this.tally = tally;
    this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::loop);
    thread.start();
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      if (closed) {
        throw new RejectedExecutionException(thread.getName() + " is closed");
      }
      tally.queued();
      tasks.add(task);
    }
  }

  @Override
  public int queued() {
    return tasks.size();
  }

  private void loop() {
    while (!closed) {
      Runnable task;
      try {
        task = tasks.take();
      } catch (InterruptedException e) {
        break;
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("A task on {} failed", thread.getName(), e);
      } finally {
        tally.finished();
      }
    }
    // What was queued but will never run no longer counts as work to wait for.
    synchronized (tasks) {
      while (tasks.poll() != null) {
        tally.finished();
      }
    }
  }

  @Override
  public void close() {
    synchronized (tasks) {
      closed = true;
    }
    thread.interrupt();
  }
}
