package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jmasq.cli.TestbedNode;
import org.jmasq.testbed.Ipv4;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A standard Node behind a NAT router, using automap, whose router gets a new public IP: automap
 * learns it within its poll (60 s), the Node's record moves there with a new version, its neighbors
 * log it at the new address, and none bans it for the move. Needs root, iproute2, nftables,
 * miniupnpd, socat and curl.
 *
 * <p>Not checked here: that the user's routes pass through the moved Node again. Two CI runs of
 * three saw no route through it for a minute after the move: the user's own link to it had gone
 * silent (no frame in 15 s) before the change, and was not dialled again within that minute. Until
 * that is understood, the claim is not made (docs/TESTBED.md).
 */
@EnabledIf("org.jmasq.e2e.TestbedScenario#canRun")
class PublicIpChangeOnTestbedTest {
  private static final int BODY_BYTES = 256 << 10;

  /** Automap asks the router every 60 s; the rest is Gossip and a link or two made again. */
  private static final Duration LEARNED = Duration.ofSeconds(75);

  private static final Duration TOLD = Duration.ofSeconds(20);

  private static TestbedScenario scenario;
  private static String prefix;

  @BeforeAll
  static void start() throws Exception {
    scenario = TestbedScenario.start(BODY_BYTES, (i, j) -> 5);
    prefix = scenario.testbed.prefix();
  }

  @AfterAll
  static void stop() throws Exception {
    if (scenario != null) {
      try {
        scenario.keepLogs("PublicIpChangeOnTestbedTest");
      } finally {
        scenario.close();
      }
      assertThat(TestbedScenario.namespacesOf(prefix)).isEmpty();
    }
  }

  @Test
  void a_node_whose_public_ip_changes_is_known_at_the_new_one_without_a_ban() throws Exception {
    assertThat(scenario.network.awaitRouteFound(Duration.ofSeconds(60))).isTrue();
    String host = TestbedScenario.NATTED_HOSTS.get(0);
    TestbedNode moving = scenario.nodeOn(host);
    String key = descriptorKey(moving);
    String shortKey = moving.shortKey().orElseThrow();
    List<TestbedNode> others = new ArrayList<>(scenario.network.standardNodes());
    others.remove(moving);
    List<Integer> from = new ArrayList<>();
    for (TestbedNode other : others) {
      from.add(other.lines().size());
    }
    int movingFrom = moving.lines().size();

    Ipv4 after = scenario.testbed.changeWanAddress(TestbedScenario.routerOf(host));

    moving.awaitLine(
        Pattern.compile("The public address changed from \\S+ to " + Pattern.quote(after + ":")),
        movingFrom,
        LEARNED);
    Pattern atNewAddress =
        Pattern.compile("Full neighbors now: .*" + Pattern.quote(key + "@" + after + ":"));
    int told = 0;
    long deadline = System.nanoTime() + TOLD.toNanos();
    while (told == 0 && System.nanoTime() < deadline) {
      for (int i = 0; i < others.size(); i++) {
        if (linesFrom(others.get(i), from.get(i)).stream()
            .anyMatch(l -> atNewAddress.matcher(l).find())) {
          told++;
        }
      }
      Thread.sleep(200);
    }
    assertThat(told).as("Nodes that logged %s at %s", shortKey, after).isPositive();
    for (int i = 0; i < others.size(); i++) {
      assertThat(linesFrom(others.get(i), from.get(i)))
          .as("%s bans no one for the move", others.get(i))
          .noneMatch(l -> l.contains("Banned "));
    }
  }

  /** The key as descriptors write it: between the chain's name and the address. */
  private static String descriptorKey(TestbedNode node) throws Exception {
    String descriptor = node.descriptor().orElseThrow();
    return descriptor.substring(
        descriptor.lastIndexOf(':', descriptor.indexOf('@')) + 1, descriptor.indexOf('@'));
  }

  private static List<String> linesFrom(TestbedNode node, int from) throws Exception {
    List<String> lines = node.lines();
    return lines.subList(Math.min(from, lines.size()), lines.size());
  }
}
