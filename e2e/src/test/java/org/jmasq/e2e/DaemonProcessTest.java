package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jmasq daemon} as a user runs it, in its own JVM: {@code jmasq setup} a zero-hop Node,
 * {@code jmasq start} it, a Node command through the Daemon (its {@code redirect} followed), the
 * Node killed with SIGKILL, {@code crashed} seen by a client on the JDK's own WebSocket (not the
 * gateway's classes), and {@code jmasq start} bringing the Node back.
 */
class DaemonProcessTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern STARTED =
      Pattern.compile("MASQNode successfully started in process (\\d+) on port (\\d+)");

  /** {@code NODE_ALREADY_RUNNING_ERROR}, 0x8000_0000_0000_0003, as the wire writes it. */
  private static final String NODE_ALREADY_RUNNING = "9223372036854775811";

  @TempDir Path work;

  private final List<NodeProcess> processes = new ArrayList<>();
  private final List<Long> nodes = new ArrayList<>();
  private UiClient client;

  @AfterEach
  void stopEverything() {
    if (client != null) {
      client.close();
    }
    // The Daemon's Nodes outlive it, as the reference's do: each is ended by its id.
    nodes.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    processes.forEach(NodeProcess::close);
  }

  @Test
  void a_daemon_starts_its_node_reports_its_crash_and_starts_it_again() throws Exception {
    int port = freePort();
    NodeProcess daemon =
        started(NodeProcess.start(work.resolve("daemon"), "daemon", "--ui-port", "" + port));
    daemon.awaitLine(
        Pattern.compile("JMasq Daemon \\(MASQNode-UIv2\\) on ws://127.0.0.1:" + port), WAIT);
    client = UiClient.connect(port);

    String setup =
        cli(
            "setup",
            "--ui-port",
            "" + port,
            "--neighborhood-mode",
            "zero-hop",
            "--data-directory",
            work.resolve("node").toString(),
            "--proxy-port",
            "0",
            "--log-level",
            "info");
    assertThat(setup).containsPattern("neighborhood-mode +zero-hop +Set");
    assertThat(setup).containsPattern("chain +base-mainnet +Default");
    JsonNode told = client.await("setup", m -> m.path("opcode").asText().equals("setup"));
    assertThat(told.path("payload").path("running").asBoolean()).isFalse();

    Matcher first = matched(STARTED, cli("start", "--ui-port", "" + port, "--timeout", "60"));
    long pid = Long.parseLong(first.group(1));
    int nodePort = Integer.parseInt(first.group(2));
    nodes.add(pid);
    daemon.awaitLine(
        Pattern.compile("JMasq Node UI \\(MASQNode-UIv2\\) on ws://127.0.0.1:" + nodePort), WAIT);

    // A Node command through the Daemon: the CLI follows its redirect to the Node.
    assertThat(cli("connection-status", "--ui-port", "" + port)).contains("RouteFound");
    // The redirect as a client sees it, and the Daemon's refusal of a second start.
    client.sendRaw("{\"opcode\":\"descriptor\",\"contextId\":5,\"payload\":{}}");
    JsonNode redirect = client.broadcast("redirect");
    assertThat(redirect.has("contextId")).isFalse();
    assertThat(redirect.path("payload").path("port").asInt()).isEqualTo(nodePort);
    assertThat(redirect.path("payload").path("opcode").asText()).isEqualTo("descriptor");
    assertThat(redirect.path("payload").path("contextId").asLong()).isEqualTo(5);
    assertThat(redirect.path("payload").path("payload").asText()).isEqualTo("{}");
    client.sendRaw("{\"opcode\":\"start\",\"contextId\":6,\"payload\":{}}");
    JsonNode refused =
        client.await(
            "the start refused",
            m -> m.path("opcode").asText().equals("start") && m.path("contextId").asLong() == 6);
    assertThat(refused.path("error").path("code").asText()).isEqualTo(NODE_ALREADY_RUNNING);

    ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
    JsonNode crashed = client.broadcast("crashed");
    assertThat(crashed.has("contextId")).isFalse();
    assertThat(crashed.path("payload").path("processId").asLong()).isEqualTo(pid);
    assertThat(crashed.path("payload").path("crashReason").path("Unrecognized").asText())
        .contains("137");

    Matcher second = matched(STARTED, cli("start", "--ui-port", "" + port, "--timeout", "60"));
    long again = Long.parseLong(second.group(1));
    int againPort = Integer.parseInt(second.group(2));
    nodes.add(again);
    assertThat(again).isNotEqualTo(pid);
    daemon.awaitLine(
        Pattern.compile("JMasq Node UI \\(MASQNode-UIv2\\) on ws://127.0.0.1:" + againPort), WAIT);
    assertThat(cli("connection-status", "--ui-port", "" + port)).contains("RouteFound");
  }

  private NodeProcess started(NodeProcess process) {
    processes.add(process);
    return process;
  }

  /** Runs {@code jmasq <args>} to its end and returns what it printed; it must exit with 0. */
  private String cli(String... args) throws IOException, InterruptedException {
    NodeProcess run =
        started(NodeProcess.start(work.resolve("cli-" + processes.size()), Map.of(), args));
    int exit = run.awaitExit(WAIT);
    assertThat(exit).as("jmasq %s: %s", args[0], run.diagnostics()).isZero();
    return String.join("\n", run.stdout());
  }

  static Matcher matched(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
    return m;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
