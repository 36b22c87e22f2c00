package org.jmasq.cores;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.Envelope;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;

/**
 * What a Node on a route sees of the packages of the streams that share it (docs/PROTOCOL.md §9):
 * every package's block for it is a fresh encryption under the route's one session, so the streams
 * of one route are seen as one route and no more; and two routes over the very same Nodes (two
 * isolation groups, or one route and the one that replaced it) share no session, so no Node can
 * link them by their blocks.
 */
class SharedRoutePropertiesTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static List<PublicKey> keys(int count) {
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(NodeKeyPair.generate(RANDOM).publicKey());
    }
    return keys;
  }

  private static RoutePlan plan(List<PublicKey> over, List<PublicKey> back, long id)
      throws CryptoException {
    return RoutePlan.roundTrip(
        over,
        Component.PROXY_CLIENT,
        back,
        Component.PROXY_SERVER,
        k -> Optional.of(CoresArbitraries.payerFor(k)),
        id,
        RANDOM);
  }

  private static byte[] block(Route route, int index) {
    return route.block(index);
  }

  @Property(tries = 30)
  void packages_of_one_route_share_each_nodes_session_and_nothing_else(
      @ForAll @IntRange(min = 1, max = 5) int overRelays,
      @ForAll @IntRange(min = 1, max = 5) int backRelays,
      @ForAll @IntRange(min = 2, max = 6) int packages)
      throws CryptoException {
    List<PublicKey> nodes = keys(2 + overRelays + backRelays);
    List<List<PublicKey>> legs = CoresArbitraries.roundTripLegs(nodes, overRelays);
    List<PublicKey> over = legs.get(0);
    List<PublicKey> back = legs.get(1);
    RoutePlan shared = plan(over, back, 7);

    List<Route> sealed = new ArrayList<>();
    for (int i = 0; i < packages; i++) {
      sealed.add(shared.seal());
    }

    for (int b = 0; b < sealed.get(0).size(); b++) {
      Set<Envelope.SealerId> sessions = new HashSet<>();
      Set<Long> counters = new HashSet<>();
      Set<String> bodies = new HashSet<>();
      for (Route route : sealed) {
        Envelope.Position at = Envelope.positionOf(block(route, b), 0);
        sessions.add(at.sealer());
        counters.add(at.counter());
        byte[] bytes = block(route, b);
        bodies.add(
            Arrays.toString(Arrays.copyOfRange(bytes, Envelope.OVERHEAD - 16, bytes.length)));
      }
      assertThat(sessions).as("block %d: one session for the route", b).hasSize(1);
      assertThat(counters).as("block %d: a fresh nonce per package", b).hasSize(packages);
      assertThat(bodies).as("block %d: fresh ciphertext per package", b).hasSize(packages);
    }
  }

  @Property(tries = 30)
  void two_routes_over_the_same_nodes_share_no_session_at_any_node(
      @ForAll @IntRange(min = 1, max = 5) int overRelays,
      @ForAll @IntRange(min = 1, max = 5) int backRelays)
      throws CryptoException {
    List<PublicKey> nodes = keys(2 + overRelays + backRelays);
    List<PublicKey> over = new ArrayList<>(List.of(nodes.get(0)));
    over.addAll(nodes.subList(2, 2 + overRelays));
    over.add(nodes.get(1));
    List<PublicKey> back = new ArrayList<>(List.of(nodes.get(1)));
    back.addAll(nodes.subList(2 + overRelays, nodes.size()));
    back.add(nodes.get(0));

    Route one = plan(over, back, 1).seal();
    Route other = plan(over, back, 1).seal();

    for (int b = 0; b < one.size(); b++) {
      assertThat(Envelope.positionOf(block(one, b), 0).sealer())
          .as("block %d", b)
          .isNotEqualTo(Envelope.positionOf(block(other, b), 0).sealer());
      assertThat(Arrays.copyOf(block(one, b), 32))
          .as("block %d's ephemeral key", b)
          .isNotEqualTo(Arrays.copyOf(block(other, b), 32));
    }
  }
}
