package org.jmasq.node.runtime;

/** A scheduled task that can be called off; calling it off twice, or after it ran, does nothing. */
@FunctionalInterface
public interface Cancellable {
  void cancel();
}
