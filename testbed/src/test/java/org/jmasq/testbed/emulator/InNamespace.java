package org.jmasq.testbed.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs clients and servers inside a host's namespace, as the emulator's tests and bench need. */
final class InNamespace {

  private InNamespace() {}

  /** Runs a command in a namespace to its end and gives its output; a failure throws. */
  static String run(String namespace, String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(Commands.in(namespace, command))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out;
    try (InputStream in = process.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  /**
   * Serves, on every connection to {@code port}, what {@code shell} writes; the shell ends with
   * {@code cat >/dev/null} so it lives until the client closes (socat, seeing its child end, could
   * drop the tail).
   */
  static Process serve(String namespace, int port, String shell, Path log) throws IOException {
    return new ProcessBuilder(
            Commands.in(
                namespace,
                "socat",
                "TCP-LISTEN:" + port + ",reuseaddr,fork",
                "SYSTEM:" + shell + "; cat >/dev/null"))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile())
        .start();
  }

  /** Starts a command in a namespace and leaves it running; its output is thrown away. */
  static Process start(String namespace, String... command) throws IOException {
    return new ProcessBuilder(Commands.in(namespace, command))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Ends a process started here and its children, and waits for it. */
  static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.onExit().join();
  }

  /**
   * A shell command that writes the header of an HTTP/1.0 answer of {@code bodyBytes}, kept in a
   * file in {@code dir}: socat's address syntax takes quotes and backslashes for its own.
   */
  static String httpHead(Path dir, long bodyBytes) throws IOException {
    Path head = dir.resolve("head-" + bodyBytes);
    Files.writeString(
        head,
        "HTTP/1.0 200 OK\r\nContent-Length: " + bodyBytes + "\r\n\r\n",
        StandardCharsets.US_ASCII);
    return "cat " + head;
  }
}
