package org.jmasq.node.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.runtime.SystemRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway's bounds, over a stand-in Node: what a client that floods, stalls or never upgrades
 * can make it hold, and the order and pace of one client's requests.
 */
class UiGatewayLimitsTest {
  private static final UiGateway.Limits FAST =
      new UiGateway.Limits(
          Duration.ofMillis(300), 3, 16, Duration.ofMillis(300), Duration.ofSeconds(10));

  private final SystemRuntime runtime = new SystemRuntime();
  private final List<AutoCloseable> opened = new ArrayList<>();

  /** Held by the graph handler until released, so a request stays in flight. */
  private final CountDownLatch release = new CountDownLatch(1);

  private final CountDownLatch graphEntered = new CountDownLatch(1);
  private final AtomicBoolean graphRunning = new AtomicBoolean();
  private final CountDownLatch descriptorCalled = new CountDownLatch(1);
  private volatile boolean descriptorSawGraphRunning;

  private final UiNode.Status status =
      new UiNode.Status() {
        @Override
        public Optional<NodeDescriptor> descriptor() {
          descriptorSawGraphRunning = graphRunning.get();
          descriptorCalled.countDown();
          return Optional.empty();
        }

        @Override
        public String neighborhoodGraph() {
          graphRunning.set(true);
          graphEntered.countDown();
          try {
            release.await(UiTestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          graphRunning.set(false);
          return "digraph neighborhood {\n}\n";
        }
      };

  private final UiNode.Passwords passwords =
      new UiNode.Passwords() {
        @Override
        public boolean hasPassword() {
          return true;
        }

        @Override
        public boolean matches(String password) {
          return password.equals("secret");
        }

        @Override
        public void change(Optional<String> oldPassword, String newPassword) {}
      };

  private final UiNode node =
      new UiNode(
          status,
          () -> {},
          Optional.of(passwords),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  @AfterEach
  void close() throws Exception {
    release.countDown();
    for (AutoCloseable c : opened.reversed()) {
      c.close();
    }
    runtime.close();
  }

  private UiGateway gateway(UiGateway.Limits limits) throws Exception {
    UiGateway g = UiGateway.bind(runtime, 0, ConnectionStage.NOT_CONNECTED, limits);
    opened.add(g);
    return g;
  }

  private UiGateway serving(UiGateway.Limits limits) throws Exception {
    UiGateway g = gateway(limits);
    g.serve(node);
    return g;
  }

  private UiTestClient client(UiGateway g) {
    UiTestClient c = UiTestClient.connect(g.address().getPort());
    opened.add(c);
    return c;
  }

  private Socket raw(UiGateway g) throws Exception {
    Socket s = new Socket(InetAddress.getByName("127.0.0.1"), g.address().getPort());
    s.setSoTimeout((int) UiTestClient.WAIT.toMillis());
    opened.add(s);
    return s;
  }

  @Test
  void an_upgrade_before_the_node_is_served_is_refused_with_503() throws Exception {
    UiGateway g = gateway(FAST);
    assertThatThrownBy(() -> client(g))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));
    g.serve(node);
    assertThat(client(g).ask("connectionStatus", 1, "{}").has("payload")).isTrue();
  }

  @Test
  void connection_status_is_the_last_stage_reported_without_asking_the_node() throws Exception {
    UiGateway g = serving(FAST);
    UiTestClient c = client(g);
    assertThat(c.ask("connectionStatus", 1, "{}").get("payload").get("stage").asText())
        .isEqualTo("NotConnected");
    g.stageChanged(ConnectionStage.ROUTE_FOUND);
    assertThat(c.ask("connectionStatus", 2, "{}").get("payload").get("stage").asText())
        .isEqualTo("RouteFound");
  }

  @Test
  void one_clients_requests_are_answered_one_at_a_time_in_order() throws Exception {
    UiTestClient c = client(serving(FAST));
    c.send("{\"opcode\":\"neighborhoodGraph\",\"contextId\":1,\"payload\":{}}");
    c.send("{\"opcode\":\"descriptor\",\"contextId\":2,\"payload\":{}}");
    assertThat(graphEntered.await(UiTestClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    // The second request is not begun while the first is pending.
    assertThat(descriptorCalled.await(500, TimeUnit.MILLISECONDS)).isFalse();
    release.countDown();
    JsonNode first = c.await(m -> m.has("contextId"));
    JsonNode second = c.await(m -> m.has("contextId"));
    assertThat(first.get("contextId").asLong()).isEqualTo(1);
    assertThat(second.get("contextId").asLong()).isEqualTo(2);
    assertThat(descriptorSawGraphRunning).isFalse();
  }

  @Test
  void requests_past_the_cap_in_flight_are_refused_as_busy() throws Exception {
    UiGateway g =
        serving(
            new UiGateway.Limits(
                Duration.ofSeconds(10), 8, 1, Duration.ZERO, Duration.ofSeconds(10)));
    UiTestClient slow = client(g);
    UiTestClient other = client(g);
    slow.send("{\"opcode\":\"neighborhoodGraph\",\"contextId\":1,\"payload\":{}}");
    assertThat(graphEntered.await(UiTestClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    JsonNode busy = other.ask("descriptor", 2, "{}");
    assertThat(busy.get("error").get("code").bigIntegerValue().longValue())
        .isEqualTo(UiErrors.TIMEOUT_ERROR);
    assertThat(busy.get("error").get("message").asText()).contains("busy");
    release.countDown();
    assertThat(slow.await(m -> m.path("contextId").asLong() == 1).has("payload")).isTrue();
    assertThat(other.ask("descriptor", 3, "{}").has("payload")).isTrue();
  }

  @Test
  void password_checks_of_one_client_are_spaced_out() throws Exception {
    UiTestClient c = client(serving(FAST));
    long start = System.nanoTime();
    for (int i = 1; i <= 3; i++) {
      c.send("{\"opcode\":\"checkPassword\",\"contextId\":" + i + ",\"payload\":{}}");
    }
    for (int i = 1; i <= 3; i++) {
      long id = i;
      assertThat(c.await(m -> m.path("contextId").asLong() == id).has("payload")).isTrue();
    }
    // Three checks take at least two intervals.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(FAST.passwordInterval().multipliedBy(2));
  }

  @Test
  void requests_that_may_carry_the_password_are_spaced_out_like_password_checks() throws Exception {
    UiTestClient c = client(serving(FAST));
    long start = System.nanoTime();
    String[] opcodes = {"walletAddresses", "configuration", "generateWallets"};
    for (int i = 1; i <= 3; i++) {
      c.send(
          "{\"opcode\":\""
              + opcodes[i - 1]
              + "\",\"contextId\":"
              + i
              + ",\"payload\":{\"dbPassword\":\"x\"}}");
    }
    for (int i = 1; i <= 3; i++) {
      long id = i;
      c.await(m -> m.path("contextId").asLong() == id);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(FAST.passwordInterval().multipliedBy(2));
  }

  @Test
  void a_connection_that_never_upgrades_is_closed_at_the_deadline() throws Exception {
    UiGateway g = serving(FAST);
    Socket silent = raw(g);
    Socket trickling = raw(g);
    trickling
        .getOutputStream()
        .write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.UTF_8));
    trickling.getOutputStream().flush();
    long start = System.nanoTime();
    assertThat(silent.getInputStream().read()).isEqualTo(-1);
    assertThat(trickling.getInputStream().read()).isEqualTo(-1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(UiTestClient.WAIT);
  }

  @Test
  void a_connection_past_the_cap_is_refused_with_503() throws Exception {
    UiGateway g =
        serving(
            new UiGateway.Limits(
                Duration.ofSeconds(30), 2, 16, Duration.ZERO, Duration.ofSeconds(10)));
    raw(g);
    raw(g);
    Socket third = raw(g);
    String answer = new String(third.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(answer).startsWith("HTTP/1.1 503").contains("too many UI connections");
  }

  @Test
  void broadcasts_skip_a_client_that_does_not_read() throws Exception {
    UiGateway g = serving(FAST);
    UiTestClient reader = client(g);
    Socket stalled = upgradedRaw(g);
    // From here on the stalled client reads nothing.
    var payload = UiAnswer.object();
    payload.put("msg", "x".repeat(64 * 1024));
    payload.put("logLevel", "Info");
    UiMessage line = new UiMessage.Payload("logBroadcast", OptionalLong.empty(), payload);
    for (int i = 0; i < 4_000 && g.skippedBroadcasts() == 0; i++) {
      g.broadcast(line);
    }
    assertThat(g.skippedBroadcasts()).isPositive();
    // The client that reads still gets what is broadcast.
    assertThat(reader.ask("connectionStatus", 1, "{}").has("payload")).isTrue();
  }

  /** A connection upgraded by hand, which from then on reads nothing unless the test does. */
  private Socket upgradedRaw(UiGateway g) throws Exception {
    Socket s = raw(g);
    OutputStream out = s.getOutputStream();
    out.write(
        ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: MASQNode-UIv2\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
    InputStream in = s.getInputStream();
    assertThat(new String(in.readNBytes(12), StandardCharsets.UTF_8)).isEqualTo("HTTP/1.1 101");
    return s;
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void a_client_that_stays_unwritable_past_the_bound_is_closed() throws Exception {
    UiGateway g =
        serving(
            new UiGateway.Limits(
                Duration.ofSeconds(10), 8, 16, Duration.ZERO, Duration.ofMillis(200)));
    Socket stalled = upgradedRaw(g);
    var payload = UiAnswer.object();
    payload.put("msg", "x".repeat(64 * 1024));
    payload.put("logLevel", "Info");
    UiMessage line = new UiMessage.Payload("logBroadcast", OptionalLong.empty(), payload);
    for (int i = 0; i < 4_000 && g.skippedBroadcasts() == 0; i++) {
      g.broadcast(line);
    }
    assertThat(g.skippedBroadcasts()).isPositive();
    // Masked text frames "{}": the client keeps sending, never reading. Once the gateway closes
    // the connection a write fails; without the close, a write blocks and the test times out.
    byte[] frame = {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, '{', '}'};
    byte[] chunk = new byte[frame.length * 1024];
    for (int i = 0; i < 1024; i++) {
      System.arraycopy(frame, 0, chunk, i * frame.length, frame.length);
    }
    OutputStream out = stalled.getOutputStream();
    assertThatThrownBy(
            () -> {
              while (true) {
                out.write(chunk);
                out.flush();
              }
            })
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void change_password_is_broadcast_to_the_other_clients_only() throws Exception {
    UiGateway g = serving(FAST);
    UiTestClient asker = client(g);
    UiTestClient other = client(g);
    JsonNode answer =
        asker.ask("changePassword", 1, "{\"oldPasswordOpt\":\"secret\",\"newPassword\":\"n\"}");
    assertThat(answer.get("payload").size()).isZero();
    JsonNode told = other.awaitBroadcast("newPassword", m -> true);
    assertThat(told.get("payload").size()).isZero();
    // The asker hears of it by its answer alone: a marker sent after shows nothing came first.
    asker.ask("connectionStatus", 2, "{}");
    assertThatThrownBy(() -> asker.awaitBroadcast("newPassword", m -> true, Duration.ofMillis(200)))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
  }
}
