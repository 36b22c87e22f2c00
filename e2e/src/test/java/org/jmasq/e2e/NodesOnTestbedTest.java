package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmasq.cli.TestbedNetwork;
import org.jmasq.cli.TestbedNode;
import org.jmasq.testbed.emulator.EmulatorCounters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Eight Nodes on eight hosts of a testbed, with 20–40 ms one way on every pair of hosts: the user's
 * Node, behind a NAT router and originate-only, finds a route and downloads through it; two
 * standard Nodes behind NAT routers of their own map their port with automap and relay on its
 * routes; with 40 ms on every link, sequential and parallel streams open, carry their data intact
 * and close. Needs root, iproute2, nftables, miniupnpd, socat and curl.
 */
@EnabledIf("org.jmasq.e2e.TestbedScenario#canRun")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodesOnTestbedTest {
  private static final int BODY_BYTES = 1 << 20;
  private static TestbedScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    // 20 to 40 ms, different for most pairs.
    scenario = TestbedScenario.start(BODY_BYTES, (i, j) -> 20 + (i * 7 + j * 13) % 21);
  }

  @AfterAll
  static void stop() throws Exception {
    TestbedScenario.closeKeepingLogs(scenario, "NodesOnTestbedTest");
  }

  @Test
  @Order(1)
  void the_users_node_behind_a_router_finds_a_route_and_a_download_through_it_is_intact()
      throws Exception {
    assertThat(scenario.network.awaitRouteFound(Duration.ofSeconds(60)))
        .as("RouteFound; the user's Node's log is %s", scenario.network.user().log())
        .isTrue();

    TestbedScenario.Download download = scenario.download(true, Duration.ofSeconds(30));

    assertThat(download.result().exitCode()).as(download.describe()).isZero();
    assertThat(download.sha256()).isEqualTo(scenario.origin.sha256());
  }

  @Test
  @Order(2)
  void the_nodes_behind_routers_map_their_port_with_automap_and_carry_traffic() throws Exception {
    Set<String> nattedKeys = new HashSet<>();
    for (TestbedNode node : scenario.network.standardNodes()) {
      if (!TestbedScenario.NATTED_HOSTS.contains(node.host())) {
        continue;
      }
      // Started without --ip: the address in its descriptor is the one its router reported.
      String wan =
          scenario.testbed.router(TestbedScenario.routerOf(node.host())).wanAddress().toString();
      assertThat(node.descriptor())
          .hasValueSatisfying(d -> assertThat(d).contains("@" + wan + ":"));
      node.awaitLine(Pattern.compile("Automap: port \\d+ mapped by "), 0, Duration.ofSeconds(5));
      nattedKeys.add(node.shortKey().orElseThrow());
    }
    assertThat(nattedKeys).hasSize(TestbedScenario.NATTED_HOSTS.size());

    // The NAT'd Nodes charge less than the others, so a route through one is cheapest; a few
    // streams leave time for the user's Node to have learned of them. Their neighbors reach
    // them through their routers' mapped ports.
    Set<String> used = routeKeys();
    for (int i = 0; i < 3 && Collections.disjoint(used, nattedKeys); i++) {
      TestbedScenario.Download download = scenario.download(true, Duration.ofSeconds(30));
      assertThat(download.result().exitCode()).as(download.describe()).isZero();
      assertThat(download.sha256()).isEqualTo(scenario.origin.sha256());
      used = routeKeys();
    }
    assertThat(used).as("the Nodes on the user's routes").containsAnyElementsOf(nattedKeys);
  }

  /** The short keys of every Node on a route the user's Node logged for a stream, over or back. */
  private static Set<String> routeKeys() throws Exception {
    Pattern route = Pattern.compile("Stream \\S+ to \\S+: route ([0-9a-f> ]+), back ([0-9a-f> ]+)");
    Set<String> keys = new HashSet<>();
    for (String line : scenario.network.user().lines()) {
      Matcher m = route.matcher(line);
      if (m.find()) {
        for (String leg : List.of(m.group(1), m.group(2))) {
          keys.addAll(List.of(leg.trim().split(" > ")));
        }
      }
    }
    return keys;
  }

  @Test
  @Order(3)
  void with_forty_ms_one_way_on_every_link_streams_open_carry_their_data_and_close()
      throws Exception {
    TestbedScenario.setDelays(scenario.testbed, (i, j) -> 40);
    assertThat(scenario.network.awaitRouteFound(Duration.ofSeconds(60))).isTrue();
    EmulatorCounters before = scenario.testbed.emulatorCounters();

    for (boolean socks : new boolean[] {true, false, true}) {
      TestbedScenario.Download download = scenario.download(socks, Duration.ofSeconds(30));
      assertThat(download.result().exitCode()).as(download.describe()).isZero();
      assertThat(download.sha256()).isEqualTo(scenario.origin.sha256());
      // Three hops out, the exit's handshake and request to the origin, three hops back: ten
      // links of 40 ms before the first byte; 320 ms leaves room, and is far above what the same
      // route takes without the emulator's delay.
      assertThat(download.firstByte()).isGreaterThan(Duration.ofMillis(320));
    }
    List<CompletableFuture<TestbedScenario.Download>> parallel = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      boolean socks = i % 2 == 0;
      parallel.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return scenario.download(socks, Duration.ofSeconds(40));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    for (CompletableFuture<TestbedScenario.Download> future : parallel) {
      TestbedScenario.Download download = future.join();
      assertThat(download.result().exitCode()).as(download.describe()).isZero();
      assertThat(download.sha256()).isEqualTo(scenario.origin.sha256());
    }
    EmulatorCounters after = scenario.testbed.emulatorCounters();
    assertThat(after.released() - before.released()).isGreaterThan(7L * BODY_BYTES / 1500);
    assertThat(after.foreign()).isZero();
    // Each stream closed: soon the user's Node holds no client connection open.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String open = proxyConnections();
    while (!open.isBlank() && System.nanoTime() < deadline) {
      open = proxyConnections();
    }
    assertThat(open).isBlank();
  }

  /** The TCP connections to the user's proxy that are still open, as {@code ss} lists them. */
  private static String proxyConnections() throws Exception {
    return scenario
        .testbed
        .exec(
            TestbedScenario.USER_HOST,
            "ss",
            "-H",
            "-t",
            "-n",
            "state",
            "established",
            "sport",
            "=",
            ":" + TestbedNetwork.PROXY_PORT)
        .stdout();
  }
}
