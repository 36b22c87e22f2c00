package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A devnet of seven Node processes on 127.0.0.2-8, linked by TLS, driven by the real curl. The
 * tests run in order: the last one kills a relay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHopNetworkTest {
  private static final String HOST = LocalSite.HOST;
  private static final int BIG = 50 * 1024 * 1024;
  private static final int NODES = 7;

  private Path work;
  private LocalSite site;
  private Devnet devnet;

  @BeforeAll
  void start(@TempDir Path work) throws Exception {
    this.work = work;
    site = new LocalSite(work, BIG, 7);
    devnet =
        Devnet.start(
            work.resolve("devnet"),
            NODES,
            "--allow-private-targets",
            "--dns-servers",
            site.dns.address());
  }

  @AfterAll
  void stop() {
    if (devnet != null) {
      devnet.close();
    }
    site.close();
  }

  @Test
  @Order(1)
  void a_50_mib_file_crosses_three_other_nodes_intact_and_the_exit_is_not_a_neighbor()
      throws Exception {
    Curl.Result result =
        Curl.run(work.resolve("curl"), "--socks5-hostname", devnet.proxy(), url("/big.bin"));

    assertThat(result.exitCode()).as(result.stderr() + devnet.diagnostics()).isZero();
    assertThat(ZeroHopNodeTest.sha256(result.body())).isEqualTo(ZeroHopNodeTest.sha256(site.big));

    Devnet.LoggedRoute route = lastRouteTo(HOST + ":" + site.web.port());
    String originator = devnet.shortKey(1);
    assertThat(route.over()).hasSize(4).startsWith(originator).doesNotHaveDuplicates();
    assertThat(route.back()).endsWith(originator);
    // Neighbors change as the network heals, so check them as they were when the route was chosen.
    List<List<String>> neighborsThen = devnet.neighborsWhenChoosing(route.exit());
    assertThat(neighborsThen)
        .as("the originator logged its neighbors when it chose the route")
        .isNotEmpty();
    assertThat(neighborsThen)
        .allSatisfy(
            n ->
                assertThat(n)
                    .as("the exit is not the originator's neighbor")
                    .doesNotContain(route.exit()));

    // The Nodes' own counters say who carried the 50 MiB back: the exit read it from the server,
    // and every relay of the back leg passed it on.
    Set<String> carriers = new HashSet<>();
    awaitCounters(route);
    assertThat(devnet.trafficValue(devnet.indexOf(route.exit()), "exit_bytes"))
        .isGreaterThanOrEqualTo(BIG);
    carriers.add(route.exit());
    for (String relay : route.back().subList(1, route.back().size() - 1)) {
      assertThat(devnet.trafficValue(devnet.indexOf(relay), "relayed_bytes"))
          .as("relay " + relay)
          .isGreaterThanOrEqualTo(BIG);
      carriers.add(relay);
    }
    for (String relay : route.over().subList(1, route.over().size() - 1)) {
      assertThat(devnet.trafficValue(devnet.indexOf(relay), "relayed_packages"))
          .as("relay " + relay)
          .isPositive();
      carriers.add(relay);
    }
    carriers.remove(originator);
    assertThat(carriers).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  @Order(2)
  void https_passes_through_a_connect_tunnel_over_three_hops() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--proxy",
            "http://" + devnet.proxy(),
            "--proxytunnel",
            "--cacert",
            site.certificate.pem.toString(),
            site.secretUrl());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.bodyText()).isEqualTo(LocalSite.SECRET);
  }

  /**
   * What another local user could read of the running Nodes: no Node's command line holds its
   * consuming key (devnet hands it over in the Node's environment), and every log is its owner's.
   */
  @Test
  @Order(2)
  void no_running_node_shows_its_key_on_its_command_line_and_every_log_is_private()
      throws Exception {
    for (int node = 1; node <= NODES; node++) {
      String commandLine =
          new String(
              java.nio.file.Files.readAllBytes(
                  Path.of("/proc", Long.toString(devnet.pid(node)), "cmdline")),
              java.nio.charset.StandardCharsets.UTF_8);
      String key = java.util.HexFormat.of().formatHex(Devnet.consuming(node).privateKeyBytes());
      assertThat(commandLine).as("node %d's command line", node).contains("org.jmasq.cli.Main");
      assertThat(commandLine.toLowerCase(java.util.Locale.ROOT))
          .as("node %d's command line", node)
          .doesNotContain(key);
      for (String log : List.of("node.log", "node.err")) {
        assertThat(
                java.nio.file.Files.getPosixFilePermissions(
                    devnet.nodeDirectory(node).resolve(log)))
            .as("node %d's %s", node, log)
            .containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
      }
    }
  }

  @Test
  @Order(3)
  void an_unknown_host_gets_the_dns_error_page_after_other_exits_tried() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--proxy",
            "http://" + devnet.proxy(),
            "--include",
            "http://nowhere.jmasq.test/");

    assertThat(result.bodyText()).startsWith("HTTP/1.1 503 ").contains("DNS Resolution Problem");
    List<Devnet.LoggedRoute> tries =
        devnet.routes().stream().filter(r -> r.target().startsWith("nowhere.jmasq.test")).toList();
    assertThat(devnet.originatorLog())
        .contains("the exit could not resolve it; trying another exit");
    assertThat(tries).isNotEmpty();
  }

  @Test
  @Order(4)
  void a_slow_client_does_not_stall_a_fast_stream_on_the_same_links() throws Exception {
    int routesBefore = devnet.routes().size();
    Process slow =
        new ProcessBuilder(
                "curl",
                "--silent",
                "--limit-rate",
                "100K",
                "--max-time",
                "120",
                "--output",
                "/dev/null",
                "--socks5-hostname",
                devnet.proxy(),
                url("/big.bin"))
            .start();
    try {
      awaitNewRoute(routesBefore);
      long start = System.nanoTime();
      Curl.Result fast =
          Curl.run(work.resolve("curl"), "--socks5-hostname", devnet.proxy(), url("/big.bin"));

      assertThat(fast.exitCode()).as(fast.stderr()).isZero();
      assertThat(ZeroHopNodeTest.sha256(fast.body())).isEqualTo(ZeroHopNodeTest.sha256(site.big));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
      assertThat(slow.isAlive()).as("the slow download is still going").isTrue();
    } finally {
      slow.destroy();
    }
  }

  @Test
  @Order(5)
  void when_a_relay_dies_its_stream_ends_and_new_requests_route_around_it_within_30_seconds()
      throws Exception {
    int routesBefore = devnet.routes().size();
    Process slow =
        new ProcessBuilder(
                "curl",
                "--silent",
                "--limit-rate",
                "1M",
                "--max-time",
                "120",
                "--output",
                "/dev/null",
                "--socks5-hostname",
                devnet.proxy(),
                url("/big.bin"))
            .start();
    Devnet.LoggedRoute route = awaitNewRoute(routesBefore);
    String relay =
        route.back().get(1).equals(route.exit()) ? route.over().get(1) : route.back().get(1);
    int victim = devnet.indexOf(relay);
    assertThat(victim).as("a relay, not the user's Node").isNotEqualTo(1);

    devnet.kill(victim);

    assertThat(slow.waitFor(30, TimeUnit.SECONDS))
        .as("the stream through the dead relay ended")
        .isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Curl.Result result;
    do {
      result =
          Curl.run(
              work.resolve("curl"),
              "--max-time",
              "10",
              "--socks5-hostname",
              devnet.proxy(),
              url("/hello"));
    } while (result.exitCode() != 0 && System.nanoTime() < deadline);
    assertThat(result.exitCode())
        .as("a request succeeded within 30 s: " + result.stderr())
        .isZero();
    assertThat(result.bodyText()).isEqualTo(LocalSite.HELLO);
    Devnet.LoggedRoute around = lastRouteTo(HOST + ":" + site.web.port());
    assertThat(around.over()).doesNotContain(relay);
    assertThat(around.back()).doesNotContain(relay);
  }

  private Devnet.LoggedRoute lastRouteTo(String target) throws Exception {
    List<Devnet.LoggedRoute> routes =
        devnet.routes().stream().filter(r -> r.target().equals(target)).toList();
    assertThat(routes).as(devnet.diagnostics()).isNotEmpty();
    return routes.get(routes.size() - 1);
  }

  /** The first route to the site logged after the first {@code before} routes: the download's. */
  private Devnet.LoggedRoute awaitNewRoute(int before) throws Exception {
    String target = HOST + ":" + site.web.port();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      List<Devnet.LoggedRoute> routes = new ArrayList<>(devnet.routes());
      for (Devnet.LoggedRoute r : routes.subList(Math.min(before, routes.size()), routes.size())) {
        if (r.target().equals(target)) {
          return r;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the download's route was never logged");
  }

  /**
   * Traffic lines are printed once a second, by each Node on its own; wait until the exit's and
   * every back relay's show the whole file.
   */
  private void awaitCounters(Devnet.LoggedRoute route) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (devnet.trafficValue(devnet.indexOf(route.exit()), "exit_bytes") < BIG
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    for (String relay : route.back().subList(1, route.back().size() - 1)) {
      while (devnet.trafficValue(devnet.indexOf(relay), "relayed_bytes") < BIG
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
    }
  }

  private String url(String path) {
    return site.url(path);
  }
}
