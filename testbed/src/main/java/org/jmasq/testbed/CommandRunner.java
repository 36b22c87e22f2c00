package org.jmasq.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the testbed's commands ({@code ip}, {@code nft}, commands on a host) to completion and turns
 * a failure into a {@link CommandFailedException} that carries the command and its stderr. Output
 * goes through files in a scratch directory, not pipes, so a chatty command cannot block on a full
 * pipe while we wait for it.
 */
final class CommandRunner {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final Path scratch;

  CommandRunner(Path scratch) {
    this.scratch = scratch;
  }

  /** Runs the command; a non-zero exit is a failure. Returns its stdout. */
  String run(String... command) throws CommandFailedException {
    Result result = attempt(DEFAULT_TIMEOUT, List.of(command));
    if (result.exitCode() != 0) {
      throw new CommandFailedException(result.command(), result.exitCode(), result.stderr());
    }
    return result.stdout();
  }

  /** Runs the command and returns whatever it did, exit code included; only a timeout throws. */
  Result attempt(Duration timeout, List<String> command) throws CommandFailedException {
    Path out;
    Path err;
    try {
      Files.createDirectories(scratch);
      out = Files.createTempFile(scratch, "out", ".txt");
      err = Files.createTempFile(scratch, "err", ".txt");
    } catch (IOException e) {
      throw new CommandFailedException(command, -1, "cannot make output files: " + e.getMessage());
    }
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        String said = read(err);
        throw new CommandFailedException(
            command, -1, "timed out after " + timeout + (said.isBlank() ? "" : "; " + said));
      }
      return new Result(List.copyOf(command), process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new CommandFailedException(command, -1, "cannot start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException(command, -1, "interrupted");
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** Prefixes a command so that it runs inside a namespace. */
  static List<String> inNamespace(String namespace, List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(command);
    return full;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A scratch file left behind goes with the run's directory at close.
    }
  }

  /** What a command did: its exit code and both outputs. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {}
}
