package org.jmasq.node.stream;

import org.jmasq.payload.StreamAck;

/**
 * The receiving side of flow control: as a stream's data is written to its socket, it sends an
 * acknowledgement each time another quarter of the window has been written, naming the window the
 * sender may use from then on.
 *
 * <p>The window adapts to the route. It starts at {@link StreamAck#DEFAULT_WINDOW}; when a quarter
 * of it has been written and at no time meanwhile did more than another quarter wait behind it (the
 * client takes the data as fast as it comes, so the window, not the client, limits the stream), it
 * doubles, up to {@link #MAX_WINDOW}, as long as the Node's {@link WindowBudget} has room. So a
 * stream on a route whose bandwidth-delay product is larger than the default fills it within a few
 * round trips, a slow client's stream keeps the default, and what all streams may hold together
 * stays bounded. It never shrinks: data may already be in flight under a window once granted.
 */
public final class Acknowledger {
  /** The most one direction of a stream may have in flight: a 400 ms route at 40 MB/s. */
  public static final long MAX_WINDOW = 16L << 20;

  /** Sends an acknowledgement: the bytes written so far, and the window from then on. */
  @FunctionalInterface
  public interface Sender {
    void send(long written, long window);
  }

  /** Told when the window grows, so the stream's buffer may hold what is in flight under it. */
  @FunctionalInterface
  public interface Growth {
    void windowIs(long window);
  }

  private final WindowBudget budget;
  private final Object owner;
  private final Sender send;
  private final Growth growth;
  private boolean released;
  private long window = StreamAck.DEFAULT_WINDOW;
  private long every = window / 4;
  private long lastSent;
  private long mostWaiting;
  private volatile long granted = window;

  /**
   * A receiver whose window grows within {@code budget}, counted against {@code owner}'s share (at
   * an exit, the originator's key).
   */
  public Acknowledger(WindowBudget budget, Object owner, Sender send, Growth growth) {
    this.budget = budget;
    this.owner = owner;
    this.send = send;
    this.growth = growth;
  }

  /**
   * Called by the one thread that writes the stream, with the bytes written so far and the bytes
   * still waiting behind them.
   */
  public void written(long total, long waiting) {
    mostWaiting = Math.max(mostWaiting, waiting);
    if (total - lastSent < every) {
      return;
    }
    lastSent = total;
    long most = mostWaiting;
    mostWaiting = 0;
    boolean grew = false;
    synchronized (this) {
      if (window < MAX_WINDOW && most <= window / 4 && !released && budget.take(owner, window)) {
        window *= 2;
        granted = window;
        every = window / 4;
        grew = true;
      }
    }
    if (grew) {
      growth.windowIs(window);
    }
    send.send(total, window);
  }

  /** The window granted so far. */
  public long window() {
    return granted;
  }

  /** Gives what the window took from the budget back; the stream has ended. Once. */
  public synchronized void release() {
    if (!released) {
      released = true;
      budget.give(owner, granted - StreamAck.DEFAULT_WINDOW);
    }
  }
}
