package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import org.jmasq.crypto.PublicKey;
import org.jmasq.geo.CountryOf;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;
import org.jmasq.time.ManualClock;

/**
 * A few real Neighborhoods wired together in memory: what one sends is delivered in the next round,
 * and every receiver flushes after each round. Records every ban any Node decides, and the Gossip
 * delivered lately (what an attacker on the wire could replay). A test may also make Gossip arrive
 * from any source it likes ({@link #inject}).
 */
final class TestMesh {
  static final Duration ROUND = Duration.ofMillis(100);

  /** How many delivered Gossip messages {@link #delivered} keeps. */
  static final int KEPT = 200;

  /** A message for {@code to}, laid to {@code source} as its Hopper would (none: dropped). */
  private record Delivery(int to, Object message, Optional<GossipSource> source) {}

  final ManualClock clock = Fixtures.clock();
  final List<Neighborhood> nodes = new ArrayList<>();
  final List<Boolean> alive = new ArrayList<>();
  final List<NeighborhoodEffect.Disconnect> bans = new ArrayList<>();
  final Map<Integer, List<NodeDescriptor>> pastNeighbors = new HashMap<>();
  final ArrayDeque<Gossip> delivered = new ArrayDeque<>();
  private final Map<InetAddress, Integer> byIp = new HashMap<>();
  private final Map<PublicKey, Integer> byKey = new HashMap<>();
  private final Map<Integer, InetAddress> movedTo = new HashMap<>();
  private final SignatureVerifier verifier =
      SignatureVerifier.memoizing(SignatureVerifier.ed25519(Fixtures.CHAIN), 100_000);
  private ArrayDeque<Delivery> inFlight = new ArrayDeque<>();
  private final Set<Integer> dirty = new LinkedHashSet<>();
  private final int base;
  private final CountryOf countries;
  private final IntFunction<Optional<String>> claims;

  TestMesh(int base) {
    this(base, CountryOf.NONE, i -> Optional.of("DE"));
  }

  /**
   * A mesh whose Nodes hold records to {@code countries}, Node {@code i} claiming {@code
   * claims.apply(i)}.
   */
  TestMesh(int base, CountryOf countries, IntFunction<Optional<String>> claims) {
    this.base = base;
    this.countries = countries;
    this.claims = claims;
  }

  private NeighborhoodConfig config(int index) {
    NeighborhoodConfig c = Fixtures.standard(base + index);
    return new NeighborhoodConfig(
        c.earningWallet(),
        c.ratePack(),
        c.acceptsConnections(),
        c.routesData(),
        claims.apply(index),
        c.minHops(),
        c.initialVersion());
  }

  int add() {
    int index = nodes.size();
    int n = base + index;
    Neighborhood node =
        new Neighborhood(
            new LocalNode(Fixtures.keyPair(n), Fixtures.CHAIN, Optional.of(Fixtures.addr(n))),
            config(index),
            clock,
            new Random(n),
            verifier,
            countries);
    nodes.add(node);
    alive.add(true);
    byIp.put(Fixtures.ip(n), index);
    byKey.put(node.key(), index);
    return index;
  }

  NodeDescriptor descriptor(int index) {
    return new NodeDescriptor(
        Fixtures.CHAIN, nodes.get(index).key(), Optional.of(Fixtures.addr(base + index)));
  }

  void start(int index, List<NodeDescriptor> initial, List<NodeDescriptor> past) {
    carryOut(index, nodes.get(index).start(initial, past));
    dirty.add(index);
  }

  /** Joins {@code count} Nodes, each debuting to a random earlier one, settling after each. */
  void joinAll(int count, Random random) {
    for (int i = 0; i < count; i++) {
      int index = add();
      start(index, index == 0 ? List.of() : List.of(descriptor(random.nextInt(index))), List.of());
      settle(200);
    }
  }

  void round() {
    clock.advance(ROUND);
    ArrayDeque<Delivery> now = inFlight;
    inFlight = new ArrayDeque<>();
    for (Delivery d : now) {
      if (!alive.get(d.to()) || d.source().isEmpty()) {
        continue;
      }
      GossipSource source = d.source().get();
      Neighborhood to = nodes.get(d.to());
      if (d.message() instanceof Gossip g) {
        delivered.addLast(g);
        if (delivered.size() > KEPT) {
          delivered.removeFirst();
        }
      }
      carryOut(
          d.to(),
          d.message() instanceof Gossip g
              ? to.gossipReceived(source, g)
              : to.gossipFailureReceived(source, (GossipFailure) d.message()));
      dirty.add(d.to());
    }
    List<Integer> flushing = new ArrayList<>(dirty);
    dirty.clear();
    for (int i : flushing) {
      if (alive.get(i)) {
        carryOut(i, nodes.get(i).flush());
      }
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (alive.get(i)) {
        carryOut(i, nodes.get(i).tick());
      }
    }
  }

  /** Runs rounds until nothing is in flight (or {@code max} rounds); returns the rounds run. */
  int settle(int max) {
    int r = 0;
    while ((!inFlight.isEmpty() || !dirty.isEmpty()) && r < max) {
      round();
      r++;
    }
    return r;
  }

  void kill(int index) {
    alive.set(index, false);
    PublicKey dead = nodes.get(index).key();
    for (int i = 0; i < nodes.size(); i++) {
      if (alive.get(i)
          && (nodes.get(i).database().neighborsOf(nodes.get(i).key()).contains(dead)
              || nodes.get(index).database().neighborsOf(dead).contains(nodes.get(i).key()))) {
        carryOut(i, nodes.get(i).neighborLost(dead));
        dirty.add(i);
      }
    }
  }

  /** Replaces Node {@code index} by a fresh engine with the same key (a restart) and starts it. */
  List<NeighborhoodEffect> restart(int index, long initialVersion) {
    int n = base + index;
    Neighborhood fresh =
        new Neighborhood(
            new LocalNode(Fixtures.keyPair(n), Fixtures.CHAIN, Optional.of(Fixtures.addr(n))),
            config(index).withInitialVersion(initialVersion),
            clock,
            new Random(n),
            verifier,
            countries);
    nodes.set(index, fresh);
    alive.set(index, true);
    List<NeighborhoodEffect> effects =
        fresh.start(List.of(), pastNeighbors.getOrDefault(index, List.of()));
    carryOut(index, effects);
    return effects;
  }

  /** Node {@code index} as its links show it: its key, from its address. */
  GossipSource sourceOf(int index) {
    return new GossipSource(
        nodes.get(index).key(), new InetSocketAddress(ipOf(index), Fixtures.PORT));
  }

  private InetAddress ipOf(int index) {
    return movedTo.getOrDefault(index, Fixtures.ip(base + index));
  }

  /**
   * Node {@code index}'s public IP becomes {@code Fixtures.ip(n)}: from now on its links come from
   * there, it is reached there, and its Neighborhood is told.
   */
  void move(int index, int n) {
    byIp.remove(ipOf(index));
    movedTo.put(index, Fixtures.ip(n));
    byIp.put(Fixtures.ip(n), index);
    carryOut(index, nodes.get(index).publicAddressChanged(Fixtures.addr(n)));
    dirty.add(index);
  }

  /**
   * Makes {@code gossip} arrive at Node {@code to} in the next round, laid to {@code source} (none:
   * the Hopper dropped it before the Neighborhood saw it).
   */
  void inject(int to, Gossip gossip, Optional<GossipSource> source) {
    inFlight.add(new Delivery(to, gossip, source));
  }

  int degree(int index) {
    Neighborhood node = nodes.get(index);
    return node.database().fullNeighbors(node.key()).size();
  }

  private void carryOut(int from, List<NeighborhoodEffect> effects) {
    for (NeighborhoodEffect effect : effects) {
      switch (effect) {
        case NeighborhoodEffect.SendGossip s -> {
          Integer to = s.directAddr().map(a -> byIp.get(a.ip())).orElseGet(() -> byKey.get(s.to()));
          InetAddress ip = s.directAddr().map(NodeAddr::ip).orElse(to == null ? null : ipOf(to));
          if (to == null || !alive.get(to)) {
            if (ip != null) {
              carryOut(from, nodes.get(from).tcpFailed(ip));
              dirty.add(from);
            }
          } else {
            nodes.get(from).tcpConnected(ip);
            inFlight.add(new Delivery(to, s.gossip(), Optional.of(sourceOf(from))));
          }
        }
        case NeighborhoodEffect.SendGossipFailure f -> {
          Integer to = byIp.get(f.addr().ip());
          if (to != null) {
            inFlight.add(
                new Delivery(to, new GossipFailure(f.reason()), Optional.of(sourceOf(from))));
          }
        }
        case NeighborhoodEffect.Disconnect d -> bans.add(d);
        case NeighborhoodEffect.PastNeighborsChanged p -> pastNeighbors.put(from, p.neighbors());
        case NeighborhoodEffect.StageChanged c -> {}
        case NeighborhoodEffect.Shutdown s -> {}
        case NeighborhoodEffect.IpTaken t -> {}
      }
    }
  }
}
