package org.jmasq.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the Daemon's Node as a child process: the same Java and class path as the Daemon, {@code
 * jmasq node --ui-port P}, the setup in its environment. Its output goes where the Daemon's goes.
 * Like the reference's, the Node is not tied to the Daemon: it keeps running if the Daemon ends.
 */
final class ChildNodeLauncher implements NodeLauncher {
  /** How long a start waits for the Node's UI port before it answers anyway. */
  private static final Duration READY = Duration.ofSeconds(8);

  private static final Duration POLL = Duration.ofMillis(100);

  @Override
  public Launched launch(Map<String, String> environment, int uiPort) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    // As bin/jmasq runs it: SQLite's native library loads without a warning.
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "node",
                    "--ui-port",
                    Integer.toString(uiPort)))
            .inheritIO();
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    Launched launched =
        new Launched(process.pid(), uiPort, process.onExit().thenApply(Process::exitValue));
    awaitPort(process, uiPort);
    return launched;
  }

  /** Until the port takes a connection, the Node ends (an error), or {@link #READY} passes. */
  private static void awaitPort(Process process, int port) throws IOException {
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return;
      } catch (IOException e) {
        // Not listening yet.
      }
      try {
        // Waits on the process, so a Node that fails at once is told at once.
        int code = process.onExit().get(POLL.toMillis(), TimeUnit.MILLISECONDS).exitValue();
        throw new IOException(
            "the Node ended with exit code " + code + " before it listened on UI port " + port);
      } catch (TimeoutException e) {
        // Still running.
      } catch (ExecutionException e) {
        throw new IOException("cannot wait for the Node: " + e.getCause(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the Node started", e);
      }
    }
  }

  @Override
  public int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
