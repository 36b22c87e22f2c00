package org.jmasq.node.stream;

import java.util.HashMap;
import java.util.Map;

/**
 * The memory a Node lets its streams' receive windows grow into, beyond the default window every
 * stream has. A receiver that doubles a stream's window takes the difference from here and gives it
 * back when the stream ends, so however many streams are fast at once, what they may hold together
 * stays bounded. One owner (at an exit, one originator) may hold at most its share, so a few
 * streams kept open on purpose cannot hold the whole budget against everyone else.
 */
public final class WindowBudget {
  /** What one side of a Node (its originating streams, or its exit's) may hold beyond defaults. */
  public static final long DEFAULT_BYTES = 256L << 20;

  private final long perOwner;
  private final Map<Object, Long> held = new HashMap<>();
  private long left;

  /** A budget of {@code bytes}, of which one owner may hold {@code perOwner}. */
  public WindowBudget(long bytes, long perOwner) {
    if (bytes < 0 || perOwner < 0) {
      throw new IllegalArgumentException("budget: " + bytes + ", per owner: " + perOwner);
    }
    this.left = bytes;
    this.perOwner = perOwner;
  }

  /** A budget of {@code bytes} for one owner: the streams of this Node's own clients. */
  public WindowBudget(long bytes) {
    this(bytes, bytes);
  }

  /** Takes {@code bytes} for {@code owner} if that much is left; false, and nothing taken. */
  synchronized boolean take(Object owner, long bytes) {
    long mine = held.getOrDefault(owner, 0L);
    if (left < bytes || mine + bytes > perOwner) {
      return false;
    }
    left -= bytes;
    held.put(owner, mine + bytes);
    return true;
  }

  synchronized void give(Object owner, long bytes) {
    if (bytes == 0) {
      return;
    }
    left += bytes;
    long mine = held.getOrDefault(owner, 0L) - bytes;
    if (mine > 0) {
      held.put(owner, mine);
    } else {
      held.remove(owner);
    }
  }

  /** What is left to grow windows into. */
  public synchronized long left() {
    return left;
  }
}
