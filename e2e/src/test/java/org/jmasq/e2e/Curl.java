package org.jmasq.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real curl, the way a user would, and keeps what it printed. */
final class Curl {
  /** What one curl run left behind. */
  record Result(int exitCode, byte[] body, String stderr) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private Curl() {}

  static Result run(Path scratch, String... args) throws IOException, InterruptedException {
    Files.createDirectories(scratch);
    Path body = Files.createTempFile(scratch, "curl-body", ".bin");
    Path err = Files.createTempFile(scratch, "curl-err", ".txt");
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl",
                "--silent",
                "--show-error",
                "--max-time",
                "60",
                "--output",
                body.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectError(err.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("curl did not finish: " + command);
    }
    Result result =
        new Result(process.exitValue(), Files.readAllBytes(body), Files.readString(err));
    Files.delete(body);
    Files.delete(err);
    return result;
  }
}
