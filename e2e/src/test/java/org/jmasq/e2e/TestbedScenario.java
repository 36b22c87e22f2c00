package org.jmasq.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmasq.cli.TestbedNetwork;
import org.jmasq.cli.TestbedNode;
import org.jmasq.cli.TestbedOrigin;
import org.jmasq.node.NodeStartException;
import org.jmasq.testbed.ExecResult;
import org.jmasq.testbed.Testbed;
import org.jmasq.testbed.TestbedException;
import org.jmasq.testbed.TestbedPlan;
import org.jmasq.testbed.emulator.LinkConditions;

/**
 * The testbed network the end-to-end scenarios share: seven standard Nodes on public hosts {@code
 * n1}–{@code n7}, an origin server on the public host {@code origin}, and the user's Node on host
 * {@code user} behind the home router {@code home}, every link through the delay emulator.
 */
final class TestbedScenario implements AutoCloseable {
  static final List<String> STANDARD_HOSTS = List.of("n1", "n2", "n3", "n4", "n5", "n6", "n7");

  /** The standard Nodes' hosts that sit behind a home router of their own and use automap. */
  static final List<String> NATTED_HOSTS = List.of("n6", "n7");

  /**
   * What the NAT'd Nodes charge: half the default, so that the user's routes, chosen by cost, pass
   * through them rather than only through the Nodes in the open.
   */
  static final String NATTED_RATE_PACK = "26922|26922|53844|53844";

  static final String ORIGIN_HOST = "origin";
  static final String USER_HOST = "user";
  static final int ORIGIN_PORT = 8000;

  final Testbed testbed;
  final TestbedOrigin origin;
  final TestbedNetwork network;
  private int downloads;

  private TestbedScenario(Testbed testbed, TestbedOrigin origin, TestbedNetwork network) {
    this.testbed = testbed;
    this.origin = origin;
    this.network = network;
  }

  /** Whether this machine can build a testbed: root, and the tools on the PATH. */
  static boolean canRun() {
    return "root".equals(System.getProperty("user.name"))
        && Arrays.stream(new String[] {"ip", "ss", "nft", "miniupnpd", "socat", "curl"})
            .allMatch(
                tool ->
                    Arrays.stream(System.getenv("PATH").split(":"))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool))));
  }

  /**
   * Builds the testbed, starts the emulator with {@code delayMillis(i, j)} one way between the
   * {@code i}th and {@code j}th host, then the origin (serving {@code bodyBytes}) and the Nodes.
   */
  static TestbedScenario start(int bodyBytes, IntBinaryOperator delayMillis)
      throws TestbedException, IOException, InterruptedException, NodeStartException {
    return start(bodyBytes, delayMillis, NATTED_HOSTS);
  }

  /**
   * As {@link #start(int, IntBinaryOperator)}, with only the Nodes on {@code cheap} (NAT'd hosts)
   * charging {@link #NATTED_RATE_PACK}, the others the default.
   */
  static TestbedScenario start(int bodyBytes, IntBinaryOperator delayMillis, List<String> cheap)
      throws TestbedException, IOException, InterruptedException, NodeStartException {
    TestbedPlan plan = TestbedPlan.empty();
    for (String host : STANDARD_HOSTS) {
      plan =
          NATTED_HOSTS.contains(host)
              ? plan.withRouter(routerOf(host)).withHostBehind(host, routerOf(host))
              : plan.withPublicHost(host);
    }
    plan = plan.withPublicHost(ORIGIN_HOST).withRouter("home").withHostBehind(USER_HOST, "home");
    Testbed testbed = Testbed.build(plan);
    try {
      testbed.emulate(LinkConditions.NONE);
      setDelays(testbed, delayMillis);
      TestbedOrigin origin = TestbedOrigin.start(testbed, ORIGIN_HOST, ORIGIN_PORT, bodyBytes);
      TestbedNetwork.Options options = TestbedNetwork.Options.defaults();
      for (String host : cheap) {
        options = options.withRatePack(host, NATTED_RATE_PACK);
      }
      TestbedNetwork network = TestbedNetwork.start(testbed, STANDARD_HOSTS, USER_HOST, options);
      return new TestbedScenario(testbed, origin, network);
    } catch (TestbedException | IOException | InterruptedException | RuntimeException e) {
      testbed.close();
      throw e;
    }
  }

  /** The home router a NAT'd standard Node's host sits behind. */
  static String routerOf(String natted) {
    return "r" + natted;
  }

  /** Every host of the scenario, in a fixed order. */
  static List<String> allHosts() {
    List<String> all = new ArrayList<>(STANDARD_HOSTS);
    all.add(ORIGIN_HOST);
    all.add(USER_HOST);
    return all;
  }

  static void setDelays(Testbed testbed, IntBinaryOperator delayMillis) throws TestbedException {
    List<String> hosts = allHosts();
    for (int i = 0; i < hosts.size(); i++) {
      for (int j = i + 1; j < hosts.size(); j++) {
        testbed.conditions(
            hosts.get(i),
            hosts.get(j),
            LinkConditions.delay(Duration.ofMillis(delayMillis.applyAsInt(i, j))));
      }
    }
  }

  /** One curl download of the origin's file on the user's host; the body goes to the file given. */
  record Download(ExecResult result, Path body) {
    String sha256() throws IOException {
      return Files.exists(body) ? TestbedOrigin.sha256(body) : "(no body)";
    }

    /** When the first byte of the answer came, after curl started, as curl measured it. */
    Duration firstByte() {
      return Duration.ofNanos((long) (Double.parseDouble(result.stdout().strip()) * 1e9));
    }

    String describe() {
      return "curl exit " + result.exitCode() + ": " + result.stderr().strip();
    }
  }

  /** Downloads the origin's file through the user's proxy, a client on the user's own host. */
  Download download(boolean socks, Duration maxTime) throws TestbedException, IOException {
    return download(socks, maxTime, origin.url());
  }

  Download download(boolean socks, Duration maxTime, String url)
      throws TestbedException, IOException {
    Path body = bodyPath();
    ExecResult result =
        testbed.exec(USER_HOST, maxTime.plusSeconds(10), curl(socks, maxTime, body, url));
    return new Download(result, body);
  }

  /** A curl command line that downloads {@code url} through the user's proxy into {@code body}. */
  List<String> curl(boolean socks, Duration maxTime, Path body, String url) {
    return List.of(
        "curl",
        "--silent",
        "--show-error",
        "--max-time",
        Long.toString(maxTime.toSeconds()),
        socks ? "--socks5-hostname" : "--proxy",
        socks ? network.proxy() : "http://" + network.proxy(),
        "--output",
        body.toString(),
        "--write-out",
        "%{time_starttransfer}",
        url);
  }

  /**
   * The short keys of every Node on a route the user's Node logged for a stream, over or back, from
   * line {@code from} of its log on.
   */
  Set<String> routeKeys(int from) throws IOException {
    Pattern route = Pattern.compile("Stream \\S+ to \\S+: route ([0-9a-f> ]+), back ([0-9a-f> ]+)");
    List<String> lines = network.user().lines();
    Set<String> keys = new HashSet<>();
    for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
      Matcher m = route.matcher(line);
      if (m.find()) {
        for (String leg : List.of(m.group(1), m.group(2))) {
          keys.addAll(List.of(leg.trim().split(" > ")));
        }
      }
    }
    return keys;
  }

  /**
   * Downloads until one is routed through the Node with {@code shortKey}, each intact, for at most
   * {@code within}; whether one was. A Node that charges less than the others is on every route the
   * user's Node can make through it.
   */
  boolean downloadsThrough(String shortKey, Duration within)
      throws IOException, TestbedException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    do {
      int from = network.user().lines().size();
      Download download = download(true, Duration.ofSeconds(20));
      if (download.result().exitCode() != 0) {
        throw new AssertionError(download.describe());
      }
      if (!download.sha256().equals(origin.sha256())) {
        throw new AssertionError("body " + download.sha256() + ", not " + origin.sha256());
      }
      if (routeKeys(from).contains(shortKey)) {
        return true;
      }
      // The user's Node may not know the Node yet (a Node behind NAT joins once it has mapped its
      // port): a route through it is chosen once its record has come.
      Thread.sleep(1_000);
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** The standard Node on {@code host}. */
  TestbedNode nodeOn(String host) {
    return network.standardNodes().stream()
        .filter(n -> n.host().equals(host))
        .findFirst()
        .orElseThrow();
  }

  synchronized Path bodyPath() throws IOException {
    Path dir = Files.createDirectories(testbed.directory().resolve("downloads"));
    return dir.resolve("body-" + downloads++);
  }

  /** The names of this run's namespaces that still exist (none after close). */
  static List<String> namespacesOf(String prefix) throws IOException, InterruptedException {
    Process list = new ProcessBuilder("ip", "netns", "list").start();
    String out =
        new String(list.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    list.waitFor();
    return out.lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith(prefix)).toList();
  }

  /**
   * Copies every Node's log (owner-only, as they are) to {@code target/testbed-logs/<name>/}, to
   * read after the testbed, and its run directory, are gone.
   */
  void keepLogs(String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "testbed-logs", name));
    List<TestbedNode> nodes = new ArrayList<>(network.standardNodes());
    nodes.add(network.user());
    for (TestbedNode node : nodes) {
      Files.copy(
          node.log(),
          dir.resolve(node.host() + ".log"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  /**
   * Keeps the logs of {@code scenario} (if it started) under {@code name}, stops it, and checks
   * that none of its namespaces is left.
   */
  static void closeKeepingLogs(TestbedScenario scenario, String name) throws Exception {
    if (scenario == null) {
      return;
    }
    String prefix = scenario.testbed.prefix();
    try {
      scenario.keepLogs(name);
    } finally {
      scenario.close();
    }
    if (!namespacesOf(prefix).isEmpty()) {
      throw new AssertionError("namespaces left: " + namespacesOf(prefix));
    }
  }

  @Override
  public void close() {
    network.stop();
    testbed.close();
  }
}
