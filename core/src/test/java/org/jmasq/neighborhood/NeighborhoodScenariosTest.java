package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.befriend;
import static org.jmasq.neighborhood.Scripts.keysOf;
import static org.jmasq.neighborhood.Scripts.only;

import java.util.List;
import java.util.Random;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossip;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossipFailure;
import org.jmasq.payload.GossipFailure;
import org.junit.jupiter.api.Test;

/** Part 2 §11 scenarios (graph connectivity, neighbor selection, connection progress). */
class NeighborhoodScenariosTest {

  @Test
  void after_joining_every_node_has_two_to_five_neighbors_and_a_route() {
    TestMesh mesh = new TestMesh(100);
    mesh.joinAll(12, new Random(3));
    for (int r = 0; r < 700; r++) {
      mesh.round();
    }

    for (int i = 0; i < mesh.nodes.size(); i++) {
      assertThat(mesh.degree(i))
          .as(
              "degree of Node %d (contacts %s, listed %s, progress %s)",
              i,
              mesh.nodes.get(i).contacts(),
              mesh.nodes.get(i).database().neighborsOf(mesh.nodes.get(i).key()),
              mesh.nodes.get(i).connectionProgress())
          .isBetween(2, 5);
      assertThat(mesh.nodes.get(i).stage())
          .as("stage of Node %d", i)
          .isEqualTo(ConnectionStage.ROUTE_FOUND);
    }
    assertThat(mesh.bans).isEmpty();
  }

  @Test
  void a_debut_to_the_last_node_of_a_small_network_yields_an_introduction() {
    TestMesh mesh = new TestMesh(200);
    mesh.joinAll(4, new Random(1));
    ScriptedPeer newcomer = new ScriptedPeer(299);
    Neighborhood last = mesh.nodes.get(3);

    List<SendGossip> answer =
        only(SendGossip.class, last.gossipReceived(newcomer.source(), newcomer.debut()));

    assertThat(answer)
        .singleElement()
        .satisfies(s -> assertThat(keysOf(s.gossip())).hasSize(2).startsWith(last.key()));
  }

  @Test
  void a_debut_to_a_full_node_is_passed_on() {
    Neighborhood full = Fixtures.node(1, Fixtures.clock());
    for (int i = 0; i < 5; i++) {
      befriend(full, new ScriptedPeer(10 + i));
    }
    ScriptedPeer debutant = new ScriptedPeer(2);

    List<SendGossip> answer =
        only(SendGossip.class, full.gossipReceived(debutant.source(), debutant.debut()));

    assertThat(answer)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.gossip().records()).hasSize(1);
              assertThat(s.gossip().records().get(0).nodeAddr()).isPresent();
              assertThat(keysOf(s.gossip())).doesNotContain(full.key());
            });
  }

  @Test
  void
      a_debut_from_a_node_that_already_knows_all_of_the_targets_neighbors_gets_no_suitable_neighbors() {
    Neighborhood target = Fixtures.node(1, Fixtures.clock());
    ScriptedPeer debutant = new ScriptedPeer(2);
    for (int i = 0; i < 5; i++) {
      ScriptedPeer friend = new ScriptedPeer(10 + i);
      befriend(target, friend);
      debutant.listing(friend.key());
    }

    List<SendGossipFailure> answer =
        only(SendGossipFailure.class, target.gossipReceived(debutant.source(), debutant.debut()));

    assertThat(answer)
        .singleElement()
        .extracting(SendGossipFailure::reason)
        .isEqualTo(GossipFailure.Reason.NO_SUITABLE_NEIGHBORS);
  }

  @Test
  void
      a_debut_from_a_node_that_knows_the_targets_neighbors_is_answered_with_standard_gossip_not_an_introduction() {
    Neighborhood target = Fixtures.node(1, Fixtures.clock());
    ScriptedPeer friend = new ScriptedPeer(10);
    befriend(target, friend);
    ScriptedPeer debutant = new ScriptedPeer(2).listing(friend.key());

    assertThat(only(SendGossip.class, target.gossipReceived(debutant.source(), debutant.debut())))
        .isEmpty();
    List<SendGossip> flushed = only(SendGossip.class, target.flush());

    assertThat(flushed)
        .filteredOn(s -> s.to().equals(debutant.key()))
        .singleElement()
        .satisfies(s -> assertThat(keysOf(s.gossip())).contains(target.key(), friend.key()));
  }

  @Test
  void a_restarted_node_without_configured_neighbors_debuts_to_its_past_neighbors() {
    TestMesh mesh = new TestMesh(300);
    mesh.joinAll(6, new Random(5));
    List<org.jmasq.identity.NodeDescriptor> past = mesh.pastNeighbors.get(5);
    assertThat(past).isNotEmpty();

    mesh.kill(5);
    mesh.settle(100);
    List<NeighborhoodEffect> startEffects = mesh.restart(5, 1_000);

    assertThat(only(SendGossip.class, startEffects))
        .extracting(SendGossip::to)
        .containsExactlyInAnyOrderElementsOf(
            past.stream().map(org.jmasq.identity.NodeDescriptor::key).toList());
    mesh.settle(200);
    assertThat(mesh.degree(5)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void a_node_that_loses_its_neighbors_heals_through_the_nodes_it_knows() {
    TestMesh mesh = new TestMesh(400);
    mesh.joinAll(20, new Random(9));
    mesh.settle(500);
    for (int r = 0; r < 700; r++) {
      mesh.round();
    }
    int victim = 19;
    List<org.jmasq.crypto.PublicKey> neighbors =
        mesh.nodes.get(victim).database().fullNeighbors(mesh.nodes.get(victim).key());
    for (org.jmasq.crypto.PublicKey k : neighbors.subList(0, neighbors.size() - 1)) {
      for (int i = 0; i < mesh.nodes.size(); i++) {
        if (mesh.nodes.get(i).key().equals(k)) {
          mesh.kill(i);
        }
      }
    }
    for (int r = 0; r < 1_300; r++) {
      mesh.round();
    }

    assertThat(mesh.degree(victim)).isGreaterThanOrEqualTo(2);
    assertThat(mesh.bans).isEmpty();
  }
}
