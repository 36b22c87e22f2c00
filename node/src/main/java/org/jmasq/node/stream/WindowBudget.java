package org.jmasq.node.stream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory a Node lets its streams' receive windows grow into, beyond the default window every
 * stream has. A receiver that doubles a stream's window takes the difference from here and gives it
 * back when the stream ends, so however many streams are fast at once, what they may hold together
 * stays bounded.
 */
public final class WindowBudget {
  /** What one side of a Node (its originating streams, or its exit's) may hold beyond defaults. */
  public static final long DEFAULT_BYTES = 256L << 20;

  private final AtomicLong left;

  public WindowBudget(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("budget: " + bytes + " (expected: at least 0)");
    }
    this.left = new AtomicLong(bytes);
  }

  /** Takes {@code bytes} if that much is left; false, and nothing taken, otherwise. */
  boolean take(long bytes) {
    long now;
    do {
      now = left.get();
      if (now < bytes) {
        return false;
      }
    } while (!left.compareAndSet(now, now - bytes));
    return true;
  }

  void give(long bytes) {
    left.addAndGet(bytes);
  }

  /** What is left to grow windows into. */
  public long left() {
    return left.get();
  }
}
