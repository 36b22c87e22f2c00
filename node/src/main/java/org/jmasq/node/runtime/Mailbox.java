package org.jmasq.node.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A queue of tasks that run one at a time, in order, on one thread of their own: the owner of a
 * stateful engine (the Neighborhood, the Accountant) whose state no other thread touches.
 *
 * <p>Every mailbox is bounded: at most {@link #capacity()} tasks wait in it. When it is full, a new
 * task is dropped, counted ({@link #dropped()}), reported in the log, and refused with a {@link
 * MailboxFullException}, so that a flood of work fills no memory and its sender learns at once.
 */
public interface Mailbox extends Executor, AutoCloseable {
  /**
   * The bound of a mailbox made without one: far above the tasks any of the Node's mailboxes holds
   * in ordinary work, and small enough that a runaway producer cannot fill the heap.
   */
  int DEFAULT_CAPACITY = 10_000;

  /**
   * Queues {@code task}.
   *
   * @throws MailboxFullException when {@link #capacity()} tasks wait already (the task is dropped)
   * @throws RejectedExecutionException once the mailbox is closed
   */
  @Override
  void execute(Runnable task);

  /**
   * Queues {@code question} and completes the answer on the mailbox's thread. If the mailbox closes
   * before the question's turn comes, the answer fails at once with a {@link
   * RejectedExecutionException}, so no caller waits out its time limit for a question that will
   * never run.
   *
   * @throws RejectedExecutionException once the mailbox is closed
   */
  <T> CompletableFuture<T> ask(Callable<T> question);

  /**
   * How many tasks wait behind the one running now. Read on the mailbox's own thread, zero means
   * the current task is the last one queued (the mailbox is about to drain).
   */
  int queued();

  /** The most tasks that may wait in this mailbox. */
  int capacity();

  /** How many tasks were dropped because the mailbox was full. */
  long dropped();

  /**
   * Stops taking tasks, without waiting: a task that is running is interrupted, the queued ones are
   * dropped, and the questions among them fail (see {@link #ask}). The runtime that made the
   * mailbox waits for its thread when it closes.
   */
  @Override
  void close();
}
