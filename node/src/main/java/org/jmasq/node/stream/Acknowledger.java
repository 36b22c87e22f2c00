package org.jmasq.node.stream;

import java.util.function.LongConsumer;

/**
 * The receiving side of flow control: as a stream's data is written to its socket, it sends an
 * acknowledgement each time another quarter of the window has been written.
 */
public final class Acknowledger {
  private final long every;
  private final LongConsumer send;
  private long lastSent;

  public Acknowledger(long window, LongConsumer send) {
    this.every = Math.max(1, window / 4);
    this.send = send;
  }

  /** Called by the one thread that writes the stream, with the bytes written so far. */
  public void written(long total) {
    if (total - lastSent >= every) {
      lastSent = total;
      send.accept(total);
    }
  }
}
