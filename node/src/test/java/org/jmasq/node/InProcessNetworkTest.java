package org.jmasq.node;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.Fixtures;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.proxyserver.FakeClient;
import org.jmasq.node.proxyserver.StreamIsolation;
import org.jmasq.node.proxyserver.Target;
import org.jmasq.node.runtime.ManualRuntime;
import org.jmasq.payload.ProxyProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seven Nodes built by the real {@link NetworkAssembly} in one process, as {@code jmasq devnet}
 * starts them: six standard Nodes, each debuting to one already running, then the user's Node,
 * originate-only, joining last. Their links are {@link InMemoryLinks}, their exits reach an {@link
 * InMemoryOrigin}, and their clock is one {@link ManualRuntime} that the test moves a second at a
 * time: no socket, no sleep. Every package between the Nodes is a real CORES package, and the
 * Gossip, routes, payer proofs and streams are the Nodes' own.
 *
 * <p>Six standard Nodes, not five: an exit is never the originator's neighbor, and the user's Node
 * routes no data, so with five a standard Node that neighbors the other four and the user has no
 * exit left and never finds a route.
 */
@Timeout(60)
class InProcessNetworkTest {
  private static final int STANDARD_NODES = 6;
  private static final int MIN_HOPS = 3;
  private static final Duration IDLE = Duration.ofSeconds(10);
  private static final long DATA_SECONDS = 10;
  private static final int MOST_SECONDS_TO_CONVERGE = 120;

  /**
   * Seeds the Nodes' keys, wallets and Neighborhood choices, and which Node each debuts to: the
   * same seed makes the same Nodes, each started once the one before has settled. Which Gossip a
   * Node hears first within a second still depends on its threads, so a neighborship or two may
   * differ between runs; every network this seed was seen to make leaves the user's Node three hops
   * to another exit once its exit is cut off (each standard Node keeps three or more standard
   * neighbors, and the user's Node neighbors at most three of them).
   */
  private static final long SEED = 1;

  @TempDir Path root;

  private final ManualRuntime runtime = new ManualRuntime();
  private final InMemoryLinks links = new InMemoryLinks();
  private final InMemoryOrigin origin = new InMemoryOrigin(ip(250), 100_000, 7);
  private final SecureRandom wallets = Fixtures.seeded(SEED);
  private final Random introducers = new Random(SEED);
  private final List<AssembledNode> nodes = new ArrayList<>();
  private AssembledNode user;
  private int clientPort = 50_000;

  @BeforeEach
  void start() throws IOException, InterruptedException {
    for (int i = 1; i <= STANDARD_NODES; i++) {
      nodes.add(start(i, NeighborhoodMode.STANDARD));
      assertThat(runtime.awaitIdle(IDLE)).isTrue();
    }
    user = start(0, NeighborhoodMode.ORIGINATE_ONLY);
    nodes.add(user);
    assertThat(runtime.awaitIdle(IDLE)).isTrue();
  }

  @AfterEach
  void stop() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
    runtime.close();
  }

  @Test
  void gossip_converges_until_every_node_has_found_a_route_with_at_most_five_neighbors()
      throws InterruptedException {
    converge();

    for (AssembledNode node : nodes) {
      assertThat(node.stage()).as("%s's stage", node).isEqualTo(ConnectionStage.ROUTE_FOUND);
      assertThat(node.reportedStages()).as("%s's reported stages", node).isNotEmpty();
      assertThat(node.reportedStages().getLast()).isEqualTo(ConnectionStage.ROUTE_FOUND);
      assertThat(node.fullNeighbors())
          .as("%s's full neighbors", node)
          .isNotEmpty()
          .hasSizeLessThanOrEqualTo(5);
      assertThat(node.shutdownsRequested()).isEmpty();
    }
  }

  @Test
  void every_node_carries_its_addresss_country_and_nobody_is_banned_for_it()
      throws InterruptedException {
    converge();

    String graph = user.neighborhoodGraph();
    for (AssembledNode node : nodes) {
      int n = Integer.parseInt(node.name.substring("Node ".length()));
      String label = node.key().toString().substring(0, 8) + "\\n" + COUNTRIES.get(n % 3);
      assertThat(graph).as("%s in the user's graph", node).contains(label);
      assertThat(node.stage()).isEqualTo(ConnectionStage.ROUTE_FOUND);
      assertThat(node.bannedKeys()).as("whom %s bans", node).isEmpty();
    }
  }

  @Test
  void a_stream_crosses_at_least_three_hops_and_brings_the_origin_response_back_intact()
      throws Exception {
    converge();
    Map<AssembledNode, Long> servedBefore = exitStreams();
    int carriedBefore = links.carriedCount();

    FakeClient client = fetch();

    assertThat(client.closed.get(DATA_SECONDS, SECONDS)).isNull();
    assertThat(client.failure).isNotDone();
    assertThat(sha256(bodyOf(client.received()))).isEqualTo(sha256(origin.body()));
    AssembledNode exit = theExit(servedBefore);
    assertThat(exit).isNotSameAs(user);
    assertThat(user.fullNeighbors()).as("the user's neighbors").doesNotContain(exit.key());
    List<InMemoryLinks.Carried> stream =
        links.carried().subList(carriedBefore, links.carriedCount());
    // At least the hops asked for, and no more than a route's two legs: a package that never
    // reached the exit would count as unreachable, which is no number of hops.
    assertThat(fewestLinks(user.key(), exit.key(), stream))
        .as("links a package crossed from the user's Node to the exit, at the fewest")
        .isBetween(MIN_HOPS, 2 * MIN_HOPS + 1);
  }

  @Test
  void streams_of_one_identity_share_a_route_and_no_node_does_public_key_work_for_them_again()
      throws Exception {
    converge();
    Map<AssembledNode, Long> servedBefore = exitStreams();
    FakeClient first = fetch();
    assertThat(first.closed.get(DATA_SECONDS, SECONDS)).isNull();
    assertThat(sha256(bodyOf(first.received()))).isEqualTo(sha256(origin.body()));
    AssembledNode exit = theExit(servedBefore);
    Map<AssembledNode, Long> workAfterFirst = publicKeyWork();
    long exitStreamsAfterFirst = exit.exitStreams();

    List<FakeClient> more = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      more.add(fetch());
    }
    for (FakeClient client : more) {
      assertThat(client.closed.get(DATA_SECONDS, SECONDS)).isNull();
      assertThat(client.failure).isNotDone();
      assertThat(sha256(bodyOf(client.received()))).isEqualTo(sha256(origin.body()));
    }

    assertThat(exit.exitStreams())
        .as("the same exit served them")
        .isEqualTo(exitStreamsAfterFirst + 5);
    assertThat(publicKeyWork())
        .as("public-key work of each Node after five more streams on the first one's route")
        .isEqualTo(workAfterFirst);
    assertThat(user.proxyServer().sharedRoutes()).hasSize(1);
    assertThat(user.proxyServer().sharedRoutes().get(0)).endsWith(", 6 streams");
  }

  @Test
  void streams_of_different_identities_never_share_a_route() throws Exception {
    converge();
    StreamIsolation alice = StreamIsolation.of(bytes("alice"), bytes("one"));
    StreamIsolation bob = StreamIsolation.of(bytes("bob"), bytes("two"));
    FakeClient aliceFirst = fetch(alice);
    assertThat(aliceFirst.closed.get(DATA_SECONDS, SECONDS)).isNull();
    Map<AssembledNode, Long> workAfterAlice = publicKeyWork();
    long routesAfterAlice = user.proxyServer().routesBuilt();

    FakeClient bobs = fetch(bob);
    assertThat(bobs.closed.get(DATA_SECONDS, SECONDS)).isNull();
    assertThat(sha256(bodyOf(bobs.received()))).isEqualTo(sha256(origin.body()));
    assertThat(user.proxyServer().routesBuilt())
        .as("a route of bob's own")
        .isEqualTo(routesAfterAlice + 1);
    Map<AssembledNode, Long> workAfterBob = publicKeyWork();
    List<AssembledNode> opened =
        nodes.stream()
            .filter(n -> n != user && workAfterBob.get(n) > workAfterAlice.get(n))
            .toList();
    assertThat(opened)
        .as("Nodes that did public-key work for bob's route: its relays and its exit")
        .hasSizeGreaterThanOrEqualTo(MIN_HOPS);

    FakeClient aliceAgain = fetch(alice);
    assertThat(aliceAgain.closed.get(DATA_SECONDS, SECONDS)).isNull();
    assertThat(user.proxyServer().routesBuilt())
        .as("alice's route again")
        .isEqualTo(routesAfterAlice + 1);
    assertThat(publicKeyWork()).isEqualTo(workAfterBob);
    List<String> routes = user.proxyServer().sharedRoutes();
    assertThat(routes).hasSize(2);
    assertThat(routes)
        .anySatisfy(r -> assertThat(r).contains("isolation " + alice).endsWith(", 2 streams"));
    assertThat(routes)
        .anySatisfy(r -> assertThat(r).contains("isolation " + bob).endsWith(", 1 streams"));
  }

  @Test
  void a_node_cut_off_ends_the_stream_it_served_and_the_next_stream_goes_around_it()
      throws Exception {
    converge();
    Map<AssembledNode, Long> servedBefore = exitStreams();
    FakeClient echoing = new FakeClient(clientPort++);
    byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
    user.proxyServer()
        .open(
            echoing, new Target(origin.host(), InMemoryOrigin.ECHO_PORT, ProxyProtocol.TLS), ping);
    echoing.connected.get(DATA_SECONDS, SECONDS);
    assertThat(echoing.awaitReceived(ping.length, Duration.ofSeconds(DATA_SECONDS))).isTrue();
    AssembledNode lost = theExit(servedBefore);

    links.cutOff(lost.key());
    for (AssembledNode node : nodes) {
      assertThat(links.linked(node.key(), lost.key())).isFalse();
    }
    for (int second = 0; second < 30 && !echoing.closed.isDone(); second++) {
      runtime.advanceInSteps(Duration.ofSeconds(1), 1);
    }
    assertThat(echoing.closed).as("the stream through the lost exit has ended").isDone();
    assertThat(echoing.received()).isEqualTo(ping);

    for (int second = 0;
        second < MOST_SECONDS_TO_CONVERGE && user.stage() != ConnectionStage.ROUTE_FOUND;
        second++) {
      runtime.advanceInSteps(Duration.ofSeconds(1), 1);
    }
    long lostServed = lost.exitStreams();
    servedBefore = exitStreams();
    FakeClient client = fetch();

    assertThat(client.closed.get(DATA_SECONDS, SECONDS)).isNull();
    assertThat(client.failure).isNotDone();
    assertThat(sha256(bodyOf(client.received()))).isEqualTo(sha256(origin.body()));
    assertThat(theExit(servedBefore)).isNotSameAs(lost);
    assertThat(lost.exitStreams()).isEqualTo(lostServed);
  }

  /** Starts Node {@code index} on 127.0.0.(index + 2), debuting to a random Node already up. */
  private AssembledNode start(int index, NeighborhoodMode mode) throws IOException {
    List<NodeDescriptor> introducer =
        nodes.isEmpty()
            ? List.of()
            : List.of(nodes.get(introducers.nextInt(nodes.size())).descriptor());
    NodeConfig config =
        new NodeConfig(
            mode,
            Chain.DEV,
            root.resolve("node-" + (index + 1)),
            0,
            List.of(),
            // The origin is on a loopback address: nothing can reach it but this test's exits.
            true,
            MIN_HOPS,
            introducer,
            Optional.of(ip(index + 2)),
            0,
            Duration.ofSeconds(5),
            new AccountantConfig(
                Optional.of(walletKey()),
                Optional.of(walletKey().wallet()),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                // No chain: no scans run.
                Optional.empty(),
                Optional.empty()));
    config = config.withIpCountryTable(Optional.of(countryTable()));
    NetworkAssembly.Outside outside =
        new NetworkAssembly.Outside(links, origin, AssembledNode.NO_ENTRY, randomness(index));
    return new AssembledNode("Node " + (index + 1), config, runtime, outside);
  }

  /** Node N (127.0.0.N+1) is in COUNTRIES[N % 3], as devnet --countries DE,FR,CZ makes it. */
  private static final List<String> COUNTRIES = List.of("DE", "FR", "CZ");

  /** The test IP-to-country table every Node reads. */
  private Path countryTable() throws IOException {
    Path table = root.resolve("ip-countries.txt");
    if (!Files.exists(table)) {
      StringBuilder lines = new StringBuilder();
      for (int index = 0; index <= STANDARD_NODES; index++) {
        lines.append(ip(index + 2).getHostAddress()).append("/32 ");
        lines.append(COUNTRIES.get((index + 1) % COUNTRIES.size())).append('\n');
      }
      Files.createDirectories(root);
      Files.writeString(table, lines);
    }
    return table;
  }

  /**
   * Node {@code index}'s randomness: each SecureRandom it asks for is seeded from its own seeds.
   */
  private static Supplier<SecureRandom> randomness(int index) {
    SplittableRandom seeds = new SplittableRandom(SEED * 1_000 + index);
    return () -> Fixtures.seeded(seeds.nextLong());
  }

  private WalletKey walletKey() {
    byte[] secret = new byte[32];
    wallets.nextBytes(secret);
    secret[0] &= 0x7f; // below the curve order
    secret[31] |= 1; // not zero
    return WalletKey.of(secret);
  }

  private static InetAddress ip(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    } catch (IOException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  /** Moves the clock a second at a time until every Node has found a route. */
  private void converge() throws InterruptedException {
    for (int second = 0; second < MOST_SECONDS_TO_CONVERGE && !allRouteFound(); second++) {
      runtime.advanceInSteps(Duration.ofSeconds(1), 1);
    }
    assertThat(runtime.awaitIdle(IDLE)).isTrue();
    assertThat(nodes)
        .as(this::describe)
        .allSatisfy(n -> assertThat(n.stage()).isEqualTo(ConnectionStage.ROUTE_FOUND));
  }

  /** Each Node's stage and full neighbors, to show why a network did not converge. */
  private String describe() {
    Map<PublicKey, String> names = new HashMap<>();
    nodes.forEach(n -> names.put(n.key(), n.name));
    StringBuilder out = new StringBuilder();
    for (AssembledNode n : nodes) {
      out.append(n)
          .append(": ")
          .append(n.stage())
          .append(", neighbors ")
          .append(n.fullNeighbors().stream().map(names::get).sorted().toList())
          .append('\n');
    }
    return out.toString();
  }

  private boolean allRouteFound() {
    return nodes.stream().allMatch(n -> n.stage() == ConnectionStage.ROUTE_FOUND);
  }

  /** A client of the user's Node that asks the origin for its page over HTTP. */
  private FakeClient fetch() {
    return fetch(StreamIsolation.NONE);
  }

  /** The same, from a client that gave credentials naming {@code isolation}. */
  private FakeClient fetch(StreamIsolation isolation) {
    FakeClient client = new FakeClient(clientPort++, isolation);
    byte[] request =
        ("GET / HTTP/1.1\r\nHost: " + origin.host() + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    user.proxyServer()
        .open(
            client,
            new Target(origin.host(), InMemoryOrigin.HTTP_PORT, ProxyProtocol.HTTP),
            request);
    return client;
  }

  private Map<AssembledNode, Long> publicKeyWork() {
    Map<AssembledNode, Long> work = new HashMap<>();
    nodes.forEach(n -> work.put(n, n.publicKeyWork()));
    return work;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private Map<AssembledNode, Long> exitStreams() {
    Map<AssembledNode, Long> served = new HashMap<>();
    nodes.forEach(n -> served.put(n, n.exitStreams()));
    return served;
  }

  /** The one Node that has served a stream as an exit since {@code before}. */
  private AssembledNode theExit(Map<AssembledNode, Long> before) {
    List<AssembledNode> exits =
        nodes.stream().filter(n -> n.exitStreams() > before.get(n)).toList();
    assertThat(exits).as("Nodes that served as the exit").hasSize(1);
    return exits.get(0);
  }

  /**
   * The fewest links a package can have crossed from {@code from} to {@code to}, following only the
   * links that carried a package in {@code carried}, each in the direction it was carried; {@link
   * Integer#MAX_VALUE} when {@code to} cannot be reached that way.
   */
  private static int fewestLinks(
      PublicKey from, PublicKey to, List<InMemoryLinks.Carried> carried) {
    Map<PublicKey, Set<PublicKey>> next = new HashMap<>();
    carried.forEach(c -> next.computeIfAbsent(c.from(), k -> new HashSet<>()).add(c.to()));
    Map<PublicKey, Integer> distance = new HashMap<>(Map.of(from, 0));
    Deque<PublicKey> queue = new ArrayDeque<>(List.of(from));
    while (!queue.isEmpty()) {
      PublicKey at = queue.poll();
      for (PublicKey n : next.getOrDefault(at, Set.of())) {
        if (distance.putIfAbsent(n, distance.get(at) + 1) == null) {
          queue.add(n);
        }
      }
    }
    return distance.getOrDefault(to, Integer.MAX_VALUE);
  }

  /** The body of an HTTP response: what follows the blank line after the head. */
  private static byte[] bodyOf(byte[] response) {
    String text = new String(response, StandardCharsets.ISO_8859_1);
    int blank = text.indexOf("\r\n\r\n");
    assertThat(blank).as("the end of the response head").isPositive();
    assertThat(text).startsWith("HTTP/1.1 200 OK\r\n");
    return Arrays.copyOfRange(response, blank + 4, response.length);
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
