package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.NeighborhoodMode;
import org.jmasq.node.Node;
import org.jmasq.node.NodeConfig;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI commands run through {@code Main} against real Nodes started in this JVM with a UI port:
 * what each prints, the Node's refusals, financials asked of the Node and read offline alike, and
 * shutdown.
 */
class UiCommandsNodeTest {
  /** This class's own loopback net, so its Nodes never meet another test's. */
  private static final int NET = 131;

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Wallet ALICE = Wallet.parse("0x" + "a1".repeat(20));
  private static final Wallet BOB = Wallet.parse("0x" + "b2".repeat(20));
  private static final Wallet CAROL = Wallet.parse("0x" + "c3".repeat(20));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path root;

  private static Node node;
  private static int port;
  private static int nobody;

  @BeforeAll
  static void start_a_lone_standard_node_with_books() throws Exception {
    Path directory = root.resolve("node-1");
    Instant hourAgo = Instant.now().minusSeconds(3600);
    try (NodeDatabase database = NodeDatabase.open(directory, Chain.DEV)) {
      database.payables().addDebt(ALICE, Wei.of(new BigInteger("5000000001234567890")), hourAgo);
      database.payables().addDebt(CAROL, Wei.of(new BigInteger("250000000000000000")), hourAgo);
      database.receivables().addCharge(BOB, Wei.of(new BigInteger("1500000000000000000")), hourAgo);
    }
    port = freePort();
    nobody = freePort();
    node = Node.start(config(1, List.of()).withUiPort(port), new Quiet());
  }

  @AfterAll
  static void stop_the_node() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void connection_status_prints_the_stage() {
    CommandRun run = ui("connection-status");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().strip()).startsWith("NotConnected: ");
  }

  @Test
  void descriptor_prints_the_nodes_descriptor() {
    CommandRun run = ui("descriptor");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().strip()).isEqualTo(node.descriptor().toString());
  }

  @Test
  void neighborhood_graph_prints_dot() {
    CommandRun run = ui("neighborhood-graph");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("graph").contains(node.descriptor().key().toString());
  }

  @Test
  void check_password_says_whether_it_matches() {
    assertThat(ui("check-password").out().strip()).isEqualTo("Password is correct");
    CommandRun guess = ui("check-password", "guess");
    assertThat(guess.out().strip()).isEqualTo("Password is incorrect");
    assertThat(guess.warnings()).singleElement().asString().contains("command line");
  }

  @Test
  void min_hops_4_is_accepted_and_9_refused_with_the_nodes_message() {
    CommandRun four = ui("set-configuration", "--min-hops", "4");
    assertThat(four.exit()).as(four.err()).isZero();
    assertThat(four.out().strip()).isEqualTo("Parameter was successfully set");
    CommandRun nine = ui("set-configuration", "--min-hops", "9");
    assertThat(nine.exit()).isEqualTo(1);
    assertThat(nine.errLines()).containsExactly("jmasq: min-hops: 9 (expected: 1~6)");
    assertThat(nine.out()).isEmpty();
    assertThat(ui("set-configuration", "--min-hops", "3").exit()).isZero();
  }

  @Test
  void financials_from_the_node_and_from_its_database_are_the_same() throws Exception {
    Path directory = root.resolve("node-1");
    String[] offline = {
      "--ui-port", "" + nobody, "--data-directory", directory.toString(), "--chain", "dev"
    };
    CommandRun asked = ui("financials");
    CommandRun read = CommandRun.of(join(List.of("financials"), offline));
    assertThat(asked.exit()).as(asked.err()).isZero();
    assertThat(read.exit()).as(read.err()).isZero();
    assertThat(asked.out()).isEqualTo(read.out());
    assertThat(asked.out()).contains("Unpaid and pending:   5.250000001").contains("1.5");

    CommandRun askedTop = ui("financials", "--top", "10", "--json");
    CommandRun readTop =
        CommandRun.of(join(List.of("financials", "--top", "10", "--json"), offline));
    JsonNode fromNode = withoutAges(JSON.readTree(askedTop.out()));
    assertThat(fromNode).isEqualTo(withoutAges(JSON.readTree(readTop.out())));
    JsonNode payables = fromNode.get("queryResultsOpt").get("payableOpt");
    assertThat(payables.get(0).get("wallet").asText()).isEqualTo(ALICE.toString());
    assertThat(payables.get(0).get("balanceGwei").asLong()).isEqualTo(5_000_000_001L);
    assertThat(fromNode.get("statsOpt").get("totalUnpaidReceivableGwei").asLong())
        .isEqualTo(1_500_000_000L);
  }

  @Test
  void financials_custom_queries_select_by_age_and_masq() {
    CommandRun run =
        ui("financials", "--no-stats", "--payable", "0-86400|1-10", "--receivable", "0-10|0-5");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains(ALICE.toString()).doesNotContain(CAROL.toString());
    assertThat(run.out()).doesNotContain(BOB.toString()).contains("No records found");
    assertThat(run.out()).doesNotContain("Financial status totals");
  }

  @Test
  void financials_with_top_and_a_custom_query_is_refused_with_the_nodes_message() {
    CommandRun run = ui("financials", "--top", "3", "--payable", "0-10|0-1");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().contains("cannot be asked together");
  }

  @Test
  void a_command_with_no_node_running_prints_one_line_and_fails() {
    for (String command : List.of("descriptor", "shutdown", "financials", "connection-status")) {
      CommandRun run = CommandRun.of(command, "--ui-port", "" + nobody);
      assertThat(run.exit()).as(command).isEqualTo(1);
      assertThat(run.errLines())
          .singleElement()
          .asString()
          .startsWith("jmasq: No Node is running on UI port " + nobody);
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void shutdown_stops_the_node_and_returns_0() throws Exception {
    int zeroHopPort = freePort();
    CountDownLatch stopped = new CountDownLatch(1);
    Node zeroHop =
        Node.start(
            zeroHopConfig().withUiPort(zeroHopPort),
            new Quiet() {
              @Override
              public void stoppedByUi() {
                stopped.countDown();
              }
            });
    try {
      CommandRun run = CommandRun.of("shutdown", "--ui-port", "" + zeroHopPort);
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out().strip())
          .isEqualTo("The Node was instructed to shut down and has stopped");
      assertThat(stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(CommandRun.of("descriptor", "--ui-port", "" + zeroHopPort).exit()).isEqualTo(1);
    } finally {
      zeroHop.close();
    }
  }

  @Test
  void a_daemons_redirect_is_followed_to_the_node_and_shutdown_waits_for_the_nodes_port()
      throws Exception {
    int zeroHopPort = freePort();
    Node zeroHop = Node.start(zeroHopConfig("redirected").withUiPort(zeroHopPort), new Quiet());
    // The fake Daemon serves one connection each.
    try (FakeUiServer daemon = new FakeUiServer(zeroHopPort);
        FakeUiServer again = new FakeUiServer(zeroHopPort)) {
      CommandRun status = CommandRun.of("connection-status", "--ui-port", "" + daemon.port());
      assertThat(status.exit()).as(status.err()).isZero();
      assertThat(status.out().strip()).startsWith("RouteFound: ");
      CommandRun shutdown = CommandRun.of("shutdown", "--ui-port", "" + again.port());
      assertThat(shutdown.exit()).as(shutdown.err()).isZero();
      assertThat(CommandRun.of("descriptor", "--ui-port", "" + zeroHopPort).exit()).isEqualTo(1);
    } finally {
      zeroHop.close();
    }
  }

  @Test
  void the_shell_prints_the_connection_change_of_a_neighbor_appearing_between_commands()
      throws Exception {
    int lonePort = freePort();
    Node lone = Node.start(config(3, List.of()).withUiPort(lonePort), new Quiet());
    Node neighbor = null;
    try (ShellRun shell = new ShellRun("--ui-port", "" + lonePort)) {
      shell.type("connection-status");
      assertThat(shell.out.await("NotConnected: ", 0, WAIT)).as(shell.out.toString()).isTrue();
      int from = shell.out.length();
      neighbor = Node.start(config(4, List.of(lone.descriptor())), new Quiet());
      assertThat(shell.out.await("ConnectedToNeighbor: ", from, WAIT))
          .as(shell.out.toString())
          .isTrue();
      shell.type("bogus secret");
      assertThat(shell.err.await("jmasq: unknown command (help lists them)", 0, WAIT)).isTrue();
      shell.type("set-configuration --min-hops 9");
      assertThat(shell.err.await("jmasq: min-hops: 9 (expected: 1~6)", 0, WAIT)).isTrue();
      shell.type("exit");
      assertThat(shell.exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
      assertThat(shell.err.toString()).doesNotContain("secret");
    } finally {
      if (neighbor != null) {
        neighbor.close();
      }
      lone.close();
    }
  }

  @Test
  void completion_for_bash_knows_the_ui_commands() {
    CommandRun run = CommandRun.of("generate-completion");
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("connection-status")
        .contains("set-configuration")
        .contains("exit-location")
        .contains("--show-countries");
  }

  @Test
  void exit_location_on_a_lone_node_lists_no_country_and_names_the_missing_one() {
    CommandRun shown = ui("exit-location", "--show-countries");
    assertThat(shown.exit()).isZero();
    assertThat(shown.err()).contains("No countries available for exit-location!");

    CommandRun strict = ui("exit-location", "--country-codes", "FR");
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.out()).contains("All requested countries are missing in Database: \"FR\"");

    CommandRun unset = ui("exit-location");
    assertThat(unset.exit()).isZero();
    assertThat(unset.out()).isEqualTo("Fallback Routing is set.\nExit location is Unset.\n");

    CommandRun both = ui("exit-location", "--show-countries", "--country-codes", "FR");
    assertThat(both.exit()).isEqualTo(2);
    CommandRun bad = ui("exit-location", "--country-codes", "FRA");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("two capital letters");
  }

  @Test
  void exit_location_prints_the_choice_and_the_missing_countries_as_the_reference() {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    ObjectNode answer = UiCommand.object();
    answer.put("fallbackRouting", false);
    ObjectNode first = answer.putArray("exitCountrySelection").addObject();
    first.putArray("countryCodes").add("CZ").add("PL");
    first.put("priority", 1);
    answer.putNull("exitCountries");
    answer.putArray("missingCountries").add("PL");

    ExitLocationCommand.print(
        answer, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));

    assertThat(out.toString())
        .isEqualTo(
            "Fallback Routing NOT set.\n"
                + "Following countries are missing in Database: [\"PL\"]\n"
                + "Exit location set: Country Codes: [\"CZ\", \"PL\"], Priority: 1;\n");
    assertThat(err.toString()).isEqualTo("code: 9223372036854775816\nmessage: [\"PL\"]\n");
  }

  private static CommandRun ui(String... args) {
    return CommandRun.of(join(List.of(args), "--ui-port", "" + port));
  }

  private static String[] join(List<String> first, String... rest) {
    return java.util.stream.Stream.concat(first.stream(), java.util.Arrays.stream(rest))
        .toArray(String[]::new);
  }

  private static JsonNode withoutAges(JsonNode answer) {
    JsonNode copy = answer.deepCopy();
    for (JsonNode side : copy.path("queryResultsOpt")) {
      side.forEach(row -> ((ObjectNode) row).remove("ageS"));
    }
    return copy;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static NodeConfig config(int n, List<NodeDescriptor> neighbors) throws IOException {
    return new NodeConfig(
        NeighborhoodMode.STANDARD,
        Chain.DEV,
        root.resolve("node-" + n),
        0,
        List.of(),
        true,
        3,
        neighbors,
        Optional.of(InetAddress.getByAddress(new byte[] {127, 0, (byte) NET, (byte) n})),
        0,
        Duration.ofSeconds(5),
        AccountantConfig.NONE);
  }

  private static NodeConfig zeroHopConfig() {
    return zeroHopConfig("zero-hop");
  }

  private static NodeConfig zeroHopConfig(String name) {
    return new NodeConfig(
        NeighborhoodMode.ZERO_HOP,
        Chain.DEV,
        root.resolve(name),
        0,
        List.of(),
        true,
        3,
        List.of(),
        Optional.empty(),
        0,
        Duration.ofSeconds(5),
        AccountantConfig.NONE);
  }

  private static class Quiet implements Node.Events {
    @Override
    public void stageChanged(ConnectionStage stage) {}

    @Override
    public void shutdownRequested(String reason) {}
  }
}
