package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.jmasq.cli.TestbedNode;
import org.jmasq.cli.TestbedOrigin;
import org.jmasq.testbed.HostProcess;
import org.jmasq.testbed.emulator.LinkConditions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A host's link cut in the middle of a download through a route whose exit runs on that host: the
 * download ends with an error soon, not a hang, and new streams get through around the lost Node
 * within 30 s. The exit is the one the user's Node logged for the stream. Needs root, iproute2,
 * nftables, miniupnpd, socat and curl.
 *
 * <p>The exit is the last hop of the route the user's Node logged for the stream; it is never the
 * user's neighbor, so the user's own link stays up.
 */
@EnabledIf("org.jmasq.e2e.TestbedScenario#canRun")
class LinkCutOnTestbedTest {
  private static final int BIG_BYTES = 8 << 20;
  private static final int SMALL_PORT = 8001;
  private static final int SMALL_BYTES = 64 << 10;

  /** The origin's links are capped so that the big download lasts several seconds. */
  private static final long ORIGIN_CAP = 8_000_000;

  private static final Duration PROMPT_END = Duration.ofSeconds(30);
  private static final Duration REROUTE = Duration.ofSeconds(30);

  private static TestbedScenario scenario;
  private static TestbedOrigin small;

  @BeforeAll
  static void start() throws Exception {
    scenario = TestbedScenario.start(BIG_BYTES, (i, j) -> 20);
    small =
        TestbedOrigin.start(scenario.testbed, TestbedScenario.ORIGIN_HOST, SMALL_PORT, SMALL_BYTES);
    for (String host : TestbedScenario.allHosts()) {
      if (!host.equals(TestbedScenario.ORIGIN_HOST)) {
        scenario.testbed.conditions(
            TestbedScenario.ORIGIN_HOST,
            host,
            LinkConditions.delay(Duration.ofMillis(20)).withRate(ORIGIN_CAP));
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    TestbedScenario.closeKeepingLogs(scenario, "LinkCutOnTestbedTest");
  }

  @Test
  void
      cutting_the_exits_link_mid_download_ends_the_stream_with_an_error_and_new_streams_go_around_it()
          throws Exception {
    assertThat(scenario.network.awaitRouteFound(Duration.ofSeconds(60))).isTrue();
    TestbedNode user = scenario.network.user();
    int linesBefore = user.lines().size();
    Path body = scenario.bodyPath();
    HostProcess curl =
        scenario.testbed.start(
            TestbedScenario.USER_HOST,
            scenario
                .curl(true, Duration.ofSeconds(120), body, scenario.origin.url())
                .toArray(String[]::new));

    MatchResult route =
        user.awaitLine(
            Pattern.compile(
                "Stream \\S+ to \\S+:"
                    + TestbedScenario.ORIGIN_PORT
                    + ": route ([0-9a-f> ]+), back"),
            linesBefore,
            Duration.ofSeconds(20));
    List<String> over = List.of(route.group(1).trim().split(" > "));
    TestbedNode exit =
        scenario
            .network
            .byShortKey(over.getLast())
            .orElseThrow(() -> new AssertionError("no Node has the exit's key " + over.getLast()));
    // Mid-download: a megabyte in, several to go.
    while (!Files.exists(body) || Files.size(body) < (1 << 20)) {
      assertThat(curl.process().waitFor(200, TimeUnit.MILLISECONDS))
          .as("curl ended before the cut; %s", curl.log())
          .isFalse();
    }

    scenario.testbed.setLinkUp(exit.host(), false);
    long cut = System.nanoTime();

    // New streams, each given 10 s, until one gets through around the lost Node.
    TestbedScenario.Download download;
    do {
      download = scenario.download(true, Duration.ofSeconds(10), small.url());
    } while ((download.result().exitCode() != 0 || !download.sha256().equals(small.sha256()))
        && System.nanoTime() - cut < REROUTE.toNanos());
    Duration rerouted = Duration.ofNanos(System.nanoTime() - cut);
    long left = Math.max(0, PROMPT_END.toNanos() - (System.nanoTime() - cut));
    boolean ended = curl.process().waitFor(left, TimeUnit.NANOSECONDS);
    System.out.println(
        "link cut of "
            + exit
            + ": a new stream got through after "
            + rerouted
            + "; the stream in progress "
            + (ended
                ? "ended with curl exit " + curl.process().exitValue()
                : "still ran " + PROMPT_END + " after"));

    assertThat(download.result().exitCode()).as(download.describe()).isZero();
    assertThat(download.sha256()).isEqualTo(small.sha256());
    assertThat(rerouted).isLessThanOrEqualTo(REROUTE);
    assertThat(ended).as("curl still runs %s after the cut of %s", PROMPT_END, exit).isTrue();
    assertThat(curl.process().exitValue()).as(Files.readString(curl.log())).isNotZero();
    assertThat(Files.size(body)).isLessThan(BIG_BYTES);
  }
}
