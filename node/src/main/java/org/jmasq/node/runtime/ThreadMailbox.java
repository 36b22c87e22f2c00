package org.jmasq.node.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mailbox on one platform daemon thread of its own. A task that throws is logged and the next one
 * runs: one bad input must not stop the engine that owns the thread. The thread ends only when the
 * mailbox is closed, or after a {@link VirtualMachineError}; either way the mailbox is closed from
 * then on, so that nobody queues work that would never run. A task offered to a full mailbox is
 * dropped: counted, logged the first time and every thousandth time after (a flood must not flood
 * the log as well), and refused with a {@link MailboxFullException}.
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

  /** A question whose answer is failed, not forgotten, when the mailbox drops it unasked. */
  private record Ask<T>(Callable<T> question, CompletableFuture<T> answer) implements Runnable {
    @Override
    public void run() {
      try {
        answer.complete(question.call());
      } catch (VirtualMachineError e) {
        answer.completeExceptionally(e);
        throw e;
      } catch (Exception | Error e) {
        answer.completeExceptionally(e);
      }
    }
  }

  /** A full mailbox says so in the log on its first drop and on every this many after. */
  private static final long REPORT_EVERY = 1000;

  private final BlockingQueue<Runnable> tasks;
  private final int capacity;
  private final AtomicLong dropped = new AtomicLong();
  private final Tally tally;
  private final Thread thread;
  private volatile boolean closed;

  ThreadMailbox(String name, int capacity, Tally tally) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: at least 1)");
    }
    this.capacity = capacity;
    this.tasks = new LinkedBlockingQueue<>(capacity);
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
      if (tasks.size() >= capacity) {
        long n = dropped.incrementAndGet();
        if (n == 1 || n % REPORT_EVERY == 0) {
          log.warn(
              "{} is full ({} tasks waiting): dropped {} task(s) so far",
              thread.getName(),
              capacity,
              n);
        }
        throw new MailboxFullException(thread.getName(), capacity);
      }
      tally.queued();
      tasks.add(task);
    }
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public long dropped() {
    return dropped.get();
  }

  @Override
  public <T> CompletableFuture<T> ask(Callable<T> question) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    execute(new Ask<>(question, answer));
    return answer;
  }

  @Override
  public int queued() {
    return tasks.size();
  }

  private void loop() {
    try {
      while (!closed) {
        Runnable task;
        try {
          task = tasks.take();
        } catch (InterruptedException e) {
          // Only close() means stop; the loop's condition reads it.
          continue;
        }
        try {
          task.run();
        } catch (VirtualMachineError e) {
          // The owner's state may be half-changed and the JVM is short of memory or stack: the
          // mailbox stops, closed, so callers see refusals instead of tasks that never run.
          log.error("{} stops: a task ran into {}", thread.getName(), e.toString());
          throw e;
        } catch (Throwable e) {
          log.error("A task on {} failed", thread.getName(), e);
        } finally {
          // An interrupt meant for this task (or left by it) must not reach the next one.
          Thread.interrupted();
          tally.finished();
        }
      }
    } finally {
      closeAndDrop();
    }
  }

  /** Closed from now on; what was queued will never run, so it no longer counts as work. */
  private void closeAndDrop() {
    List<Ask<?>> unanswered = new ArrayList<>();
    synchronized (tasks) {
      closed = true;
      for (Runnable dropped = tasks.poll(); dropped != null; dropped = tasks.poll()) {
        if (dropped instanceof Ask<?> ask) {
          unanswered.add(ask);
        }
        tally.finished();
      }
    }
    // Outside the lock: whatever waits on an answer may run here, and must not run under it.
    for (Ask<?> ask : unanswered) {
      ask.answer()
          .completeExceptionally(
              new RejectedExecutionException(thread.getName() + " closed before it answered"));
    }
  }

  /**
   * Closes the mailbox and interrupts its thread, unless the caller is that thread (a task that
   * stops the Node): it must finish stopping uninterrupted, and the thread ends when it returns.
   */
  @Override
  public void close() {
    closeAndDrop();
    if (Thread.currentThread() != thread) {
      thread.interrupt();
    }
  }

  /**
   * Waits until the mailbox's thread has ended (after {@link #close}), so that nothing it runs
   * still writes; false if it did not end within {@code limit}. Called on the mailbox's own thread
   * (by a task that stops the Node) it returns true at once: the thread ends when that task does.
   */
  boolean awaitStopped(Duration limit) throws InterruptedException {
    return Thread.currentThread() == thread || thread.join(limit);
  }

  /** The thread's name, for the logs. */
  String name() {
    return thread.getName();
  }
}
