package org.jmasq.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.GossipSource;
import org.jmasq.neighborhood.LocalNode;
import org.jmasq.neighborhood.Neighborhood;
import org.jmasq.neighborhood.NeighborhoodConfig;
import org.jmasq.neighborhood.NeighborhoodDriver;
import org.jmasq.neighborhood.NeighborhoodEffect;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.neighborhood.SignatureVerifier;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.time.ManualClock;

/**
 * An in-memory network of simulated Nodes. Every message sent during a round is delivered in the
 * next one (one round = {@link #ROUND} of simulated time). Each Node runs its engine through a
 * {@link NeighborhoodDriver}, as a real Node does: every delivered message (and every other input,
 * such as a connection's outcome) goes through the driver, and the end of a Node's deliveries in a
 * round is its mailbox draining. A message to a dead Node fails like a refused TCP connection.
 * Single-threaded and deterministic for a seed.
 */
final class SimNetwork {
  static final Duration ROUND = Duration.ofMillis(100);
  static final int PORT = 5333;
  static final Chain CHAIN = Chain.DEV;
  private static final String[] COUNTRIES = {"DE", "FR", "US", "NL", "SE", "JP", "BR", "CA"};

  private record Envelope(SimNode from, SimNode to, Object message) {}

  final ManualClock clock = new ManualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
  final List<SimNode> nodes = new ArrayList<>();
  final Random random;
  private final SecureRandom keyRandom;
  private final SignatureVerifier verifier =
      SignatureVerifier.memoizing(SignatureVerifier.ed25519(CHAIN), 400_000);
  private final Map<InetAddress, SimNode> byIp = new HashMap<>();
  private final Map<PublicKey, SimNode> byKey = new HashMap<>();
  private ArrayDeque<Envelope> inFlight = new ArrayDeque<>();
  private final BitSet dirty = new BitSet();
  long rounds;
  long messages;

  /** When set, every delivery is printed (for debugging a scenario). */
  java.io.PrintStream trace;

  /** Bans decided: (banner, banned IP). */
  final List<Map.Entry<SimNode, InetAddress>> bans = new ArrayList<>();

  SimNetwork(long seed) {
    this.random = new Random(seed);
    this.keyRandom = new SeededSecureRandom(seed ^ 0x5eed5eedL);
  }

  SimNode create(boolean malicious) {
    int index = nodes.size();
    NodeKeyPair keys = NodeKeyPair.generate(keyRandom);
    InetAddress ip = ipOf(index);
    NodeAddr addr = NodeAddr.of(ip, PORT);
    byte[] wallet = new byte[Wallet.LENGTH];
    random.nextBytes(wallet);
    long rate = 40_000 + random.nextInt(40_000);
    RatePack rates = new RatePack(rate, rate, rate * 2, rate * 2);
    NeighborhoodConfig config =
        NeighborhoodConfig.standard(
            Wallet.of(wallet), rates, Optional.of(COUNTRIES[random.nextInt(COUNTRIES.length)]));
    Neighborhood engine =
        new Neighborhood(
            new LocalNode(keys, CHAIN, Optional.of(addr)),
            config,
            clock,
            new Random(random.nextLong()),
            verifier);
    SimNode node = new SimNode(index, keys, addr, new NeighborhoodDriver(engine), malicious);
    nodes.add(node);
    byIp.put(ip, node);
    byKey.put(keys.publicKey(), node);
    return node;
  }

  static InetAddress ipOf(int index) {
    int n = index + 1;
    try {
      return InetAddress.getByAddress(
          new byte[] {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code node} starts, debuting to {@code bootstrap} (or to nobody: the first Node). */
  void join(SimNode node, Optional<SimNode> bootstrap) {
    node.joined = true;
    node.joinedAt = clock.instant();
    List<org.jmasq.identity.NodeDescriptor> initial =
        bootstrap.map(b -> List.of(b.descriptor(CHAIN))).orElse(List.of());
    input(node, node.driver.start(initial, List.of()));
  }

  /** Sends raw Gossip as {@code from}, bypassing its engine (the malicious Node's forgeries). */
  void inject(SimNode from, SimNode to, Gossip gossip) {
    count(from, gossip);
    inFlight.add(new Envelope(from, to, gossip));
  }

  boolean quiet() {
    return inFlight.isEmpty() && dirty.isEmpty();
  }

  /**
   * One round: deliver what was sent in the last one, then tell every Node that had an input that
   * its mailbox has drained.
   */
  void round() {
    rounds++;
    clock.advance(ROUND);
    ArrayDeque<Envelope> delivering = inFlight;
    inFlight = new ArrayDeque<>();
    for (Envelope e : delivering) {
      if (!e.to().alive) {
        continue;
      }
      GossipSource source =
          new GossipSource(e.from().key(), new InetSocketAddress(e.from().ip(), PORT));
      if (trace != null) {
        trace.println("  " + e.from().index + " -> " + e.to().index + ": " + describe(e.message()));
      }
      if (e.message() instanceof Gossip g) {
        input(e.to(), e.to().driver.gossipReceived(source, g));
      } else if (e.message() instanceof GossipFailure f) {
        input(e.to(), e.to().driver.gossipFailureReceived(source, f));
      }
    }
    // An input that a Node's drain sets off for itself (a refused connection) waits for its next
    // drain, as a real Node's would wait behind the task that is running.
    BitSet draining = (BitSet) dirty.clone();
    dirty.clear();
    for (int i = draining.nextSetBit(0); i >= 0; i = draining.nextSetBit(i + 1)) {
      SimNode node = nodes.get(i);
      if (node.alive) {
        carryOut(node, node.driver.mailboxDrained());
      }
    }
    if (rounds % 10 == 0) {
      for (SimNode node : nodes) {
        if (node.alive && node.joined) {
          carryOut(node, node.driver.tick());
        }
      }
    }
  }

  /** Kills {@code node}: its connections close, so every Node linked to it loses a neighbor. */
  void kill(SimNode node) {
    node.alive = false;
    for (SimNode other : nodes) {
      if (other.alive
          && other.joined
          && (other.driver.database().neighborsOf(other.key()).contains(node.key())
              || node.driver.database().neighborsOf(node.key()).contains(other.key()))) {
        input(other, other.driver.neighborLost(node.key()));
      }
    }
  }

  /**
   * {@code node} took an input: carry out its effects; its mailbox drains after this round's
   * deliveries (or the next round's, for an input during the drains).
   */
  private void input(SimNode node, List<NeighborhoodEffect> effects) {
    dirty.set(node.index);
    carryOut(node, effects);
  }

  private void carryOut(SimNode from, List<NeighborhoodEffect> effects) {
    for (NeighborhoodEffect effect : effects) {
      switch (effect) {
        case NeighborhoodEffect.SendGossip s -> {
          SimNode to = s.directAddr().map(a -> byIp.get(a.ip())).orElseGet(() -> byKey.get(s.to()));
          InetAddress ip =
              s.directAddr().map(NodeAddr::ip).orElseGet(() -> to == null ? null : to.ip());
          if (to == null || !to.alive) {
            if (ip != null) {
              input(from, from.driver.tcpFailed(ip));
            }
          } else {
            from.driver.tcpConnected(ip);
            count(from, s.gossip());
            inFlight.add(new Envelope(from, to, s.gossip()));
          }
        }
        case NeighborhoodEffect.SendGossipFailure f -> {
          SimNode to = byIp.get(f.addr().ip());
          if (to != null && to.alive) {
            from.messagesSent++;
            from.bytesSent += 1;
            messages++;
            inFlight.add(new Envelope(from, to, new GossipFailure(f.reason())));
          }
        }
        case NeighborhoodEffect.Disconnect d -> {
          bans.add(Map.entry(from, d.ip()));
          SimNode banned = byIp.get(d.ip());
          if (banned != null && banned.alive) {
            input(banned, banned.driver.neighborLost(from.key()));
          }
        }
        case NeighborhoodEffect.StageChanged c -> {
          if (c.to() == ConnectionStage.ROUTE_FOUND && from.routeFoundAt == null) {
            from.routeFoundAt = clock.instant();
          }
        }
        case NeighborhoodEffect.PastNeighborsChanged p -> from.pastNeighbors = p.neighbors();
        case NeighborhoodEffect.Shutdown s -> from.shutdown = true;
        case NeighborhoodEffect.IpTaken t -> {}
      }
    }
  }

  private void count(SimNode from, Gossip gossip) {
    long size = 2;
    for (GossipNodeRecord r : gossip.records()) {
      size +=
          2
              + r.signedData().length
              + GossipNodeRecord.SIGNATURE_LENGTH
              + 1
              + r.nodeAddr()
                  .map(a -> 2 + a.ip().getAddress().length + 2L * a.ports().size())
                  .orElse(0L);
    }
    from.messagesSent++;
    from.bytesSent += size;
    messages++;
  }

  private String describe(Object message) {
    if (message instanceof Gossip g) {
      StringBuilder sb = new StringBuilder("gossip[");
      for (GossipNodeRecord r : g.records()) {
        SimNode n =
            byKey.get(org.jmasq.neighborhood.NodeRecordInner.peekKey(r.signedData()).orElse(null));
        sb.append(n == null ? "?" : n.index)
            .append(r.nodeAddr().isPresent() ? "@" : "")
            .append(
                n == null ? "" : "(deg" + n.driver.database().fullNeighbors(n.key()).size() + ")")
            .append(' ');
      }
      return sb.append(']').toString();
    }
    return message.toString();
  }

  SimNode at(InetAddress ip) {
    return byIp.get(ip);
  }

  SimNode withKey(PublicKey key) {
    return byKey.get(key);
  }
}
