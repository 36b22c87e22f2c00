package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jmasq.cli.TestbedNode;
import org.jmasq.testbed.ExecResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A standard Node behind a NAT router relays on the user's routes; the router restarts (miniupnpd
 * killed, its mappings and lease file gone, started again). Automap sees the router's epoch start
 * again at its next poll (60 s at most) and maps the port again: the router lists the mapping, a
 * new connection from the internet reaches the Node through it, and new downloads are routed
 * through the Node. Needs root, iproute2, nftables, miniupnpd, socat and curl.
 */
@EnabledIf("org.jmasq.e2e.TestbedScenario#canRun")
class RouterRestartOnTestbedTest {
  private static final int BODY_BYTES = 256 << 10;

  /** Automap asks the router every 60 s. */
  private static final Duration MAPPED_AGAIN = Duration.ofSeconds(70);

  private static TestbedScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    // Only the Node whose router restarts charges less than the rest, so the user's routes take
    // it whenever they can (with two cheap Nodes, eight downloads once all took the other).
    scenario =
        TestbedScenario.start(
            BODY_BYTES, (i, j) -> 5, List.of(TestbedScenario.NATTED_HOSTS.get(0)));
  }

  @AfterAll
  static void stop() throws Exception {
    TestbedScenario.closeKeepingLogs(scenario, "RouterRestartOnTestbedTest");
  }

  @Test
  void after_its_router_restarts_a_node_maps_its_port_again_and_keeps_relaying() throws Exception {
    assertThat(scenario.network.awaitRouteFound(Duration.ofSeconds(60))).isTrue();
    String host = TestbedScenario.NATTED_HOSTS.get(0);
    String router = TestbedScenario.routerOf(host);
    TestbedNode relay = scenario.nodeOn(host);
    String shortKey = relay.shortKey().orElseThrow();
    String descriptor = relay.descriptor().orElseThrow();
    int port = Integer.parseInt(descriptor.substring(descriptor.lastIndexOf(':') + 1));
    String wan = scenario.testbed.router(router).wanAddress().toString();
    assertThat(mappings(router)).as("the router's mappings").contains("dport " + port);
    assertThat(scenario.downloadsThrough(shortKey, Duration.ofSeconds(45)))
        .as("a download routed through %s", shortKey)
        .isTrue();
    int relayFrom = relay.lines().size();

    scenario.testbed.restartRouter(router);

    assertThat(mappings(router))
        .as("the router's mappings after its restart")
        .doesNotContain("dport");
    long deadline = System.nanoTime() + MAPPED_AGAIN.toNanos();
    while (!mappings(router).contains("dport " + port) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(mappings(router))
        .as("the router's mappings %s after its restart", MAPPED_AGAIN)
        .contains("dport " + port);
    relay.awaitLine(Pattern.compile("Automap: RouterRestarted"), relayFrom, Duration.ofSeconds(5));
    relay.awaitLine(Pattern.compile("Automap: Mapped"), relayFrom, Duration.ofSeconds(5));
    // A new connection from the internet reaches the Node's port through the new mapping.
    ExecResult connect =
        scenario.testbed.exec(
            TestbedScenario.STANDARD_HOSTS.get(0),
            "socat",
            "-u",
            "OPEN:/dev/null",
            "TCP:" + wan + ":" + port + ",connect-timeout=5");
    assertThat(connect.exitCode()).as(connect.stderr()).isZero();
    assertThat(scenario.downloadsThrough(shortKey, Duration.ofSeconds(45)))
        .as("a download routed through %s after the restart", shortKey)
        .isTrue();
  }

  /** The DNAT rules miniupnpd keeps on {@code router}: its list of mappings. */
  private static String mappings(String router) throws Exception {
    ExecResult list =
        scenario.testbed.exec(
            router, "nft", "list", "chain", "inet", "filter", "prerouting_miniupnpd");
    assertThat(list.exitCode()).as(list.stderr()).isZero();
    return list.stdout();
  }
}
