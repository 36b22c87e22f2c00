package org.jmasq.testbed.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the short system commands (ip, sysctl) that set the emulator's routing up and down. */
final class Commands {

  private Commands() {}

  /** Runs {@code command} to its end and gives its output; a non-zero exit throws, with stderr. */
  static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    // Outputs are short (a few lines of ip or sysctl): stdout to its end, then stderr.
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + ": still running after 30 s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", command) + ": interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + ": exit " + process.exitValue() + ": " + err.strip());
    }
    return out;
  }

  /** {@code command}, run inside network namespace {@code namespace}. */
  static List<String> in(String namespace, String... command) {
    return Stream.concat(Stream.of("ip", "netns", "exec", namespace), Arrays.stream(command))
        .toList();
  }
}
