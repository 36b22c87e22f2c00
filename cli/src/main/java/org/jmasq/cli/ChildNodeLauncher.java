package org.jmasq.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    try {
      awaitPort(process, uiPort);
    } catch (IOException e) {
      // A Node the Daemon gives up on must not run on: a second start would run two Nodes on one
      // data directory.
      process.destroy();
      throw e;
    }
    return launched;
  }

  /**
   * Until the Node's gateway serves (its {@code /metrics} answers 200: before the Node's parts run
   * the port is bound but answers 503, and a UI that followed the answer at once would be refused),
   * the Node ends (an error), or {@link #READY} passes.
   */
  private static void awaitPort(Process process, int port) throws IOException {
    long deadline = System.nanoTime() + READY.toNanos();
    try (HttpClient http =
        HttpClient.newBuilder()
            // Without an h2c upgrade, which the gateway would take for a WebSocket one.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build()) {
      awaitServing(process, port, deadline, http);
    }
  }

  private static void awaitServing(Process process, int port, long deadline, HttpClient http)
      throws IOException {
    HttpRequest metrics =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(metrics, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the Node started", e);
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
    return LoopbackPorts.free();
  }
}
