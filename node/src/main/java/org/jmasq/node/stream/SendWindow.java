package org.jmasq.node.stream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending side of a stream direction's flow control: at most {@code window} data bytes may be
 * sent beyond what the far end has acknowledged. A sender asks before sending and waits while the
 * window is full; an acknowledgement that never comes ends the wait after a limit, so a stream
 * whose far end has vanished does not hold its socket forever.
 */
public final class SendWindow {
  /** Each direction of a stream may have this much unacknowledged data in flight at first. */
  public static final long DEFAULT_WINDOW = org.jmasq.payload.StreamAck.DEFAULT_WINDOW;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long window;
  private long sent;
  private long acknowledged;
  private boolean closed;

  public SendWindow(long window) {
    if (window < 1) {
      throw new IllegalArgumentException("window: " + window + " (expected: at least 1)");
    }
    this.window = window;
  }

  /**
   * Waits until {@code bytes} more fit in the window, then counts them as sent.
   *
   * @return false when the window was closed, or no acknowledgement came within {@code patience}
   */
  public boolean acquire(int bytes, Duration patience) throws InterruptedException {
    lock.lock();
    try {
      long deadline = System.nanoTime() + patience.toNanos();
      // One chunk may always go when nothing is in flight, however large it is.
      while (!closed && sent - acknowledged > 0 && sent + bytes - acknowledged > window) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
      if (closed) {
        return false;
      }
      sent += bytes;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The far end has written {@code written} bytes in all, and will hold {@code window} bytes beyond
   * them from now on; an older or impossible count changes neither.
   */
  public void acknowledge(long written, long window) {
    lock.lock();
    try {
      if (written > acknowledged && written <= sent) {
        acknowledged = written;
        // Never more than an honest receiver grants, whatever this one says.
        this.window = Math.min(window, Acknowledger.MAX_WINDOW);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The window now. */
  public long window() {
    lock.lock();
    try {
      return window;
    } finally {
      lock.unlock();
    }
  }

  /** Releases every waiting sender; later acquisitions fail. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
