package org.jmasq.node.datadir;

import java.io.IOException;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the port a standard Node accepts links on, and keeps it in the data directory for the
 * next run: the configured port; without one, the port kept from an earlier run; and while a port
 * is taken, a random one in 1025–9999, up to {@value #RETRIES} more times.
 */
public final class ClandestinePort {
  private static final Logger log = LoggerFactory.getLogger(ClandestinePort.class);

  /** How many other ports are tried after the first is taken. */
  static final int RETRIES = 20;

  private ClandestinePort() {}

  /** Listens on a port; fails when it is taken. */
  @FunctionalInterface
  public interface Bind<T> {
    T bind(int port) throws IOException;
  }

  /**
   * Binds with {@code bind} and keeps the port it bound.
   *
   * @param configured the port the user gave, which is never replaced; 0 when none was given
   * @throws IOException the last bind's failure, when no port could be bound
   */
  public static <T> T bind(int configured, NodeFiles files, SecureRandom random, Bind<T> bind)
      throws IOException {
    if (configured != 0) {
      T bound = bind.bind(configured);
      files.keepClandestinePort(configured);
      return bound;
    }
    int port = files.clandestinePort(random);
    for (int retry = 0; ; retry++) {
      try {
        T bound = bind.bind(port);
        files.keepClandestinePort(port);
        return bound;
      } catch (IOException e) {
        if (retry >= RETRIES) {
          throw e;
        }
        log.info("Clandestine port {} is taken; trying another", port);
        port = NodeFiles.randomClandestinePort(random);
      }
    }
  }
}
