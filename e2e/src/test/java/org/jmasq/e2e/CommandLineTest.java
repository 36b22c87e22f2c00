package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code jmasq} command as a user meets it: bad flags, Ctrl-C, the launcher. */
class CommandLineTest {
  @TempDir Path work;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown mode            | --neighborhood-mode=sideways                 | 'sideways' is not a mode",
        "port out of range       | --proxy-port=70000                           | 70000 is out of range",
        "negative port           | --proxy-port=-1                              | -1 is out of range",
        "port not a number       | --proxy-port=http                            | 'http' is not a port",
        "malformed descriptor    | --neighbors=masq://dev:abc@1.2.3.4:5         | malformed node descriptor",
        "descriptor bad port     | --neighbors=masq://dev:KCRFofnwBLbz0Z4MDKb7mj_jG6FGUt8djbX_dRVacg0@1.2.3.4:99999 | port 99999 is out of range",
        "unknown chain           | --chain=moon-mainnet                         | 'moon-mainnet' is not a chain",
        "min hops out of range   | --min-hops=9                                 | 9 is out of range",
        "bad DNS server          | --dns-servers=dns.example                    | is not a DNS server",
        "unknown option          | --frobnicate                                 | Unknown option",
        "short consuming key     | --consuming-private-key=abc                  | consuming private key: 3 characters (expected: 64 hex digits)",
        "malformed earning wallet | --earning-wallet=0x12                       | wallet address '0x12' is not 0x followed by 40 hex digits",
        "thresholds too few      | --payment-thresholds=1                       | payment thresholds '1' has 1 values (expected: 6",
        "rate pack too few       | --rate-pack=1                                | rate pack '1' has 1 values (expected: 4",
        "not an http URL         | --blockchain-service-url=ftp://chain.example | is not an http:// or https:// URL",
        "negative credit         | --new-payer-credit=-1                        | -1 is out of range (expected: 0~",
      })
  void a_bad_flag_exits_non_zero_with_one_line_and_no_stack_trace(
      String what, String flag, String expected) throws Exception {
    Path dir = work.resolve(what.replace(' ', '-'));
    try (NodeProcess process =
        NodeProcess.start(
            dir,
            "node",
            "--neighborhood-mode",
            "zero-hop",
            "--data-directory",
            dir.toString(),
            flag)) {
      int exit = process.awaitExit(Duration.ofSeconds(30));
      List<String> lines =
          Files.readAllLines(dir.resolve("stderr.log")).stream().filter(l -> !l.isBlank()).toList();

      assertThat(exit).isNotZero().isNotEqualTo(-1);
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0)).startsWith("jmasq: ").contains(expected);
      assertThat(process.stdout()).isEmpty();
    }
  }

  /** Starts a standard Node on {@code dir}, waits until it is ready, and stops it with Ctrl-C. */
  private void runOnce(Path dir, String... extra) throws Exception {
    runOnceAs(dir, "first", extra);
  }

  /**
   * As {@link #runOnce(Path, String...)}, logging under {@code run}; returns the Node's descriptor.
   */
  private String runOnceAs(Path dir, String run, String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "node",
                "--ip",
                "127.0.0.1",
                "--proxy-port",
                "0",
                "--data-directory",
                dir.resolve("data").toString()));
    args.addAll(List.of(extra));
    try (NodeProcess node = NodeProcess.start(dir.resolve(run), args.toArray(String[]::new))) {
      node.awaitLine(java.util.regex.Pattern.compile("JMasq Node ready"), Duration.ofSeconds(60));
      node.interrupt();
      assertThat(node.awaitExit(Duration.ofSeconds(15))).as(node.diagnostics()).isIn(0, 130);
      java.util.regex.Matcher descriptor =
          java.util.regex.Pattern.compile("JMasq Node (masq://\\S+)")
              .matcher(String.join("\n", node.stdout()));
      assertThat(descriptor.find()).as(node.diagnostics()).isTrue();
      return descriptor.group(1);
    }
  }

  @Test
  void
      with_a_database_password_the_node_key_is_kept_encrypted_and_a_restarted_node_is_the_same_node()
          throws Exception {
    Path dir = work.resolve("kept-key");
    String first = runOnceAs(dir, "first", "--chain", "dev", "--db-password", "secret");
    assertThat(dir.resolve("data").resolve("node-key")).as("a clear key file").doesNotExist();
    byte[] database = Files.readAllBytes(dir.resolve("data").resolve("node-data.db"));
    String key = first.substring("masq://dev:".length(), first.indexOf('@'));
    assertThat(new String(database, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(key);

    assertThat(runOnceAs(dir, "second", "--chain", "dev", "--db-password", "secret"))
        .as("restarted with the password")
        .isEqualTo(first);
    String withoutPassword = runOnceAs(dir, "third", "--chain", "dev");
    assertThat(withoutPassword)
        .as("without the password the key cannot be read")
        .isNotEqualTo(first);
    assertThat(Files.readString(dir.resolve("third").resolve("stderr.log")))
        .contains("without --db-password this run uses a new key");
    assertThat(dir.resolve("data").resolve("node-key")).doesNotExist();
    assertThat(runOnceAs(dir, "fourth", "--chain", "dev", "--db-password", "secret"))
        .isEqualTo(first);
  }

  private static final String KEY =
      "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "wrong password       | dev          | guess  | --min-hops=3                                   | jmasq: The database password is wrong; nothing was changed",
        "wrong chain          | base-sepolia | secret | --min-hops=3                                   | belongs to the chain 'dev', not 'base-sepolia'",
        "other earning wallet | dev          | secret | --earning-wallet=0x2222222222222222222222222222222222222222 | cannot be replaced by 0x2222222222222222222222222222222222222222",
      })
  void a_refused_database_gives_one_line_exits_non_zero_and_leaves_the_file_untouched(
      String what, String chain, String password, String flag, String expected) throws Exception {
    Path dir = work.resolve(what.replace(' ', '-'));
    runOnce(
        dir,
        "--chain",
        "dev",
        "--db-password",
        "secret",
        "--consuming-private-key",
        KEY,
        "--earning-wallet",
        "0x1111111111111111111111111111111111111111");
    Path file = dir.resolve("data").resolve("node-data.db");
    byte[] before = Files.readAllBytes(file);

    try (NodeProcess again =
        NodeProcess.start(
            dir.resolve("again"),
            "node",
            "--chain",
            chain,
            "--ip",
            "127.0.0.1",
            "--proxy-port",
            "0",
            "--data-directory",
            dir.resolve("data").toString(),
            "--db-password",
            password,
            flag)) {
      assertThat(again.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
      // The password is typed on the command line here, which earns a warning of its own.
      List<String> lines =
          again
              .stderr()
              .lines()
              .filter(l -> !l.isBlank() && !l.startsWith("jmasq: warning:"))
              .toList();
      assertThat(again.stderr()).contains("jmasq: warning: --db-password on the command line");
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0)).startsWith("jmasq: ").contains(expected);
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void ip_is_refused_in_zero_hop_mode() throws Exception {
    try (NodeProcess process =
        NodeProcess.start(work, "node", "--neighborhood-mode", "zero-hop", "--ip", "1.2.3.4")) {
      assertThat(process.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(process.stderr().strip())
          .isEqualTo(
              "jmasq: --ip cannot be used in zero-hop mode: a zero-hop Node has no public address");
    }
  }

  @Test
  void a_busy_proxy_port_is_explained() throws Exception {
    try (java.net.ServerSocket taken =
            new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        NodeProcess process =
            NodeProcess.start(
                work,
                "node",
                "--neighborhood-mode",
                "zero-hop",
                "--data-directory",
                work.toString(),
                "--proxy-port",
                Integer.toString(taken.getLocalPort()))) {
      assertThat(process.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
      assertThat(process.stderr().strip())
          .startsWith("jmasq: cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void two_nodes_cannot_share_a_data_directory() throws Exception {
    try (NodeProcess first = NodeProcess.zeroHop(work.resolve("shared"));
        NodeProcess second =
            NodeProcess.start(
                work.resolve("second"),
                "node",
                "--neighborhood-mode",
                "zero-hop",
                "--data-directory",
                work.resolve("shared").toString(),
                "--proxy-port",
                "0")) {
      assertThat(second.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
      assertThat(second.stderr()).contains("another Node is already running with data directory");
      assertThat(first.isAlive()).isTrue();
    }
  }

  @Test
  void ctrl_c_stops_the_node_cleanly() throws Exception {
    try (NodeProcess node = NodeProcess.zeroHop(work.resolve("node"))) {
      node.interrupt();
      int exit = node.awaitExit(Duration.ofSeconds(15));

      assertThat(exit).as(node.diagnostics()).isIn(0, 130);
      assertThat(node.stdout()).contains("JMasq Node stopped.");
      assertThat(node.stderr()).doesNotContain("Exception");
    }
  }

  @Test
  void the_launcher_picks_a_jdk_and_runs_the_command_line() throws Exception {
    Path launcher = Path.of("..", "bin", "jmasq").toAbsolutePath().normalize();
    Process process =
        new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());

    assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES))
        .as("the launcher ended")
        .isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("jmasq ");
  }
}
