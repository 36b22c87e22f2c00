package org.jmasq.node.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A mailbox task that still has one write to make when it is interrupted, and makes it only once
 * the thread that closes its runtime blocks, waiting for it (or after ten seconds): so a runtime
 * whose close does not wait returns before the write, every time.
 */
final class LastWriteTask implements Runnable {
  final List<String> written = new CopyOnWriteArrayList<>();
  private final CountDownLatch running = new CountDownLatch(1);
  private final Thread closer;

  LastWriteTask(Thread closer) {
    this.closer = closer;
  }

  @Override
  public void run() {
    running.countDown();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!blocked(closer) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      written.add("last write");
    }
  }

  void awaitRunning() throws InterruptedException {
    running.await();
  }

  private static boolean blocked(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }
}
