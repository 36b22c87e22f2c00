package org.jmasq.node;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Node has started so far, with how to stop each part. Everything is stopped newest first:
 * all of it when the Node stops, and what was started before a later step failed when the Node
 * cannot start. A part that fails to stop is logged, and the older parts are still stopped.
 */
final class StartedParts {
  private static final Logger log = LoggerFactory.getLogger(StartedParts.class);

  private final Deque<Runnable> stops = new ArrayDeque<>();

  /** Remembers how to stop the part just started. */
  synchronized void onStop(Runnable stop) {
    stops.push(stop);
  }

  /** Stops every part, newest first; a second call finds nothing left to stop. */
  synchronized void stopAll() {
    for (Runnable stop = stops.poll(); stop != null; stop = stops.poll()) {
      try {
        stop.run();
      } catch (RuntimeException e) {
        log.warn("Stopping a part of the Node failed", e);
      }
    }
  }
}
