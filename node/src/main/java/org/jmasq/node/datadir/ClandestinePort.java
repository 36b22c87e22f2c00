package org.jmasq.node.datadir;

import java.io.IOException;
import java.net.BindException;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the port a standard Node accepts links on, and keeps it in the data directory for the
 * next run: the configured port; without one, the port kept from an earlier run; and while a port
 * is taken, a random one in 1025–9999, up to {@value #RETRIES} more times. A port the Node may not
 * bind (below 1024 without the privilege) fails the start, whether configured or kept: it is not
 * taken, and the failure says how to grant the privilege.
 */
public final class ClandestinePort {
  private static final Logger log = LoggerFactory.getLogger(ClandestinePort.class);

  /** How many other ports are tried after the first is taken. */
  static final int RETRIES = 20;

  private ClandestinePort() {}

  /**
   * Listens on a port. A port that is taken fails with a {@link BindException}; any other failure
   * (a certificate that cannot be made, say) would fail on every port alike.
   */
  @FunctionalInterface
  public interface Bind<T extends AutoCloseable> {
    T bind(int port) throws IOException;
  }

  /**
   * Binds with {@code bind} and keeps the port it bound. What was bound is closed again when the
   * port cannot be kept, so a failed start leaves no port listening.
   *
   * @param configured the port the user gave, which is never replaced; 0 when none was given
   * @throws IOException the last bind's failure, when no port could be bound; at once when a bind
   *     fails otherwise than on a taken port; or the failure to keep the port
   */
  public static <T extends AutoCloseable> T bind(
      int configured, NodeFiles files, SecureRandom random, Bind<T> bind) throws IOException {
    if (configured != 0) {
      return keep(bind.bind(configured), configured, files);
    }
    int port = files.clandestinePort(random);
    for (int retry = 0; ; retry++) {
      T bound;
      try {
        bound = bind.bind(port);
      } catch (BindException e) {
        if (retry >= RETRIES) {
          throw e;
        }
        log.info("Clandestine port {} is taken; trying another", port);
        port = NodeFiles.randomClandestinePort(random);
        continue;
      }
      return keep(bound, port, files);
    }
  }

  private static <T extends AutoCloseable> T keep(T bound, int port, NodeFiles files)
      throws IOException {
    try {
      files.keepClandestinePort(port);
      return bound;
    } catch (IOException | RuntimeException e) {
      try {
        bound.close();
      } catch (Exception closing) {
        if (closing instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        e.addSuppressed(closing);
      }
      throw e;
    }
  }
}
