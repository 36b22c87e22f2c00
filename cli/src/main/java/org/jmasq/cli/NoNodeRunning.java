package org.jmasq.cli;

/** Nothing listens on the UI port: no Node (or Daemon) is running there. */
final class NoNodeRunning extends Exception {
  private static final long serialVersionUID = 1L;

  private final int port;

  NoNodeRunning(int port) {
    super(
        "No Node is running on UI port "
            + port
            + " (nothing answers on 127.0.0.1:"
            + port
            + "; start one with jmasq node --ui-port "
            + port
            + ", or give its --ui-port)",
        null,
        false,
        false);
    this.port = port;
  }

  int port() {
    return port;
  }
}
