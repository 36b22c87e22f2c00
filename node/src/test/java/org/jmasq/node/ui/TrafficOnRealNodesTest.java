package org.jmasq.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jmasq.node.Node;
import org.jmasq.node.hostile.CountingOrigin;
import org.jmasq.node.hostile.RealNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's extensions and {@code /metrics} on a small network of real Nodes, each with a UI
 * port: a download through the user's Node shows in the relays' and the exit's {@code traffic} and
 * in their {@code /metrics} byte counters, and the user's Node broadcasts {@code trafficChange}
 * with the route its stream uses.
 */
class TrafficOnRealNodesTest {
  /** This class's own loopback net, so its Nodes never meet another test's. */
  private static final int NET = 139;

  private static final int BODY = 300_000;

  /** What the slow origin sends before it holds the stream. */
  private static final int PART = 50_000;

  @TempDir static Path root;

  private static RealNodes nodes;
  private static CountingOrigin origin;
  private static long contextIds;

  @BeforeAll
  static void start_a_network_whose_nodes_each_have_a_ui() throws Exception {
    origin = new CountingOrigin();
    nodes = RealNodes.start(NET, root, 5, a -> a, c -> c.withUiPort(freePort()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodes != null) {
      nodes.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  /** Each standard Node's bytes relayed and exited, as its {@code traffic} answers them. */
  private static long[] trafficOfTheNetwork() throws Exception {
    long[] sums = new long[2];
    for (Node n : nodes.standardNodes()) {
      JsonNode p = traffic(n);
      sums[0] += p.get("bytesRelayed").asLong();
      sums[1] += p.get("bytesExited").asLong();
    }
    return sums;
  }

  private static BigInteger earnedByTheNetwork() throws Exception {
    BigInteger sum = BigInteger.ZERO;
    for (Node n : nodes.standardNodes()) {
      sum = sum.add(new BigInteger(traffic(n).get("earnedWei").asText()));
    }
    return sum;
  }

  private static JsonNode traffic(Node n) throws Exception {
    try (UiTestClient c = UiTestClient.connect(uiPort(n))) {
      JsonNode answer = c.ask("traffic", ++contextIds, "{}");
      assertThat(answer.has("error")).as("traffic answered %s", answer).isFalse();
      return answer.get("payload");
    }
  }

  /** Each standard Node's byte counters, as its {@code /metrics} page says them. */
  private static long[] metricsOfTheNetwork() throws Exception {
    long[] sums = new long[2];
    for (Node n : nodes.standardNodes()) {
      PrometheusText text = PrometheusText.parse(body(get(uiPort(n), "/metrics", null)));
      assertThat(text.types).containsEntry("jmasq_relayed_bytes_total", "counter");
      sums[0] += (long) text.value("jmasq_relayed_bytes_total");
      sums[1] += (long) text.value("jmasq_exited_bytes_total");
    }
    return sums;
  }

  @Test
  void a_download_raises_bytes_relayed_and_exited_in_traffic_and_in_metrics() throws Exception {
    long[] trafficBefore = trafficOfTheNetwork();
    BigInteger earnedBefore = earnedByTheNetwork();
    long[] metricsBefore = metricsOfTheNetwork();

    String answer =
        RealNodes.fetchUntilServed(
            nodes.user(), origin.url("bytes/" + BODY), Duration.ofSeconds(60));
    assertThat(answer).endsWith("x".repeat(100));

    long[] trafficAfter = trafficOfTheNetwork();
    long[] metricsAfter = metricsOfTheNetwork();
    // The response crossed the back leg's relays and left the exit's server: each at least once.
    assertThat(trafficAfter[0] - trafficBefore[0]).isGreaterThanOrEqualTo(BODY);
    assertThat(trafficAfter[1] - trafficBefore[1]).isGreaterThanOrEqualTo(BODY);
    assertThat(metricsAfter[0] - metricsBefore[0]).isGreaterThanOrEqualTo(BODY);
    assertThat(metricsAfter[1] - metricsBefore[1]).isGreaterThanOrEqualTo(BODY);
    // The user's spending is not checked here: these Nodes share one default earning wallet, which
    // is the user's own too, and what a Node would pay itself is left out.
    assertThat(earnedByTheNetwork())
        .as("the relays and the exit charged for it")
        .isGreaterThan(earnedBefore);
  }

  @Test
  void the_users_node_broadcasts_traffic_change_with_the_route_of_its_open_stream()
      throws Exception {
    Node user = nodes.user();
    CountDownLatch more = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    long consumedBefore = traffic(user).get("bytesConsumed").asLong();
    try (ServerSocket slow = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        UiTestClient ui = UiTestClient.connect(uiPort(user))) {
      Thread server = Thread.ofVirtual().start(() -> answerPartly(slow, more, release));
      String url = "http://127.0.0.1:" + slow.getLocalPort() + "/slow";
      Thread client = Thread.ofVirtual().start(() -> fetchQuietly(user, url));
      JsonNode change;
      try {
        change =
            ui.awaitBroadcast(
                "trafficChange",
                m ->
                    m.get("payload").get("bytesConsumed").asLong() >= consumedBefore + PART
                        && !m.get("payload").get("routes").isEmpty(),
                Duration.ofSeconds(60));
        // The stream moves again: a change, so a second broadcast, with the later count.
        more.countDown();
        ui.awaitBroadcast(
            "trafficChange",
            m -> m.get("payload").get("bytesConsumed").asLong() >= consumedBefore + 2 * PART,
            Duration.ofSeconds(60));
      } finally {
        more.countDown();
        release.countDown();
        server.join();
        client.join();
      }
      JsonNode p = change.get("payload");
      assertThat(p.get("streamsOpen").asInt()).isGreaterThanOrEqualTo(1);
      JsonNode route = p.get("routes").get(0);
      List<String> hops = new java.util.ArrayList<>();
      route.get("hops").forEach(h -> hops.add(h.asText()));
      assertThat(hops).as("min-hops 3").hasSize(3).doesNotHaveDuplicates();
      assertThat(route.get("exit").asText()).isEqualTo(hops.get(2));
      assertThat(hops)
          .allSatisfy(h -> assertThat(h).hasSize(16))
          .doesNotContain(user.descriptor().key().toString());
      List<String> standard =
          nodes.standardNodes().stream().map(n -> n.descriptor().key().toString()).toList();
      assertThat(standard).containsAll(hops);
      assertThat(route.get("streams").asInt()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void neighborhood_names_this_node_and_its_neighbors() throws Exception {
    Node user = nodes.user();
    try (UiTestClient ui = UiTestClient.connect(uiPort(user))) {
      JsonNode p = ui.ask("neighborhood", 1, "{}").get("payload");
      String self = user.descriptor().key().toString();
      assertThat(p.get("self").asText()).isEqualTo(self);
      List<String> neighbors = new java.util.ArrayList<>();
      p.get("nodes")
          .forEach(
              n -> {
                assertThat(n.get("shortKey").asText()).matches("[0-9a-f]{16}");
                if (n.get("neighbor").asBoolean()) {
                  neighbors.add(n.get("shortKey").asText());
                }
              });
      assertThat(neighbors).isNotEmpty();
      assertThat(p.get("nodes").size()).isGreaterThan(neighbors.size());
      List<String> touchingSelf = new java.util.ArrayList<>();
      p.get("edges")
          .forEach(
              e -> {
                if (e.get("from").asText().equals(self)) {
                  touchingSelf.add(e.get("to").asText());
                } else if (e.get("to").asText().equals(self)) {
                  touchingSelf.add(e.get("from").asText());
                }
              });
      assertThat(touchingSelf).containsExactlyInAnyOrderElementsOf(neighbors);
    }
  }

  @Test
  void metrics_answers_a_plain_get_without_origin_and_refuses_another_host() throws Exception {
    int port = uiPort(nodes.standard(0));
    String served = get(port, "/metrics", null);
    assertThat(served).startsWith("HTTP/1.1 200");
    assertThat(served).containsIgnoringCase("content-type: text/plain; version=0.0.4");
    PrometheusText text = PrometheusText.parse(body(served));
    assertThat(
            text.value("jmasq_stage{stage=\"RouteFound\"}")
                + text.value("jmasq_stage{stage=\"ConnectedToNeighbor\"}"))
        .isEqualTo(1);
    assertThat(text.value("jmasq_neighbors")).isGreaterThanOrEqualTo(1);
    assertThat(get(port, "/metrics", "rebound.example:" + port)).startsWith("HTTP/1.1 403");
    assertThat(get(port, "/other", null)).startsWith("HTTP/1.1 404");
  }

  /**
   * An origin that answers one request with the head and {@link #PART} bytes of a longer body, then
   * {@link #PART} more once {@code more} opens, and holds the connection until {@code release}: the
   * stream stays open meanwhile.
   */
  private static void answerPartly(
      ServerSocket server, CountDownLatch more, CountDownLatch release) {
    try (Socket s = server.accept()) {
      InputStream in = s.getInputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      s.getOutputStream()
          .write(
              ("HTTP/1.1 200 OK\r\nContent-Length: " + 3 * PART + "\r\n\r\n" + "y".repeat(PART))
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      more.await();
      s.getOutputStream().write("z".repeat(PART).getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      release.await();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Fetches {@code url} through {@code user}; its answer is not this test's subject. */
  private static void fetchQuietly(Node user, String url) {
    try {
      RealNodes.fetch(user, url, Duration.ofSeconds(90));
    } catch (IOException e) {
      // The stream ends when the origin lets go; how it ends is not this test's subject.
    }
  }

  private static int uiPort(Node n) {
    return n.uiAddress().orElseThrow().getPort();
  }

  /** A plain GET over a socket, as a scraper sends it; {@code host} replaces the Host header. */
  private static String get(int port, String path, String host) throws IOException {
    try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
      s.setSoTimeout(20_000);
      String h = host == null ? "127.0.0.1:" + port : host;
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + h + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }

  private static String body(String response) {
    assertThat(response).startsWith("HTTP/1.1 200");
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
