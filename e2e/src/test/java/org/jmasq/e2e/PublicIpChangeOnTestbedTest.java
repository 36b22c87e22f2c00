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
 * A standard Node behind a NAT router, using automap, whose router gets a new public IP. The move
 * breaks the Node's links (those it dialled meet resets, those dialled to it go silent); automap
 * learns the new IP at the latest at its poll (60 s), sooner when a link breaks; the Node's record
 * moves there with a new version, its neighbors log it at the new address, none bans it for the
 * move, and the user's routes pass through it again. Needs root, iproute2, nftables, miniupnpd,
 * socat and curl.
 */
@EnabledIf("org.jmasq.e2e.TestbedScenario#canRun")
class PublicIpChangeOnTestbedTest {
  private static final int BODY_BYTES = 256 << 10;
  private static final String MOVING = TestbedScenario.NATTED_HOSTS.get(0);

  /** Automap asks the router every 60 s; the rest is Gossip and a link or two made again. */
  private static final Duration LEARNED = Duration.ofSeconds(75);

  private static final Duration TOLD = Duration.ofSeconds(20);

  /** Its links made again from the new address, and the user's Node told of them by Gossip. */
  private static final Duration ROUTED_AGAIN = Duration.ofSeconds(60);

  private static TestbedScenario scenario;

  @BeforeAll
  static void start() throws Exception {
    // Only the moving Node charges less than the rest: the user's routes then take it whenever
    // one can, as relay or exit, and its coming back is not hidden by routes through another
    // cheap Node.
    scenario = TestbedScenario.start(BODY_BYTES, (i, j) -> 5, List.of(MOVING));
  }

  @AfterAll
  static void stop() throws Exception {
    TestbedScenario.closeKeepingLogs(scenario, "PublicIpChangeOnTestbedTest");
  }

  @Test
  void a_node_whose_public_ip_changes_is_known_at_the_new_one_and_routes_through_it_work_again()
      throws Exception {
    assertThat(scenario.network.awaitRouteFound(Duration.ofSeconds(60))).isTrue();
    TestbedNode moving = scenario.nodeOn(MOVING);
    String key = descriptorKey(moving);
    String shortKey = moving.shortKey().orElseThrow();
    List<TestbedNode> others = new ArrayList<>(scenario.network.standardNodes());
    others.remove(moving);
    // The user's Node too: it may hear the new address first over its link to the old one.
    others.add(scenario.network.user());
    List<Integer> from = new ArrayList<>();
    for (TestbedNode other : others) {
      from.add(other.lines().size());
    }
    int movingFrom = moving.lines().size();

    Ipv4 after = scenario.testbed.changeWanAddress(TestbedScenario.routerOf(MOVING));

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

    // It charges less than the others, so the user's routes pass through it again once its links
    // are made again from the new address and the user's Node has heard of them. Until then a
    // stream may still be given a route over a link the move broke, and fail: the user tries again.
    int userFrom = scenario.network.user().lines().size();
    List<String> failed = new ArrayList<>();
    boolean through = false;
    long until = System.nanoTime() + ROUTED_AGAIN.toNanos();
    while (!through && System.nanoTime() < until) {
      int streamFrom = scenario.network.user().lines().size();
      TestbedScenario.Download download = scenario.download(true, Duration.ofSeconds(20));
      if (download.result().exitCode() == 0 && download.sha256().equals(scenario.origin.sha256())) {
        through = scenario.routeKeys(streamFrom).contains(shortKey);
      } else {
        failed.add(download.describe());
      }
      if (!through) {
        Thread.sleep(1000);
      }
    }
    assertThat(through)
        .as(
            "an intact download within %s after the neighbors knew the new address was routed"
                + " through %s; failed downloads: %s; Nodes on the user's routes: %s; %s's log"
                + " since the move: %s",
            ROUTED_AGAIN,
            shortKey,
            failed,
            scenario.routeKeys(userFrom),
            shortKey,
            linesFrom(moving, movingFrom))
        .isTrue();
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
