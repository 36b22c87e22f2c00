package org.jmasq.cli;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** How the Daemon starts its Node: as a child process, or (in tests) a fake that records. */
interface NodeLauncher {
  /**
   * A started Node.
   *
   * @param processId its process id
   * @param uiPort the UI port it was given
   * @param exit completes with its exit code when it ends
   */
  record Launched(long processId, int uiPort, CompletableFuture<Integer> exit) {}

  /**
   * Starts a Node with {@code environment} and {@code --ui-port uiPort}, and waits (a few seconds
   * at most) until it answers on that port, so that a UI redirected there finds it.
   *
   * @throws IOException when it cannot be started, or it ended before it answered
   */
  Launched launch(Map<String, String> environment, int uiPort) throws IOException;

  /** A UI port for the Node that nothing listens on now. */
  int freePort() throws IOException;
}
