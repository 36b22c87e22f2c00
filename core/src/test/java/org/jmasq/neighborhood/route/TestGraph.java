package org.jmasq.neighborhood.route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.Fixtures;
import org.jmasq.neighborhood.RatePack;

/**
 * A hand-built neighborhood graph: Nodes are numbers, links are added in either or both directions.
 */
final class TestGraph implements RouteGraph {
  private final Map<Integer, PublicKey> keys = new HashMap<>();
  private final Map<PublicKey, Integer> numbers = new HashMap<>();
  private final Map<PublicKey, Set<PublicKey>> lists = new HashMap<>();
  private final Map<PublicKey, RatePack> rates = new HashMap<>();
  private final Map<PublicKey, String> countries = new HashMap<>();
  private final Set<PublicKey> relaysNothing = new HashSet<>();
  private final Map<PublicKey, Set<String>> unreachable = new HashMap<>();

  PublicKey key(int n) {
    return keys.computeIfAbsent(
        n,
        i -> {
          PublicKey k = Fixtures.keyPair(1000 + i).publicKey();
          numbers.put(k, i);
          lists.put(k, new HashSet<>());
          return k;
        });
  }

  int number(PublicKey k) {
    return numbers.get(k);
  }

  List<Integer> numbers(List<PublicKey> path) {
    return path.stream().map(this::number).toList();
  }

  /** Full links along a path of Nodes. */
  TestGraph chain(int... nodes) {
    for (int i = 0; i + 1 < nodes.length; i++) {
      full(nodes[i], nodes[i + 1]);
    }
    return this;
  }

  TestGraph full(int a, int b) {
    half(a, b);
    return half(b, a);
  }

  TestGraph half(int from, int to) {
    lists.get(key(from)).add(key(to));
    key(to);
    return this;
  }

  TestGraph rate(int n, long routing, long exit) {
    rates.put(key(n), new RatePack(routing, routing, exit, exit));
    return this;
  }

  TestGraph country(int n, String code) {
    countries.put(key(n), code);
    return this;
  }

  TestGraph noRouting(int n) {
    relaysNothing.add(key(n));
    return this;
  }

  TestGraph unreachable(int n, String host) {
    unreachable.computeIfAbsent(key(n), k -> new HashSet<>()).add(host);
    return this;
  }

  @Override
  public PublicKey origin() {
    return key(0);
  }

  @Override
  public List<PublicKey> fullNeighbors(PublicKey key) {
    List<PublicKey> out = new ArrayList<>();
    for (PublicKey n : lists.getOrDefault(key, Set.of())) {
      if (lists.get(n).contains(key)) {
        out.add(n);
      }
    }
    out.sort(null);
    return out;
  }

  @Override
  public Collection<PublicKey> listedNeighbors(PublicKey key) {
    return lists.getOrDefault(key, Set.of());
  }

  @Override
  public boolean lists(PublicKey a, PublicKey b) {
    return lists.getOrDefault(a, Set.of()).contains(b);
  }

  @Override
  public boolean routesData(PublicKey key) {
    return !relaysNothing.contains(key);
  }

  @Override
  public RatePack ratePack(PublicKey key) {
    return rates.getOrDefault(key, new RatePack(10, 10, 20, 20));
  }

  @Override
  public Optional<String> country(PublicKey key) {
    return Optional.ofNullable(countries.get(key));
  }

  @Override
  public boolean unreachable(PublicKey exit, String host) {
    return unreachable.getOrDefault(exit, Set.of()).contains(host);
  }
}
