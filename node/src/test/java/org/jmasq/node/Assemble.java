package org.jmasq.node;

import java.io.IOException;

/**
 * Runs an assembly as {@code Node.start} does: when it fails halfway, whatever it had started is
 * stopped before the failure is thrown on.
 */
final class Assemble {
  /** One assembly's start, recording its parts in the {@link StartedParts} it was given. */
  @FunctionalInterface
  interface Assembly {
    Subsystems start() throws IOException;
  }

  private Assemble() {}

  static Subsystems orStopAll(StartedParts started, Assembly assembly) throws IOException {
    try {
      return assembly.start();
    } catch (IOException | RuntimeException e) {
      started.stopAll();
      throw e;
    }
  }
}
