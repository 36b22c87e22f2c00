package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code shutdown}: {@code {}} → {@code {}}, then the Node stops as {@code Node.close} does (the
 * entry, the streams, the links, the books flushed). The answer is written first, so a UI knows its
 * request arrived; the reference's Node exits without one, and its CLI waits for the port to close,
 * which it also does here.
 */
final class ShutdownHandler implements UiHandler {
  private final Runnable shutdown;
  private final AtomicBoolean asked = new AtomicBoolean();

  ShutdownHandler(Runnable shutdown) {
    this.shutdown = shutdown;
  }

  @Override
  public UiAnswer handle(ObjectNode payload) {
    // A second request while the first is stopping the Node is answered but stops nothing more.
    Runnable after = asked.compareAndSet(false, true) ? shutdown : UiAnswer.NOTHING;
    return new UiAnswer.Ok(UiAnswer.object(), after);
  }
}
