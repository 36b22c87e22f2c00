package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CLI's UI client against a server that upgrades and then answers nothing: the timeout, and
 * notifications printed as they arrive.
 */
class UiClientTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void a_request_left_unanswered_ends_in_one_line_after_the_timeout() throws Exception {
    try (FakeUiServer server = new FakeUiServer()) {
      CommandRun run =
          CommandRun.of("connection-status", "--ui-port", "" + server.port(), "--timeout", "1");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.errLines())
          .containsExactly(
              "jmasq: no answer to connectionStatus from UI port " + server.port() + " within 1 s");
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void the_shell_prints_a_connection_change_between_commands_and_no_log_lines_unless_asked()
      throws Exception {
    try (FakeUiServer server = new FakeUiServer();
        ShellRun shell = new ShellRun("--ui-port", "" + server.port())) {
      server.upgraded().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(shell.out.await(ShellCommand.PROMPT, 0, WAIT)).isTrue();
      server.send(
          "{\"opcode\":\"logBroadcast\",\"payload\":{\"msg\":\"hello\",\"logLevel\":\"Info\"}}");
      server.send(
          "{\"opcode\":\"connectionChange\",\"payload\":{\"stage\":\"ConnectedToNeighbor\"}}");
      assertThat(shell.out.await("ConnectedToNeighbor: External neighbor(s)", 0, WAIT))
          .as(shell.out.toString())
          .isTrue();
      shell.type("exit");
      assertThat(shell.exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
      assertThat(shell.out.toString()).doesNotContain("hello");
    }
  }

  @Test
  void the_shell_prints_log_lines_with_logs() throws Exception {
    try (FakeUiServer server = new FakeUiServer();
        ShellRun shell = new ShellRun("--ui-port", "" + server.port(), "--logs")) {
      server.upgraded().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      server.send(
          "{\"opcode\":\"logBroadcast\",\"payload\":{\"msg\":\"hello\",\"logLevel\":\"Warn\"}}");
      assertThat(shell.out.await(">> Warn: hello", 0, WAIT)).as(shell.out.toString()).isTrue();
      shell.endInput(); // end of input leaves the shell
      assertThat(shell.exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  void a_shell_line_is_split_into_words_where_quotes_keep_blanks() {
    assertThat(ShellCommand.words("  financials --payable \"0-10|1-2\"  --gwei "))
        .containsExactly("financials", "--payable", "0-10|1-2", "--gwei");
    assertThat(ShellCommand.words("check-password 'a b'")).containsExactly("check-password", "a b");
    assertThat(ShellCommand.words("   ")).isEmpty();
  }
}
