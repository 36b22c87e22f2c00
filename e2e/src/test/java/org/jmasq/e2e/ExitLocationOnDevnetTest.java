package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit location on a devnet of ten Nodes in four countries (the user's Node 1 in PL, then three
 * each in CZ, DE and FR, {@code --countries PL,CZ,DE,FR,CZ,DE,FR,CZ,DE,FR}), driven by {@code jmasq
 * exit-location} and the real curl, at the default min-hops 3. A route's exit is never the user's
 * neighbor, so the exits reachable are the Nodes that are not: what {@code jmasq
 * neighborhood-graph} says they are is the oracle for the countries shown. Every round trip of
 * three hops each way costs the same here (one rate pack), so the priority decides between
 * countries. The user's Node takes up to five neighbors at random, which may be every Node of one
 * country, so the tests ask for the countries that have an exit left (FR, then CZ and DE, when they
 * can). The tests run in order: the last one stops the exits of the country it asked first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExitLocationOnDevnetTest {
  private static final int NODES = 10;
  private static final Map<String, Set<Integer>> NODES_IN =
      Map.of("CZ", Set.of(2, 5, 8), "DE", Set.of(3, 6, 9), "FR", Set.of(4, 7, 10));
  private static final Pattern FULL_LINK =
      Pattern.compile("\"([0-9a-f]+)\" -> \"([0-9a-f]+)\" \\[dir=none\\]");

  private Path work;
  private LocalSite site;
  private Devnet devnet;
  private int uiPort;
  private int commands;
  private final Set<Integer> stopped = new TreeSet<>();

  @BeforeAll
  void start(@TempDir Path work) throws Exception {
    this.work = work;
    site = new LocalSite(work, 1024, 13);
    try (ServerSocket free = new ServerSocket(0)) {
      uiPort = free.getLocalPort();
    }
    devnet =
        Devnet.start(
            work.resolve("devnet"),
            NODES,
            "--no-local-chain",
            "--countries",
            "PL,CZ,DE,FR,CZ,DE,FR,CZ,DE,FR",
            "--ui-port",
            Integer.toString(uiPort),
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
  void show_countries_lists_exactly_the_countries_of_the_reachable_exits() throws Exception {
    // Nine Nodes, three a country, at most five of them neighbors: two countries at least.
    assertThat(awaitShownCountries(Duration.ofSeconds(30))).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  @Order(2)
  void with_one_country_code_every_new_stream_exits_in_that_country() throws Exception {
    String only = reachable("FR", "CZ", "DE").get(0);
    Cli set = cli("exit-location", "--country-codes", only);
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out())
        .containsExactly(
            "Fallback Routing NOT set.",
            "Exit location set: Country Codes: [\"" + only + "\"], Priority: 1;");

    Map<Integer, Long> before = exitBytes();
    List<Devnet.LoggedRoute> routes = fetchHello(3);

    assertThat(routes).extracting(r -> countryOf(r.exit())).containsOnly(only);
    awaitExitBytesGrow(NODES_IN.get(only), before);
    Map<Integer, Long> after = exitBytes();
    for (int node = 2; node <= NODES; node++) {
      if (!NODES_IN.get(only).contains(node)) {
        assertThat(after.get(node)).as("exit bytes of node " + node).isEqualTo(before.get(node));
      }
    }
  }

  @Test
  @Order(3)
  void without_fallback_and_no_exit_in_the_country_the_request_fails_naming_it() throws Exception {
    Cli set = cli("exit-location", "--country-codes", "JP");
    assertThat(set.exit()).isEqualTo(1);
    assertThat(set.out()).contains("All requested countries are missing in Database: \"JP\"");

    Curl.Result socks =
        Curl.run(work.resolve("curl"), "--socks5-hostname", devnet.proxy(), site.url("/hello"));
    assertThat(socks.exitCode()).isNotZero();
    // SOCKS5 reply 2: connection not allowed by ruleset.
    assertThat(socks.stderr()).containsIgnoringCase("SOCKS5 connection").contains("(2)");

    Curl.Result http =
        Curl.run(work.resolve("curl"), "--proxy", "http://" + devnet.proxy(), site.url("/hello"));
    assertThat(http.bodyText())
        .contains("Error 503", "Exit Location Problem", "No exit is reachable in JP")
        .contains("exits are reachable in");

    Cli shown = cli("exit-location", "--show-countries");
    assertThat(shown.out()).contains("Following countries are missing in Database: [\"JP\"]");
  }

  @Test
  @Order(4)
  void two_countries_prefer_the_first_and_fall_back_to_the_second_when_its_exits_stop()
      throws Exception {
    List<String> countries = reachable("CZ", "DE", "FR");
    String first = countries.get(0);
    String second = countries.get(1);
    Cli set = cli("exit-location", "--country-codes", first + "|" + second);
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(fetchHello(2)).extracting(r -> countryOf(r.exit())).containsOnly(first);

    // The first country's Nodes that can be exits: the user's neighbors never are, and stay up.
    Set<Integer> neighbors = userNeighbors();
    for (int node : NODES_IN.get(first)) {
      if (!neighbors.contains(node)) {
        devnet.kill(node);
        stopped.add(node);
      }
    }
    // The user's Node hears of it by Gossip: the first country leaves the countries shown.
    assertThat(awaitShownCountries(Duration.ofSeconds(60))).doesNotContain(first);

    assertThat(fetchHello(2)).extracting(r -> countryOf(r.exit())).containsOnly(second);
  }

  /** The user's Node's full neighbors now, as {@code jmasq neighborhood-graph} draws them. */
  private Set<Integer> userNeighbors() throws Exception {
    Cli graph = cli("neighborhood-graph");
    assertThat(graph.exit()).as(graph.err()).isZero();
    String self = devnet.shortKey(1);
    Set<Integer> out = new TreeSet<>();
    for (String line : graph.out()) {
      Matcher m = FULL_LINK.matcher(line);
      if (m.find() && (m.group(1).equals(self) || m.group(2).equals(self))) {
        out.add(devnet.indexOf(m.group(1).equals(self) ? m.group(2) : m.group(1)));
      }
    }
    return out;
  }

  /** The countries of {@code preferred}, in that order, where a route can exit now. */
  private List<String> reachable(String... preferred) throws Exception {
    Set<String> now = reachableCountries();
    List<String> out = new ArrayList<>();
    for (String country : preferred) {
      if (now.contains(country)) {
        out.add(country);
      }
    }
    return out;
  }

  /** Countries with a running Node that is not the user's neighbor: where a route can exit. */
  private Set<String> reachableCountries() throws Exception {
    Set<Integer> neighbors = userNeighbors();
    Set<String> out = new TreeSet<>();
    NODES_IN.forEach(
        (country, nodes) -> {
          for (int node : nodes) {
            if (!neighbors.contains(node) && !stopped.contains(node)) {
              out.add(country);
            }
          }
        });
    return out;
  }

  private String countryOf(String shortKey) throws IOException {
    int node = devnet.indexOf(shortKey);
    return NODES_IN.entrySet().stream()
        .filter(e -> e.getValue().contains(node))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  /** Fetches /hello {@code times} through SOCKS, and returns the routes the new streams took. */
  private List<Devnet.LoggedRoute> fetchHello(int times) throws Exception {
    String target = LocalSite.HOST + ":" + site.web.port();
    int before = devnet.routes().size();
    for (int i = 0; i < times; i++) {
      Curl.Result result =
          Curl.run(work.resolve("curl"), "--socks5-hostname", devnet.proxy(), site.url("/hello"));
      assertThat(result.exitCode()).as(result.stderr() + devnet.diagnostics()).isZero();
      assertThat(result.bodyText()).isEqualTo(LocalSite.HELLO);
    }
    List<Devnet.LoggedRoute> all = devnet.routes();
    List<Devnet.LoggedRoute> fresh =
        all.subList(before, all.size()).stream().filter(r -> r.target().equals(target)).toList();
    assertThat(fresh).hasSizeGreaterThanOrEqualTo(times);
    return fresh;
  }

  private Map<Integer, Long> exitBytes() throws IOException {
    Map<Integer, Long> out = new HashMap<>();
    for (int node = 2; node <= NODES; node++) {
      out.put(node, devnet.trafficValue(node, "exit_bytes"));
    }
    return out;
  }

  /** Traffic lines come once a second from each Node: waits until these exits' show more. */
  private void awaitExitBytesGrow(Set<Integer> exits, Map<Integer, Long> before) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (exits.stream().mapToLong(n -> bytes(n) - before.get(n)).sum()
            < 3L * LocalSite.HELLO.length()
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(exits.stream().mapToLong(n -> bytes(n) - before.get(n)).sum())
        .as("bytes the exits read from the site")
        .isGreaterThanOrEqualTo(3L * LocalSite.HELLO.length());
  }

  private long bytes(int node) {
    try {
      return devnet.trafficValue(node, "exit_bytes");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Asks {@code exit-location --show-countries} until it lists exactly the countries where a route
   * can exit by the neighborhood graph, and returns them.
   */
  private Set<String> awaitShownCountries(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      Set<String> expected = reachableCountries();
      String line =
          "Countries available for exit-location: "
              + expected.stream().map(c -> "\"" + c + "\"").toList().toString();
      Cli shown = cli("exit-location", "--show-countries");
      if (shown.out().contains(line)) {
        return expected;
      }
      last = shown.out() + " (expected " + line + ")";
      Thread.sleep(500);
    }
    throw new AssertionError("exit-location --show-countries never agreed: " + last);
  }

  /** What one {@code jmasq} command printed. */
  record Cli(int exit, List<String> out, String err) {}

  private Cli cli(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--ui-port", Integer.toString(uiPort)));
    try (NodeProcess command =
        NodeProcess.start(work.resolve("cli-" + commands++), all.toArray(String[]::new))) {
      int exit = command.awaitExit(Duration.ofSeconds(30));
      return new Cli(exit, command.stdout(), command.stderr());
    }
  }
}
