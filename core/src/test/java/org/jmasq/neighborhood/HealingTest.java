package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.befriend;
import static org.jmasq.neighborhood.Scripts.keysOf;
import static org.jmasq.neighborhood.Scripts.only;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossip;
import org.jmasq.payload.Gossip;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/** Healing: re-debuts with back-off, spare contacts, and letting go to be taken from outside. */
class HealingTest {
  private final ManualClock clock = Fixtures.clock();
  private final Neighborhood node = Fixtures.node(1, clock);

  private static NodeDescriptor descriptor(ScriptedPeer p) {
    return new NodeDescriptor(Fixtures.CHAIN, p.key(), Optional.of(p.addr));
  }

  /** The Node's debuts (its record alone) among {@code effects}, by target key. */
  private List<PublicKey> debutTargets(List<NeighborhoodEffect> effects) {
    return only(SendGossip.class, effects).stream()
        .filter(s -> keysOf(s.gossip()).equals(List.of(node.key())))
        .map(SendGossip::to)
        .toList();
  }

  /** Every connection the Node tries fails: the Nodes it names are dead. */
  private void refuse(List<NeighborhoodEffect> effects) {
    for (SendGossip s : only(SendGossip.class, effects)) {
      node.tcpFailed(s.directAddr().orElseThrow().ip());
    }
  }

  /**
   * Makes the Node a member of the ring Node-A-C-D-E-B-Node (a 3-hop round trip exists: over A, C
   * to the exit D, back through E and B) and returns A and B, its full neighbors on the ring.
   */
  private List<ScriptedPeer> joinRing() {
    ScriptedPeer a = new ScriptedPeer(20);
    ScriptedPeer b = new ScriptedPeer(21);
    ScriptedPeer c = new ScriptedPeer(22);
    ScriptedPeer d = new ScriptedPeer(23);
    ScriptedPeer e = new ScriptedPeer(24);
    a.listing(c.key());
    c.listing(a.key(), d.key());
    d.listing(c.key(), e.key());
    e.listing(d.key(), b.key());
    b.listing(e.key());
    befriend(node, a);
    befriend(node, b);
    node.gossipReceived(
        a.source(), a.standard(c.record(false), d.record(false), e.record(false), b.record(false)));
    node.flush();
    assertThat(node.stage()).isEqualTo(ConnectionStage.ROUTE_FOUND);
    return List.of(a, b);
  }

  /** Ticks once a second for {@code seconds}; returns when (seconds from now) the Node debuted. */
  private List<Long> debutTimes(int seconds) {
    Instant from = clock.instant();
    List<Long> times = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      clock.advance(Duration.ofSeconds(1));
      List<NeighborhoodEffect> effects = node.tick();
      if (!debutTargets(effects).isEmpty()) {
        times.add(Duration.between(from, clock.instant()).toSeconds());
      }
      refuse(effects);
    }
    return times;
  }

  @Test
  void an_isolated_node_re_debuts_to_its_bootstrap_descriptors_and_past_neighbors_with_back_off() {
    ScriptedPeer boot1 = new ScriptedPeer(10);
    ScriptedPeer boot2 = new ScriptedPeer(11);
    refuse(node.start(List.of(descriptor(boot1), descriptor(boot2)), List.of()));
    List<ScriptedPeer> past = joinRing();
    clock.advance(Duration.ofMinutes(2));

    past.forEach(p -> node.neighborLost(p.key()));
    List<NeighborhoodEffect> atOnce = node.flush();

    assertThat(debutTargets(atOnce))
        .containsExactlyInAnyOrder(boot1.key(), boot2.key(), past.get(0).key(), past.get(1).key());
    refuse(atOnce);
    // Every contact is dead: retries 5, 10, 20 and 40 s apart, then once a minute.
    assertThat(debutTimes(200)).containsExactly(5L, 15L, 35L, 75L, 135L, 195L);
  }

  @Test
  void a_node_that_lost_its_neighbors_as_it_moved_debuts_again_at_once_from_the_new_address() {
    ScriptedPeer boot = new ScriptedPeer(10);
    refuse(node.start(List.of(descriptor(boot)), List.of()));
    List<ScriptedPeer> past = joinRing();
    clock.advance(Duration.ofMinutes(2));
    // Its router's public IP changes: the links break first, and the heal names the old address.
    past.forEach(p -> node.neighborLost(p.key()));
    assertThat(debutTargets(node.flush())).isNotEmpty();
    clock.advance(Duration.ofMillis(50));

    node.publicAddressChanged(Fixtures.addr(77));
    List<NeighborhoodEffect> effects = node.flush();

    List<SendGossip> debuts =
        only(SendGossip.class, effects).stream()
            .filter(s -> keysOf(s.gossip()).equals(List.of(node.key())))
            .toList();
    assertThat(debuts).extracting(SendGossip::to).contains(boot.key());
    assertThat(debuts)
        .allSatisfy(
            d -> assertThat(d.gossip().records().get(0).nodeAddr()).contains(Fixtures.addr(77)));
  }

  @Test
  void each_retry_tries_the_contacts_that_failed_least_so_every_contact_gets_its_turn() {
    node.start(List.of(), List.of());
    List<ScriptedPeer> past = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      past.add(new ScriptedPeer(30 + i));
      befriend(node, past.get(i));
      if (i >= 4) {
        // Beyond five neighbors the oldest yield; they stay contacts.
        node.neighborLost(past.get(i - 4).key());
      }
    }
    clock.advance(Duration.ofMinutes(2));
    past.subList(4, 8).forEach(p -> node.neighborLost(p.key()));

    List<NeighborhoodEffect> first = node.flush();
    refuse(first);
    clock.advance(Neighborhood.HEALING_RETRY_INTERVAL);
    List<NeighborhoodEffect> second = node.tick();

    assertThat(debutTargets(first)).hasSize(Healing.FANOUT);
    assertThat(debutTargets(second))
        .hasSize(Healing.FANOUT)
        .doesNotContainAnyElementsOf(debutTargets(first));
  }

  @Test
  void once_a_route_is_back_the_next_island_is_retried_after_the_first_retry_again() {
    node.start(List.of(), List.of());
    List<ScriptedPeer> ring = joinRing();
    clock.advance(Duration.ofMinutes(2));
    ring.forEach(p -> node.neighborLost(p.key()));
    refuse(node.flush());
    assertThat(debutTimes(40)).containsExactly(5L, 15L, 35L);

    ring.forEach(p -> befriend(node, p));
    assertThat(node.stage()).isEqualTo(ConnectionStage.ROUTE_FOUND);
    clock.advance(Duration.ofSeconds(20));
    ring.forEach(p -> node.neighborLost(p.key()));
    refuse(node.flush());

    assertThat(debutTimes(20)).containsExactly(5L, 15L);
  }

  @Test
  void a_healthy_node_asks_its_neighbors_for_spare_contacts_and_keeps_them_without_debuting() {
    node.start(List.of(), List.of());
    ScriptedPeer a = joinRing().get(0);
    befriend(node, new ScriptedPeer(25));
    clock.advance(Healing.FIRST_RETRY);

    List<SendGossip> requests = only(SendGossip.class, node.tick());

    assertThat(requests).hasSize(3).allSatisfy(s -> assertThat(s.gossip().records()).hasSize(1));
    ScriptedPeer introducee = new ScriptedPeer(40);
    List<NeighborhoodEffect> answer =
        node.gossipReceived(
            a.source(), new Gossip(List.of(a.record(true), introducee.record(true))));
    assertThat(debutTargets(answer)).isEmpty();
    assertThat(node.contacts()).contains(descriptor(introducee));
  }

  @Test
  void an_introduction_the_node_did_not_ask_for_is_still_followed_by_a_debut() {
    node.start(List.of(), List.of());
    ScriptedPeer a = joinRing().get(0);
    ScriptedPeer introducee = new ScriptedPeer(40);

    List<NeighborhoodEffect> answer =
        node.gossipReceived(
            a.source(), new Gossip(List.of(a.record(true), introducee.record(true))));

    assertThat(debutTargets(answer)).containsExactly(introducee.key());
  }

  @Test
  void a_node_that_gains_a_neighbor_by_re_debuting_after_its_join_attempt_failed_is_connected() {
    ScriptedPeer boot = new ScriptedPeer(10);
    refuse(node.start(List.of(descriptor(boot)), List.of()));
    assertThat(node.connectionProgress().get(0).step()).isEqualTo(ConnectionProgress.Step.FAILED);

    // The bootstrap Node came back, took the re-debut and debuts back, listing us.
    node.gossipReceived(boot.source(), boot.listing(node.key()).debut());

    assertThat(node.database().areFullNeighbors(node.key(), boot.key())).isTrue();
    assertThat(node.stage()).isEqualTo(ConnectionStage.CONNECTED_TO_NEIGHBOR);
  }

  @Test
  void a_full_node_with_no_route_lets_go_of_one_neighbor_so_that_a_node_outside_can_take_it() {
    node.start(List.of(), List.of());
    List<ScriptedPeer> clique = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clique.add(new ScriptedPeer(50 + i));
      befriend(node, clique.get(i));
    }
    assertThat(node.database().fullNeighbors(node.key())).hasSize(5);
    clock.advance(Healing.FIRST_RETRY);

    List<NeighborhoodEffect> effects = node.tick();

    assertThat(node.database().neighborsOf(node.key())).hasSize(4);
    assertThat(debutTargets(effects)).isEmpty();
    assertThat(only(SendGossip.class, node.flush()))
        .extracting(SendGossip::to)
        .containsExactlyInAnyOrderElementsOf(node.database().neighborsOf(node.key()));
  }
}
