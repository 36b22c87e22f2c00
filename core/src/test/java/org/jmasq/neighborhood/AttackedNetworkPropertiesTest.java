package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.Route;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;

/**
 * Random honest networks with attackers among them: whatever the attackers send (forged records,
 * straight or through relays, on routes of any length; honest Gossip replayed; other Nodes' records
 * at the attacker's address; their own records re-signed with other rates; floods of validly signed
 * records of Nodes nobody knows), no honest Node is ever banned, and nobody has more than five full
 * neighbors.
 *
 * <p>The attackers run the real Neighborhood too, so they join and become neighbors as honest Nodes
 * do, and attack from there. Gossip through relays is decided as the Hoppers decide it: the first
 * relay refuses a route shorter than {@link Route#MIN_RELAYED_BLOCKS}, and what arrives is laid to
 * a sender only by {@link GossipSource#of}, from the last relay's link and the route's length.
 */
class AttackedNetworkPropertiesTest {
  /** The mesh's Node {@code i} has the fixtures' key and address {@code BASE + i}. */
  private static final int BASE = 700;

  private enum Attack {
    FORGED,
    FORGED_THROUGH_A_RELAY,
    REPLAYED,
    REPLAYED_THROUGH_A_RELAY,
    SOMEONE_ELSES_RECORD_AT_OUR_ADDRESS,
    OWN_RECORD_WITH_OTHER_RATES,
    FLOOD
  }

  @Property(tries = 10)
  void no_honest_node_is_ever_banned_whatever_the_attackers_send(
      @ForAll @IntRange(min = 4, max = 12) int honest,
      @ForAll @IntRange(min = 1, max = 3) int attackers,
      @ForAll long seed) {
    Random random = new Random(seed);
    TestMesh mesh = new TestMesh(BASE);
    mesh.joinAll(honest + attackers, random);
    List<Integer> bad = new ArrayList<>();
    while (bad.size() < attackers) {
      int i = 1 + random.nextInt(mesh.nodes.size() - 1);
      if (!bad.contains(i)) {
        bad.add(i);
      }
    }
    List<GossipNodeRecord> sybils = sybils(random);

    for (int r = 0; r < 400; r++) {
      for (int attacker : bad) {
        if (random.nextInt(3) == 0) {
          attack(mesh, attacker, bad, sybils, random);
        }
      }
      mesh.round();
      for (int i = 0; i < mesh.nodes.size(); i++) {
        assertThat(mesh.degree(i)).isLessThanOrEqualTo(5);
      }
    }

    Set<PublicKey> attackerKeys =
        bad.stream().map(i -> mesh.nodes.get(i).key()).collect(Collectors.toSet());
    assertThat(mesh.bans)
        .as("the attackers' forgeries sent over their own links are caught")
        .isNotEmpty()
        .allSatisfy(
            ban -> {
              assertThat(ban.key()).as("banned for %s", ban.reason()).isIn(attackerKeys);
              assertThat(ban.ip()).isIn(bad.stream().map(i -> mesh.sourceOf(i).ip()).toList());
            });
  }

  private static void attack(
      TestMesh mesh,
      int attacker,
      List<Integer> bad,
      List<GossipNodeRecord> sybils,
      Random random) {
    int target = honestOtherThan(mesh, bad, -1, random);
    int relay = honestOtherThan(mesh, bad, target, random);
    GossipNodeRecord own = mesh.nodes.get(attacker).database().root().toGossip(true);
    Attack kind = Attack.values()[random.nextInt(Attack.values().length)];
    switch (kind) {
      case FORGED ->
          straight(mesh, attacker, target, new Gossip(List.of(own, forgedCopy(mesh, relay))));
      case FORGED_THROUGH_A_RELAY ->
          throughRelay(mesh, relay, target, new Gossip(List.of(forgedCopy(mesh, relay))), random);
      case REPLAYED -> {
        if (!mesh.delivered.isEmpty()) {
          straight(mesh, attacker, target, pick(mesh.delivered, random));
        }
      }
      case REPLAYED_THROUGH_A_RELAY -> {
        if (!mesh.delivered.isEmpty()) {
          throughRelay(mesh, relay, target, pick(mesh.delivered, random), random);
        }
      }
      case SOMEONE_ELSES_RECORD_AT_OUR_ADDRESS -> {
        GossipNodeRecord theirs = mesh.nodes.get(relay).database().root().toGossip(false);
        GossipNodeRecord atUs =
            new GossipNodeRecord(
                theirs.signedData(),
                theirs.signature(),
                Optional.of(NodeAddr.of(mesh.sourceOf(attacker).ip(), Fixtures.PORT)));
        straight(mesh, attacker, target, new Gossip(List.of(atUs)));
      }
      case OWN_RECORD_WITH_OTHER_RATES ->
          straight(mesh, attacker, target, new Gossip(List.of(resigned(mesh, attacker, random))));
      case FLOOD -> {
        for (int i = 0; i < 5; i++) {
          List<GossipNodeRecord> all = new ArrayList<>(List.of(own));
          all.addAll(sybils);
          straight(mesh, attacker, honestOtherThan(mesh, bad, -1, random), new Gossip(all));
        }
      }
    }
  }

  /** The attacker sends {@code gossip} over its own link, in a one-hop route. */
  private static void straight(TestMesh mesh, int attacker, int target, Gossip gossip) {
    mesh.inject(target, gossip, arrival(mesh.sourceOf(attacker), Route.ONE_HOP_BLOCKS));
  }

  /**
   * The attacker routes {@code gossip} through the honest {@code relay}, in a route of any length
   * it likes: the relay passes it on only if it is long enough, and it arrives over the relay's
   * link.
   */
  private static void throughRelay(
      TestMesh mesh, int relay, int target, Gossip gossip, Random random) {
    int blocks = 1 + random.nextInt(5);
    if (blocks < Route.MIN_RELAYED_BLOCKS) {
      return;
    }
    mesh.inject(target, gossip, arrival(mesh.sourceOf(relay), blocks));
  }

  /** Whom the target's Hopper and Neighborhood lay a package to. */
  private static Optional<GossipSource> arrival(GossipSource link, int routeBlocks) {
    List<byte[]> blocks = new ArrayList<>();
    for (int i = 0; i < routeBlocks; i++) {
      blocks.add(new byte[Route.BLOCK_LENGTH]);
    }
    InetSocketAddress from = link.address();
    return GossipSource.of(
        new ExpiredCoresPackage<>(
            from,
            Optional.empty(),
            new Route(blocks),
            new Gossip(List.of()),
            0,
            Optional.of(link.key())));
  }

  /** An honest Node's own record, altered under its real signature. */
  private static GossipNodeRecord forgedCopy(TestMesh mesh, int owner) {
    NodeRecord victim = mesh.nodes.get(owner).database().root();
    NodeRecordInner inner = victim.inner();
    NodeRecordInner altered =
        new NodeRecordInner(
            inner.publicKey(),
            inner.earningWallet(),
            RatePack.ZERO,
            inner.neighbors(),
            inner.acceptsConnections(),
            inner.routesData(),
            inner.version() + 1,
            inner.countryCode());
    return new GossipNodeRecord(altered.encode(), victim.signature(), Optional.empty());
  }

  /** The attacker's own record under a higher version with other rates, validly signed. */
  private static GossipNodeRecord resigned(TestMesh mesh, int attacker, Random random) {
    NodeRecord root = mesh.nodes.get(attacker).database().root();
    NodeRecordInner inner = root.inner();
    long rate = 1 + random.nextInt(1000);
    NodeRecordInner other =
        new NodeRecordInner(
            inner.publicKey(),
            inner.earningWallet(),
            new RatePack(rate, rate, rate, rate),
            inner.neighbors(),
            inner.acceptsConnections(),
            inner.routesData(),
            inner.version() + 1 + random.nextInt(3),
            inner.countryCode());
    return new LocalNode(Fixtures.keyPair(BASE + attacker), Fixtures.CHAIN, root.nodeAddr())
        .sign(other, Instant.EPOCH)
        .toGossip(true);
  }

  /** Validly signed records of thirty Nodes nobody knows, listing one another at random. */
  private static List<GossipNodeRecord> sybils(Random random) {
    List<ScriptedPeer> peers = new ArrayList<>();
    for (int n = 900; n < 930; n++) {
      peers.add(new ScriptedPeer(n));
    }
    List<GossipNodeRecord> records = new ArrayList<>();
    for (ScriptedPeer p : peers) {
      TreeSet<PublicKey> listed = new TreeSet<>();
      for (int i = 0; i < 5; i++) {
        ScriptedPeer other = peers.get(random.nextInt(peers.size()));
        if (other != p) {
          listed.add(other.key());
        }
      }
      records.add(p.listing(listed.toArray(PublicKey[]::new)).record(false));
    }
    return records;
  }

  private static int honestOtherThan(TestMesh mesh, List<Integer> bad, int not, Random random) {
    while (true) {
      int i = random.nextInt(mesh.nodes.size());
      if (!bad.contains(i) && i != not) {
        return i;
      }
    }
  }

  private static Gossip pick(java.util.Collection<Gossip> from, Random random) {
    return new ArrayList<>(from).get(random.nextInt(from.size()));
  }
}
