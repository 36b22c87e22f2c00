package org.jmasq.node.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.NeighborhoodMode;
import org.jmasq.node.Node;
import org.jmasq.node.NodeConfig;
import org.jmasq.node.NodeStartException;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The UI gateway of real Nodes started with {@link Node#start}, driven by the JDK's WebSocket
 * client: the safety rules, the codec's refusals over a socket, and every opcode the Node serves,
 * its field names as the reference's {@code messages.rs} spells them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiGatewayNodeTest {
  /** This class's own loopback net, so its Nodes never meet another test's. */
  private static final int NET = 120;

  @TempDir static Path root;

  private static Node node;
  private static int port;
  private static final List<Node> others = new ArrayList<>();
  private static Level assemblyLevel;

  @BeforeAll
  static void start_a_lone_standard_node_with_a_ui() throws Exception {
    // The Info line of a min-hops change must reach the log broadcast.
    assemblyLevel = uiAssemblyLogger().getLevel();
    uiAssemblyLogger().setLevel(Level.INFO);
    port = freePort();
    node = Node.start(config(1, List.of(), Optional.of("secret")).withUiPort(port), new Quiet());
  }

  @AfterAll
  static void stop_the_nodes() {
    others.forEach(Node::close);
    if (node != null) {
      node.close();
    }
    uiAssemblyLogger().setLevel(assemblyLevel);
  }

  private static ch.qos.logback.classic.Logger uiAssemblyLogger() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger("org.jmasq.node.UiAssembly");
  }

  @Test
  void the_gateway_listens_on_127_0_0_1_only() {
    InetSocketAddress at = node.uiAddress().orElseThrow();
    assertThat(at.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(at.getPort()).isEqualTo(port);
  }

  @Test
  void the_masq_subprotocol_is_chosen() {
    try (UiTestClient c = UiTestClient.connect(port)) {
      assertThat(c.subprotocol()).isEqualTo("MASQNode-UIv2");
    }
  }

  @Test
  void another_subprotocol_is_refused() {
    assertRefused(HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("chat"), 400);
  }

  @Test
  void a_missing_subprotocol_is_refused() {
    assertRefused(HttpClient.newHttpClient().newWebSocketBuilder(), 400);
  }

  @Test
  void an_upgrade_from_another_origin_is_refused_with_403() {
    assertRefused(
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .subprotocols("MASQNode-UIv2")
            .header("Origin", "http://evil.example"),
        403);
    assertRefused(
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .subprotocols("MASQNode-UIv2")
            .header("Origin", "http://127.0.0.1:" + (port == 65535 ? 1025 : port + 1)),
        403);
  }

  @Test
  void an_upgrade_from_the_gateways_own_origin_is_let_through() throws Exception {
    for (String origin : List.of("http://127.0.0.1:" + port, "http://localhost:" + port)) {
      try (UiTestClient c =
          UiTestClient.connect(
              port,
              HttpClient.newHttpClient()
                  .newWebSocketBuilder()
                  .subprotocols("MASQNode-UIv2")
                  .header("Origin", origin))) {
        assertThat(c.ask("connectionStatus", 1, "{}").has("payload")).isTrue();
      }
    }
  }

  private static void assertRefused(java.net.http.WebSocket.Builder builder, int status) {
    assertThatThrownBy(() -> UiTestClient.connect(port, builder))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(status));
  }

  @Test
  void a_plain_http_request_for_anything_but_the_dashboard_is_not_found() throws Exception {
    java.net.http.HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/nothing-here"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("MASQNode-UIv2");
  }

  @Test
  void a_binary_frame_gets_an_unmarshal_error_and_the_connection_stays_usable() throws Exception {
    try (UiTestClient c = UiTestClient.connect(port)) {
      c.sendBinary(new byte[] {1, 2, 3});
      JsonNode error = c.await(m -> m.path("opcode").asText().equals("unmarshalError"));
      assertThat(error.get("payload").get("message").asText()).contains("text frames");
      assertThat(c.ask("descriptor", 1, "{}").has("payload")).isTrue();
    }
  }

  @Test
  void malformed_json_gets_an_unmarshal_error_and_the_connection_stays_usable() throws Exception {
    try (UiTestClient c = UiTestClient.connect(port)) {
      c.send("{\"opcode\": \"descriptor\", \"contextId\": 1, \"payload\": {");
      JsonNode error = c.await(m -> m.path("opcode").asText().equals("unmarshalError"));
      assertThat(error.has("contextId")).isFalse();
      assertThat(fieldNames(error.get("payload"))).containsExactlyInAnyOrder("message", "badData");
      assertThat(error.get("payload").get("badData").asText()).startsWith("{\"opcode\"");
      c.send("{\"contextId\": 2, \"payload\": {}}");
      assertThat(
              c.await(m -> m.path("opcode").asText().equals("unmarshalError"))
                  .get("payload")
                  .get("message")
                  .asText())
          .contains("opcode");
      assertThat(c.ask("connectionStatus", 3, "{}").get("payload").has("stage")).isTrue();
    }
  }

  @Test
  void a_message_over_the_size_bound_closes_the_connection_and_others_go_on() throws Exception {
    try (UiTestClient big = UiTestClient.connect(port)) {
      String text =
          "{\"opcode\":\"descriptor\",\"contextId\":1,\"payload\":{\"pad\":\""
              + "x".repeat(UiGateway.MAX_MESSAGE_BYTES + 1)
              + "\"}}";
      try {
        big.send(text);
      } catch (CompletionException e) {
        // The gateway may have closed the connection before all of it was written.
      }
      Integer code;
      try {
        code = big.closed.get(UiTestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        code = -1; // reset while sending: closed all the same
      }
      assertThat(code).isIn(1009, -1);
    }
    try (UiTestClient after = UiTestClient.connect(port)) {
      assertThat(after.ask("connectionStatus", 2, "{}").has("payload")).isTrue();
    }
  }

  @Test
  void a_message_over_the_bound_in_fragments_is_closed_as_too_big() throws Exception {
    try (UiTestClient big = UiTestClient.connect(port)) {
      String half = "x".repeat(UiGateway.MAX_MESSAGE_BYTES / 2 + 1);
      Integer code;
      try {
        big.sendPart("{\"opcode\":\"descriptor\",\"payload\":{\"pad\":\"" + half, false);
        big.sendPart(half + "\"}}", true);
        code = big.closed.get(UiTestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (CompletionException | java.util.concurrent.ExecutionException e) {
        code = -1; // reset while sending: closed all the same
      }
      assertThat(code).isIn(1009, -1);
    }
  }

  @Test
  void two_clients_are_served_at_once_each_on_its_own_context_ids() throws Exception {
    try (UiTestClient a = UiTestClient.connect(port);
        UiTestClient b = UiTestClient.connect(port)) {
      a.send("{\"opcode\":\"connectionStatus\",\"contextId\":11,\"payload\":{}}");
      b.send("{\"opcode\":\"descriptor\",\"contextId\":11,\"payload\":{}}");
      assertThat(a.await(m -> m.path("contextId").asLong() == 11).get("opcode").asText())
          .isEqualTo("connectionStatus");
      assertThat(b.await(m -> m.path("contextId").asLong() == 11).get("opcode").asText())
          .isEqualTo("descriptor");
    }
  }

  @Test
  void descriptor_is_the_nodes_descriptor() throws Exception {
    try (UiTestClient c = UiTestClient.connect(port)) {
      JsonNode answer = c.ask("descriptor", 5, "{}");
      assertThat(answer.get("opcode").asText()).isEqualTo("descriptor");
      assertThat(answer.get("contextId").asLong()).isEqualTo(5);
      assertThat(fieldNames(answer.get("payload"))).containsExactly("nodeDescriptorOpt");
      assertThat(answer.get("payload").get("nodeDescriptorOpt").asText())
          .isEqualTo(node.descriptor().toString());
    }
  }

  @Test
  @Order(1)
  void connection_status_of_a_lone_node_is_not_connected() throws Exception {
    // First of this class's tests: no other Node has started yet.
    assertThat(others).isEmpty();
    try (UiTestClient c = UiTestClient.connect(port)) {
      JsonNode payload = c.ask("connectionStatus", 6, "{}").get("payload");
      assertThat(fieldNames(payload)).containsExactly("stage");
      assertThat(payload.get("stage").asText()).isEqualTo("NotConnected");
    }
  }

  @Test
  void a_taken_ui_port_stops_the_start_before_the_books_are_opened() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      NodeConfig config = config(7, List.of(), Optional.empty()).withUiPort(taken.getLocalPort());
      assertThatThrownBy(() -> Node.start(config, new Quiet()))
          .isInstanceOf(NodeStartException.class)
          .hasMessageContaining("cannot listen on UI port " + taken.getLocalPort());
      // Nothing that talks to the world has run: not even the database was opened.
      assertThat(config.dataDirectory().resolve(NodeDatabase.FILE_NAME)).doesNotExist();
    }
  }

  @Test
  void neighborhood_graph_is_graphviz_with_this_node_in_it() throws Exception {
    try (UiTestClient c = UiTestClient.connect(port)) {
      JsonNode payload = c.ask("neighborhoodGraph", 7, "{}").get("payload");
      assertThat(fieldNames(payload)).containsExactly("graph");
      assertThat(payload.get("graph").asText())
          .startsWith("digraph")
          .contains(node.descriptor().key().toString());
    }
  }

  @Test
  void check_password_matches_the_database_password_only() throws Exception {
    try (UiTestClient c = UiTestClient.connect(port)) {
      JsonNode right = c.ask("checkPassword", 8, "{\"dbPasswordOpt\":\"secret\"}").get("payload");
      assertThat(fieldNames(right)).containsExactly("matches");
      assertThat(right.get("matches").asBoolean()).isTrue();
      assertThat(
              c.ask("checkPassword", 9, "{\"dbPasswordOpt\":\"wrong\"}")
                  .get("payload")
                  .get("matches")
                  .asBoolean())
          .isFalse();
    }
  }

  @Test
  void financials_answers_with_the_references_field_names() throws Exception {
    try (UiTestClient c = UiTestClient.connect(port)) {
      JsonNode stats =
          c.ask(
                  "financials",
                  10,
                  "{\"statsRequired\":true,\"topRecordsOpt\":{\"count\":10,\"orderedBy\":\"Balance\"}}")
              .get("payload");
      assertThat(fieldNames(stats)).containsExactlyInAnyOrder("statsOpt", "queryResultsOpt");
      assertThat(fieldNames(stats.get("statsOpt")))
          .containsExactlyInAnyOrder(
              "totalUnpaidAndPendingPayableGwei",
              "totalPaidPayableGwei",
              "totalUnpaidReceivableGwei",
              "totalPaidReceivableGwei",
              // JMasq's exact extensions (docs/UI.md).
              "totalUnpaidAndPendingPayableWei",
              "totalUnpaidReceivableWei");
      assertThat(stats.get("statsOpt").get("totalUnpaidAndPendingPayableGwei").asLong()).isZero();
      assertThat(fieldNames(stats.get("queryResultsOpt")))
          .containsExactlyInAnyOrder("payableOpt", "receivableOpt");
      assertThat(stats.get("queryResultsOpt").get("payableOpt")).isEmpty();
      JsonNode refused = c.ask("financials", 11, "{\"statsRequired\":false}");
      assertThat(refused.get("error").get("code").bigIntegerValue().longValue())
          .isEqualTo(UiErrors.REQUEST_WITH_NO_VALUES);
    }
  }

  @Test
  void exit_location_names_the_missing_countries_and_unknown_opcodes_get_a_clear_error()
      throws Exception {
    try (UiTestClient c = UiTestClient.connect(port)) {
      JsonNode shown =
          c.ask(
              "exitLocation",
              12,
              "{\"fallbackRouting\":true,\"exitLocations\":[],\"showCountries\":true}");
      assertThat(fieldNames(shown.get("payload")))
          .containsExactlyInAnyOrder(
              "fallbackRouting", "exitCountrySelection", "exitCountries", "missingCountries");
      // A lone Node reaches no exit at all.
      assertThat(shown.get("payload").get("exitCountries")).isEmpty();
      JsonNode strict =
          c.ask(
              "exitLocation",
              14,
              "{\"fallbackRouting\":false,\"exitLocations\":[{\"countryCodes\":[\"FR\"],"
                  + "\"priority\":1}],\"showCountries\":false}");
      assertThat(strict.get("error").get("code").bigIntegerValue().toString())
          .isEqualTo(Long.toUnsignedString(UiErrors.EXIT_COUNTRY_MISSING_COUNTRIES_ERROR));
      assertThat(strict.get("error").get("message").asText()).isEqualTo("\"FR\"");
      JsonNode unset =
          c.ask(
              "exitLocation",
              15,
              "{\"fallbackRouting\":true,\"exitLocations\":[],\"showCountries\":false}");
      assertThat(unset.get("payload").get("exitCountrySelection")).isEmpty();
      JsonNode unknown = c.ask("frobnicate", 13, "{}");
      assertThat(unknown.get("error").get("message").asText()).contains("unknown opcode");
      assertThat(unknown.get("error").get("code").bigIntegerValue().toString())
          .isEqualTo(Long.toUnsignedString(UiErrors.UNMARSHAL_ERROR));
    }
  }

  @Test
  void an_exit_location_chosen_from_a_ui_holds_again_after_a_restart() throws Exception {
    int uiPort = freePort();
    NodeConfig config = config(8, List.of(), Optional.empty()).withUiPort(uiPort);
    try (Node first = Node.start(config, new Quiet());
        UiTestClient c = UiTestClient.connect(uiPort)) {
      JsonNode set =
          c.ask(
              "exitLocation",
              1,
              "{\"fallbackRouting\":true,\"exitLocations\":[{\"countryCodes\":[\"CZ\",\"PL\"],"
                  + "\"priority\":1},{\"countryCodes\":[\"SK\"],\"priority\":2}],"
                  + "\"showCountries\":false}");
      // A lone Node reaches no exit: every country is missing, and the choice holds all the same.
      assertThat(set.get("error").get("message").asText())
          .as("answered by %s", first.descriptor())
          .isEqualTo("\"CZ, PL, SK\"");
    }
    try (Node again = Node.start(config, new Quiet());
        UiTestClient c = UiTestClient.connect(uiPort)) {
      JsonNode shown =
          c.ask(
              "exitLocation",
              1,
              "{\"fallbackRouting\":true,\"exitLocations\":[],\"showCountries\":true}");
      assertThat(shown.get("payload").get("fallbackRouting").asBoolean())
          .as("kept by %s", again.descriptor())
          .isTrue();
      assertThat(shown.get("payload").get("exitCountrySelection").toString())
          .isEqualTo(
              "[{\"countryCodes\":[\"CZ\",\"PL\"],\"priority\":1},"
                  + "{\"countryCodes\":[\"SK\"],\"priority\":2}]");
    }
  }

  @Test
  void start_block_is_set_in_the_nodes_database() throws Exception {
    try (UiTestClient c = UiTestClient.connect(port)) {
      JsonNode set = c.ask("setConfiguration", 17, "{\"name\":\"start-block\",\"value\":\"123\"}");
      assertThat(fieldNames(set.get("payload"))).isEmpty();
      JsonNode latest =
          c.ask("setConfiguration", 18, "{\"name\":\"start-block\",\"value\":\"latest\"}");
      assertThat(fieldNames(latest.get("payload"))).isEmpty();
      JsonNode bad = c.ask("setConfiguration", 19, "{\"name\":\"start-block\",\"value\":\"soon\"}");
      assertThat(bad.get("error").get("code").bigIntegerValue().longValue())
          .isEqualTo(UiErrors.NON_PARSABLE_VALUE);
    }
  }

  @Test
  void min_hops_is_set_at_once_and_logged_to_every_ui() throws Exception {
    try (UiTestClient c = UiTestClient.connect(port)) {
      JsonNode answer = c.ask("setConfiguration", 14, "{\"name\":\"min-hops\",\"value\":\"4\"}");
      assertThat(fieldNames(answer.get("payload"))).isEmpty();
      JsonNode line =
          c.awaitBroadcast(
              "logBroadcast", m -> m.get("payload").get("msg").asText().contains("min-hops"));
      assertThat(fieldNames(line.get("payload"))).containsExactlyInAnyOrder("msg", "logLevel");
      assertThat(line.get("payload").get("logLevel").asText()).isEqualTo("Info");
      JsonNode bad = c.ask("setConfiguration", 15, "{\"name\":\"min-hops\",\"value\":\"0\"}");
      assertThat(bad.get("error").get("code").bigIntegerValue().longValue())
          .isEqualTo(UiErrors.NON_PARSABLE_VALUE);
      c.ask("setConfiguration", 16, "{\"name\":\"min-hops\",\"value\":\"3\"}");
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void every_client_hears_connection_change_when_a_neighbor_joins() throws Exception {
    try (UiTestClient a = UiTestClient.connect(port);
        UiTestClient b = UiTestClient.connect(port)) {
      others.add(Node.start(config(2, List.of(node.descriptor()), Optional.empty()), new Quiet()));
      for (UiTestClient c : List.of(a, b)) {
        JsonNode change =
            c.awaitBroadcast(
                "connectionChange",
                m -> m.get("payload").get("stage").asText().equals("ConnectedToNeighbor"));
        assertThat(fieldNames(change.get("payload"))).containsExactly("stage");
      }
    }
  }

  @Test
  void shutdown_stops_the_node_as_close_does_and_tells_its_owner() throws Exception {
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
    InetSocketAddress proxy = zeroHop.proxyAddress();
    try (UiTestClient c = UiTestClient.connect(zeroHopPort)) {
      // A zero-hop Node has no public address.
      assertThat(c.ask("descriptor", 1, "{}").get("payload").get("nodeDescriptorOpt").isNull())
          .isTrue();
      JsonNode answer = c.ask("shutdown", 2, "{}");
      assertThat(fieldNames(answer.get("payload"))).isEmpty();
      assertThat(stopped.await(UiTestClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      // Told that the gateway is going away.
      assertThat(c.closed.get(UiTestClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1001);
    } finally {
      zeroHop.close();
    }
    assertThat(refuses(proxy)).as("the entry is closed").isTrue();
    assertThat(refuses(new InetSocketAddress(InetAddress.getLoopbackAddress(), zeroHopPort)))
        .as("the UI port is closed")
        .isTrue();
  }

  private static Set<String> fieldNames(JsonNode node) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * Whether nothing listens at {@code address} within a few seconds. A connection to a closed
   * loopback port in the ephemeral range can, rarely, connect to itself (the kernel picks that very
   * port as its source): that counts as refused, as no listener answered.
   */
  private static boolean refuses(InetSocketAddress address) throws InterruptedException {
    // In the full suite the closed port was twice seen to take one more connection just after
    // the Node stopped (not understood yet): a few seconds are allowed for it to go.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      try (Socket s = new Socket(address.getAddress(), address.getPort())) {
        if (s.getLocalPort() == s.getPort()) {
          return true;
        }
      } catch (IOException e) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static InetAddress ip(int n) throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, (byte) NET, (byte) n});
  }

  private static NodeConfig config(int n, List<NodeDescriptor> neighbors, Optional<String> password)
      throws IOException {
    return new NodeConfig(
        NeighborhoodMode.STANDARD,
        Chain.DEV,
        root.resolve("node-" + n),
        0,
        List.of(),
        true,
        3,
        neighbors,
        Optional.of(ip(n)),
        0,
        Duration.ofSeconds(5),
        new AccountantConfig(
            Optional.empty(),
            Optional.empty(),
            password,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  private static NodeConfig zeroHopConfig() {
    return new NodeConfig(
        NeighborhoodMode.ZERO_HOP,
        Chain.DEV,
        root.resolve("zero-hop"),
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
