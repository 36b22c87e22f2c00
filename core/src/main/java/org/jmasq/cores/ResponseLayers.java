package org.jmasq.cores;

import java.util.List;
import org.jmasq.crypto.PayloadLayer;

/**
 * The layers the way back puts on each response ({@link HopLayers}), which its originator takes off
 * before it opens the response. The exit adds none; each relay after it, and the originator's own
 * final hop, remove a layer that nobody put on, which is the same as adding one. Held: each of
 * those hops' payload layer and tag step, in route order. Made by {@link RoutePlan#responseLayers};
 * holds no more than that, so an originator can keep one for every recent route.
 */
public final class ResponseLayers {
  /** For one-way routes, which have no way back. */
  public static final ResponseLayers NONE = new ResponseLayers(List.of(), new long[0]);

  private final List<PayloadLayer> hops;
  private final long[] steps;

  ResponseLayers(List<PayloadLayer> hops, long[] steps) {
    if (hops.size() != steps.length) {
      throw new IllegalArgumentException(hops.size() + " hops, " + steps.length + " steps");
    }
    this.hops = List.copyOf(hops);
    this.steps = steps.clone();
  }

  /**
   * Removes, in place, the way back's layers from the response payload at {@code offset}. {@code
   * tag} is the response's tag as the originator's final hop received it: each hop before it saw
   * the next one's tag less its own step.
   */
  public void peel(long tag, byte[] bytes, int offset, int length) {
    long seen = tag;
    for (int i = hops.size() - 1; i >= 0; i--) {
      hops.get(i).apply(seen, bytes, offset, length);
      if (i > 0) {
        seen -= steps[i - 1];
      }
    }
  }
}
