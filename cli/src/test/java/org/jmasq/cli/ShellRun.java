package org.jmasq.cli;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/**
 * {@code jmasq shell} running in this JVM on a thread of its own, typed at line by line, its output
 * watched as it comes.
 */
final class ShellRun implements AutoCloseable {
  final WatchedWriter out = new WatchedWriter();
  final WatchedWriter err = new WatchedWriter();
  final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final PipedOutputStream keyboard = new PipedOutputStream();

  ShellRun(String... args) throws IOException {
    PipedInputStream stdin = new PipedInputStream(keyboard);
    CommandLine cli = Main.commandLine(Map.of(), stdin);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "shell";
    System.arraycopy(args, 0, all, 1, args.length);
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                exit.complete(cli.execute(all));
              } catch (RuntimeException e) {
                exit.completeExceptionally(e);
              }
            });
  }

  void type(String line) throws IOException {
    keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  /** Ends standard input, as Ctrl-D does. */
  void endInput() throws IOException {
    keyboard.close();
  }

  @Override
  public void close() throws IOException {
    endInput();
  }
}
