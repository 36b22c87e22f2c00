package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.runtime.SystemRuntime;
import org.jmasq.node.ui.UiGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jmasq setup}, {@code jmasq start} and {@code jmasq shell} against a Daemon on a real
 * gateway in this JVM, whose launcher only records: what they send and print, and the shell's
 * {@code crashed} line.
 */
class DaemonCommandsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path data;

  private final RecordingLauncher launcher = new RecordingLauncher();
  private SystemRuntime runtime;
  private UiGateway gateway;
  private String port;

  @BeforeEach
  void startDaemon() throws Exception {
    runtime = new SystemRuntime();
    gateway = UiGateway.bind(runtime, 0, ConnectionStage.NOT_CONNECTED);
    Daemon daemon =
        new Daemon(
            new DaemonSetup(Map.of("MASQ_DATA_DIRECTORY", data.toString())),
            launcher,
            gateway::broadcast);
    gateway.serve(daemon.handlers(), daemon::rest);
    port = "" + gateway.address().getPort();
  }

  @AfterEach
  void stopDaemon() {
    gateway.close();
    runtime.close();
  }

  @Test
  void setup_sends_names_and_values_and_prints_the_table_as_masq_does() {
    CommandRun run =
        CommandRun.of(
            "setup",
            "--ui-port",
            port,
            "--min-hops",
            "4",
            "--chain=dev",
            "--neighbors",
            "--ip",
            "x");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(String.format("%-29s %-64s %s", "NAME", "VALUE", "STATUS"))
        .containsPattern("\nmin-hops +4 +Set\n")
        .containsPattern("\nchain +dev +Set\n")
        .containsPattern("\nneighbors +Blank\n")
        .contains("\nERRORS:\nip ");
  }

  @Test
  void start_prints_the_process_and_port_and_a_second_start_is_refused() {
    CommandRun first = CommandRun.of("start", "--ui-port", port);
    CommandRun second = CommandRun.of("start", "--ui-port", port);

    assertThat(first.out()).contains("MASQNode successfully started in process 1000 on port 40000");
    assertThat(second.exit()).isEqualTo(1);
    assertThat(second.errLines())
        .containsExactly("jmasq: The Node is already running as process 1000 on UI port 40000");
  }

  @Test
  void a_node_command_without_a_node_says_it_is_not_running() {
    CommandRun run = CommandRun.of("descriptor", "--ui-port", port);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly("jmasq: Cannot handle descriptor request: Node is not running");
  }

  @Test
  void the_shell_prints_the_crash_of_the_daemons_node() throws Exception {
    try (ShellRun shell = new ShellRun("--ui-port", port)) {
      shell.type("start");
      assertThat(shell.out.await("successfully started", 0, WAIT))
          .as(shell.out.toString())
          .isTrue();

      launcher.launched.get(0).exit().complete(137);

      assertThat(shell.out.await("The Node running as process 1000 terminated", 0, WAIT))
          .as(shell.out.toString())
          .isTrue();
      shell.type("exit");
      assertThat(shell.exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
    }
  }
}
