package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jmasq.crypto.PublicKey;
import org.jmasq.geo.CountryOf;
import org.jmasq.payload.Gossip;

/**
 * Random networks in which every Node's record claims a country, held to one IP-to-country table
 * that all of them read: Nodes that lie about the country of their IP are refused and banned, and
 * Nodes that tell the truth never are, nor are Nodes whose IP the table does not know, whatever
 * they claim (an unknown in the table proves nothing).
 */
class CountryClaimPropertiesTest {
  private static final int BASE = 1200;
  private static final List<String> COUNTRIES = List.of("DE", "FR", "CZ", "US", "JP");

  /** What a Node claims, against what the table says of its IP. */
  private enum Kind {
    /** Its IP is in the table; it claims that country. */
    HONEST,
    /** Its IP is not in the table; it claims no country. */
    HONEST_UNKNOWN,
    /** Its IP is not in the table; it claims a country, which nobody can prove false. */
    UNPROVABLE,
    /** Its IP is in the table; it claims another country from the start. */
    LIAR_FROM_THE_START,
    /** Its IP is in the table; it joins claiming the truth, then gossips records that lie. */
    LIAR_LATER
  }

  @Property(tries = 10)
  void liars_about_their_country_are_banned_and_nobody_else_is(
      @ForAll @IntRange(min = 5, max = 12) int size, @ForAll long seed) {
    Random random = new Random(seed);
    List<Kind> kinds = new ArrayList<>();
    Map<InetAddress, String> table = new HashMap<>();
    for (int i = 0; i < size; i++) {
      // Node 0 is honest, so the first Nodes can always join through it.
      Kind kind = i == 0 ? Kind.HONEST : Kind.values()[random.nextInt(Kind.values().length)];
      kinds.add(kind);
      if (kind != Kind.HONEST_UNKNOWN && kind != Kind.UNPROVABLE) {
        table.put(Fixtures.ip(BASE + i), pick(random));
      }
    }
    CountryOf countries = ip -> table.getOrDefault(ip, CountryOf.UNKNOWN);
    Map<Integer, String> lies = new HashMap<>();
    TestMesh mesh =
        new TestMesh(
            BASE,
            countries,
            i ->
                switch (kinds.get(i)) {
                  case HONEST, LIAR_LATER -> Optional.of(table.get(Fixtures.ip(BASE + i)));
                  case HONEST_UNKNOWN -> Optional.empty();
                  case UNPROVABLE -> Optional.of(pick(random));
                  case LIAR_FROM_THE_START ->
                      Optional.of(lies.computeIfAbsent(i, k -> otherThan(table, k, random)));
                });
    mesh.joinAll(size, random);

    List<Integer> later = indexesOf(kinds, Kind.LIAR_LATER);
    for (int r = 0; r < 200; r++) {
      for (int liar : later) {
        if (random.nextInt(4) == 0) {
          lieStraight(mesh, liar, honestTarget(kinds, random), otherThan(table, liar, random));
        }
      }
      mesh.round();
    }

    List<Integer> liars = new ArrayList<>(later);
    liars.addAll(indexesOf(kinds, Kind.LIAR_FROM_THE_START));
    Set<PublicKey> liarKeys =
        liars.stream().map(i -> mesh.nodes.get(i).key()).collect(Collectors.toSet());
    assertThat(mesh.bans)
        .as("only liars are banned, and for their country")
        .allSatisfy(
            ban -> {
              assertThat(ban.key()).isIn(liarKeys);
              assertThat(ban.reason()).isEqualTo(BanReason.FALSE_COUNTRY);
            });
    assertThat(
            mesh.bans.stream().map(NeighborhoodEffect.Disconnect::key).collect(Collectors.toSet()))
        .as("every liar that gossiped is banned")
        .containsAll(
            liars.stream()
                .filter(i -> kinds.get(i) == Kind.LIAR_LATER || i > 0)
                .map(i -> mesh.nodes.get(i).key())
                .toList());
    for (int i = 0; i < size; i++) {
      if (liars.contains(i)) {
        continue;
      }
      for (NodeRecord held : mesh.nodes.get(i).database().records()) {
        held.inner()
            .countryCode()
            .ifPresent(
                claimed -> {
                  String actual = countries.countryOf(Fixtures.ip(indexOf(mesh, held.key())));
                  if (!actual.equals(CountryOf.UNKNOWN)) {
                    assertThat(claimed)
                        .as("a record a Node holds never contradicts its table")
                        .isEqualTo(actual);
                  }
                });
      }
    }
  }

  /** The liar's own record, a version up, claiming {@code country}, over its own link. */
  private static void lieStraight(TestMesh mesh, int liar, int target, String country) {
    NodeRecord root = mesh.nodes.get(liar).database().root();
    NodeRecordInner inner = root.inner();
    NodeRecordInner lie =
        new NodeRecordInner(
            inner.publicKey(),
            inner.earningWallet(),
            inner.ratePack(),
            inner.neighbors(),
            inner.acceptsConnections(),
            inner.routesData(),
            inner.version() + 1,
            Optional.of(country));
    Gossip gossip =
        new Gossip(
            List.of(
                new LocalNode(Fixtures.keyPair(BASE + liar), Fixtures.CHAIN, root.nodeAddr())
                    .sign(lie, Instant.EPOCH)
                    .toGossip(true)));
    mesh.inject(target, gossip, Optional.of(mesh.sourceOf(liar)));
  }

  private static int indexOf(TestMesh mesh, PublicKey key) {
    for (int i = 0; i < mesh.nodes.size(); i++) {
      if (mesh.nodes.get(i).key().equals(key)) {
        return BASE + i;
      }
    }
    throw new IllegalStateException("no Node " + key + " in the mesh");
  }

  private static String pick(Random random) {
    return COUNTRIES.get(random.nextInt(COUNTRIES.size()));
  }

  private static String otherThan(Map<InetAddress, String> table, int i, Random random) {
    String actual = table.get(Fixtures.ip(BASE + i));
    while (true) {
      String c = pick(random);
      if (!c.equals(actual)) {
        return c;
      }
    }
  }

  private static int honestTarget(List<Kind> kinds, Random random) {
    while (true) {
      int i = random.nextInt(kinds.size());
      if (kinds.get(i) == Kind.HONEST || kinds.get(i) == Kind.HONEST_UNKNOWN) {
        return i;
      }
    }
  }

  private static List<Integer> indexesOf(List<Kind> kinds, Kind kind) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      if (kinds.get(i) == kind) {
        out.add(i);
      }
    }
    return out;
  }
}
