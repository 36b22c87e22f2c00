package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmasq.cli.Main;
import org.jmasq.cli.TestbedNetwork;
import org.jmasq.cli.TestbedNode;
import org.jmasq.cli.TestbedOrigin;
import org.jmasq.testbed.ExecResult;
import org.jmasq.testbed.Testbed;
import org.jmasq.testbed.TestbedPlan;
import org.jmasq.testbed.emulator.LinkConditions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * One Node per public IP on a testbed: two standard Nodes behind one NAT router share its public IP
 * through automap. The first joins and relays; the second, started once the first is known, is
 * refused (GossipFailure IpTaken), says why in its log and over its UI, and keeps running, while
 * the public Nodes hold no record of it, nobody bans anybody, and the user's downloads still pass
 * through the first. Needs root, iproute2, nftables, miniupnpd, socat and curl.
 */
@EnabledIf("org.jmasq.e2e.TestbedScenario#canRun")
class OneNodePerIpOnTestbedTest {
  private static final List<String> PUBLIC_HOSTS = List.of("n1", "n2", "n3", "n4");
  private static final String ROUTER = "shared";
  private static final String FIRST = "first";
  private static final String SECOND = "second";
  private static final String ORIGIN = "origin";
  private static final int ORIGIN_PORT = 8000;
  private static final int BODY_BYTES = 256 << 10;

  private static Testbed testbed;
  private static TestbedOrigin origin;
  private static TestbedNetwork network;
  private static TestbedNode second;
  private static int downloads;

  @BeforeAll
  static void start() throws Exception {
    TestbedPlan plan = TestbedPlan.empty();
    for (String host : PUBLIC_HOSTS) {
      plan = plan.withPublicHost(host);
    }
    plan =
        plan.withRouter(ROUTER)
            .withHostBehind(FIRST, ROUTER)
            .withHostBehind(SECOND, ROUTER)
            .withPublicHost(ORIGIN)
            .withRouter("home")
            .withHostBehind(TestbedScenario.USER_HOST, "home");
    testbed = Testbed.build(plan);
    testbed.emulate(LinkConditions.delay(Duration.ofMillis(5)));
    origin = TestbedOrigin.start(testbed, ORIGIN, ORIGIN_PORT, BODY_BYTES);
    List<String> standard = new ArrayList<>(PUBLIC_HOSTS);
    standard.add(FIRST);
    // The first Node charges less, so that the user's routes, chosen by cost, pass through it.
    network =
        TestbedNetwork.start(
            testbed,
            standard,
            TestbedScenario.USER_HOST,
            TestbedNetwork.Options.defaults()
                .withRatePack(FIRST, TestbedScenario.NATTED_RATE_PACK));
  }

  @AfterAll
  static void stop() throws Exception {
    if (testbed == null) {
      return;
    }
    String prefix = testbed.prefix();
    try {
      if (network != null) {
        Path dir = Files.createDirectories(Path.of("target", "testbed-logs", "OneNodePerIp"));
        List<TestbedNode> nodes = new ArrayList<>(network.standardNodes());
        nodes.add(network.user());
        if (second != null) {
          nodes.add(second);
        }
        for (TestbedNode node : nodes) {
          Files.copy(
              node.log(), dir.resolve(node.host() + ".log"), StandardCopyOption.REPLACE_EXISTING);
        }
        network.stop();
      }
    } finally {
      testbed.close();
    }
    assertThat(TestbedScenario.namespacesOf(prefix)).isEmpty();
  }

  @Test
  void a_second_node_behind_the_same_router_is_not_taken_and_says_why() throws Exception {
    assertThat(network.awaitRouteFound(Duration.ofSeconds(60)))
        .as("RouteFound; the user's Node's log is %s", network.user().log())
        .isTrue();
    TestbedNode first = network.standardNodes().getLast();
    String wan = testbed.router(ROUTER).wanAddress().toString();
    String firstKey = first.shortKey().orElseThrow();

    second = network.startStandard(SECOND);

    // Both learned the router's public IP through automap.
    assertThat(first.descriptor()).hasValueSatisfying(d -> assertThat(d).contains("@" + wan + ":"));
    assertThat(second.descriptor())
        .hasValueSatisfying(d -> assertThat(d).contains("@" + wan + ":"));
    String secondKey = second.shortKey().orElseThrow();
    second.awaitLine(
        Pattern.compile(
            "Not accepted into the MASQ network: another Node already holds this Node's public IP "
                + Pattern.quote(wan)),
        0,
        Duration.ofSeconds(30));
    // Over the UI, as its user would ask: the reason. And the public Nodes' graphs hold the first
    // Node's record for that IP and none of the second's. Asked all at once: each is a JVM.
    CompletableFuture<ExecResult> status = ask(SECOND, "connection-status");
    List<CompletableFuture<ExecResult>> graphs = new ArrayList<>();
    for (String host : PUBLIC_HOSTS) {
      graphs.add(ask(host, "neighborhood-graph"));
    }
    assertThat(status.join().stdout())
        .contains("Not accepted into the network: another Node already holds")
        .contains(wan);
    assertThat(second.isAlive()).as("the second Node keeps running").isTrue();
    for (int i = 0; i < PUBLIC_HOSTS.size(); i++) {
      assertThat(graphs.get(i).join().stdout())
          .as("the graph of the Node on %s", PUBLIC_HOSTS.get(i))
          .doesNotContain(secondKey);
    }
    assertThat(graphs.get(0).join().stdout()).contains(firstKey);

    // The first Node still relays: a download through the user's Node passes through it.
    Set<String> used = new HashSet<>();
    for (int i = 0; i < 4 && !used.contains(firstKey); i++) {
      Path body =
          Files.createDirectories(testbed.directory().resolve("downloads"))
              .resolve("body-" + downloads++);
      ExecResult curl =
          testbed.exec(
              TestbedScenario.USER_HOST,
              Duration.ofSeconds(30),
              List.of(
                  "curl",
                  "--silent",
                  "--show-error",
                  "--max-time",
                  "20",
                  "--socks5-hostname",
                  network.proxy(),
                  "--output",
                  body.toString(),
                  origin.url()));
      assertThat(curl.exitCode()).as("curl: %s", curl.stderr()).isZero();
      assertThat(TestbedOrigin.sha256(body)).isEqualTo(origin.sha256());
      used = routeKeys(network.user());
    }
    assertThat(used).as("the Nodes on the user's routes").contains(firstKey);
    assertThat(used).doesNotContain(secondKey);

    // Nobody was banned: neither the honest first Node nor a public Node passing on its record.
    List<TestbedNode> all = new ArrayList<>(network.standardNodes());
    all.add(second);
    for (TestbedNode node : all) {
      assertThat(node.lines()).as("%s", node).noneMatch(l -> l.contains("Banned "));
    }
  }

  private static CompletableFuture<ExecResult> ask(String host, String command) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return ui(host, command);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        task -> Thread.ofVirtual().start(task));
  }

  /** A UI command of the Node on {@code host}, run on that host as its user would run it. */
  private static ExecResult ui(String host, String command) throws Exception {
    ExecResult result =
        testbed.exec(
            host,
            Duration.ofSeconds(20),
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                command,
                "--ui-port",
                Integer.toString(TestbedNetwork.UI_PORT)));
    assertThat(result.exitCode()).as("%s on %s: %s", command, host, result.stderr()).isZero();
    return result;
  }

  /** The short keys of every Node on a route the user's Node logged for a stream, over or back. */
  private static Set<String> routeKeys(TestbedNode user) throws Exception {
    Pattern route = Pattern.compile("Stream \\S+ to \\S+: route ([0-9a-f> ]+), back ([0-9a-f> ]+)");
    Set<String> keys = new HashSet<>();
    for (String line : user.lines()) {
      Matcher m = route.matcher(line);
      if (m.find()) {
        for (String leg : List.of(m.group(1), m.group(2))) {
          keys.addAll(List.of(leg.trim().split(" > ")));
        }
      }
    }
    return keys;
  }
}
