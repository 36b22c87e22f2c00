package org.jmasq.bench;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.DatabaseRouteGraph;
import org.jmasq.neighborhood.LocalNode;
import org.jmasq.neighborhood.NeighborhoodDatabase;
import org.jmasq.neighborhood.NodeRecordInner;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.neighborhood.route.RoundTripRoute;
import org.jmasq.neighborhood.route.RouteFinder;
import org.jmasq.neighborhood.route.RouteQuery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Route queries against one NeighborhoodDatabase holding 10,000 signed Node records, every Node
 * with up to five full neighbors chosen at random (a far larger and denser view than the 3-hop
 * patch a real Node keeps). Sample mode, so JMH reports p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouteQueryBenchmark {
  private static final String[] COUNTRIES = {"DE", "FR", "US", "NL", "SE", "JP", "BR", "CA"};

  @Param("10000")
  int nodes;

  @Param({"3", "6"})
  int minHops;

  private DatabaseRouteGraph graph;
  private final RouteFinder finder = new RouteFinder();
  private RouteQuery plain;
  private RouteQuery exitInJapanOnly;

  @Setup
  public void build() {
    SplittableRandom bytes = new SplittableRandom(42);
    SecureRandom keyRandom =
        new SecureRandom(new byte[0]) {
          @Override
          public void nextBytes(byte[] out) {
            bytes.nextBytes(out);
          }
        };
    Random random = new Random(7);
    List<NodeKeyPair> keys = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      keys.add(NodeKeyPair.generate(keyRandom));
    }
    Map<Integer, TreeSet<PublicKey>> links = new HashMap<>();
    for (int i = 0; i < nodes; i++) {
      links.put(i, new TreeSet<>());
    }
    for (int i = 0; i < nodes; i++) {
      for (int attempt = 0; attempt < 20 && links.get(i).size() < 5; attempt++) {
        int j = random.nextInt(nodes);
        if (j != i && links.get(j).size() < 5) {
          links.get(i).add(keys.get(j).publicKey());
          links.get(j).add(keys.get(i).publicKey());
        }
      }
    }
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    NeighborhoodDatabase db = null;
    for (int i = 0; i < nodes; i++) {
      NodeAddr addr = NodeAddr.of(ip(i), 5333);
      LocalNode local = new LocalNode(keys.get(i), Chain.DEV, Optional.of(addr));
      long rate = 40_000 + random.nextInt(40_000);
      NodeRecordInner inner =
          new NodeRecordInner(
              keys.get(i).publicKey(),
              Wallet.of(new byte[20]),
              new RatePack(rate, rate, 2 * rate, 2 * rate),
              links.get(i),
              true,
              true,
              1,
              Optional.of(COUNTRIES[random.nextInt(COUNTRIES.length)]));
      if (i == 0) {
        db = new NeighborhoodDatabase(local, inner.withNeighbors(new TreeSet<>()), now);
        for (PublicKey k : links.get(0)) {
          db.addRootNeighbor(k);
        }
      } else {
        db.add(local.sign(inner, now));
      }
    }
    graph = new DatabaseRouteGraph(db, Map.of(keys.get(1).publicKey(), Set.of("example.com")));
    plain = new RouteQuery(minHops, 1_000, Optional.of("example.com"), ExitPreferences.NONE);
    exitInJapanOnly =
        new RouteQuery(
            minHops, 1_000, Optional.empty(), new ExitPreferences(List.of(List.of("JP")), false));
    if (finder.find(graph, plain).isEmpty()) {
      throw new IllegalStateException("the benchmark graph has no route");
    }
  }

  private static java.net.InetAddress ip(int i) {
    int n = i + 1;
    try {
      return java.net.InetAddress.getByAddress(
          new byte[] {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public Optional<RoundTripRoute> routeQuery() {
    return finder.find(graph, plain);
  }

  @Benchmark
  public Optional<RoundTripRoute> routeQueryWithExitCountryWithoutFallback() {
    return finder.find(graph, exitInJapanOnly);
  }
}
