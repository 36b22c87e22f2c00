package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * One run of the {@code jmasq} command line in this JVM, with its own environment, standard input,
 * output and error.
 */
record CommandRun(int exit, String out, String err) {
  static CommandRun of(String... args) {
    return with(Map.of(), "", args);
  }

  static CommandRun with(Map<String, String> environment, String stdin, String... args) {
    CommandLine cli =
        Main.commandLine(
            environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new CommandRun(exit, out.toString(), err.toString());
  }

  private static final String WARNING = "jmasq: warning: ";

  /**
   * The non-blank lines of standard error but its warnings (a secret typed on the command line,
   * which many of these tests do on purpose).
   */
  List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank() && !l.startsWith(WARNING)).toList();
  }

  /** The warnings on standard error, without their {@code jmasq: warning: } prefix. */
  List<String> warnings() {
    return err.lines()
        .filter(l -> l.startsWith(WARNING))
        .map(l -> l.substring(WARNING.length()))
        .toList();
  }

  /**
   * Runs a command that must be refused: exit code {@code exit}, one line on standard error that
   * contains {@code expected}, nothing on standard output, and the database of {@code
   * dataDirectory} as it was.
   */
  static void assertRefused(
      Path dataDirectory, int exit, String expected, Supplier<CommandRun> command)
      throws IOException {
    DatabaseSnapshot before = DatabaseSnapshot.of(dataDirectory);
    CommandRun run = command.get();
    assertThat(run.exit()).as(run.err()).isEqualTo(exit);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("jmasq: ").contains(expected);
    assertThat(run.out()).isEmpty();
    assertThat(DatabaseSnapshot.of(dataDirectory)).isEqualTo(before);
  }
}
