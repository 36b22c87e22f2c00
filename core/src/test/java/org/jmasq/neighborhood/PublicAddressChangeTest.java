package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.befriend;
import static org.jmasq.neighborhood.Scripts.only;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/** A Node's public IP changes: its record moves with it, and its neighbors follow (PROTOCOL §5). */
class PublicAddressChangeTest {
  private final ManualClock clock = Fixtures.clock();
  private final Neighborhood node = Fixtures.node(1, clock);

  @Test
  void a_new_public_address_gives_the_record_a_new_version_signed_beside_it() {
    long before = node.database().root().version();

    node.publicAddressChanged(Fixtures.addr(77));

    NodeRecord root = node.database().root();
    assertThat(root.version()).isEqualTo(before + 1);
    assertThat(root.nodeAddr()).contains(Fixtures.addr(77));
    assertThat(
            SignatureVerifier.ed25519(Fixtures.CHAIN)
                .verify(root.key(), root.signedData(), root.signature()))
        .isTrue();
    assertThat(node.database().keyAt(Fixtures.ip(77))).contains(node.key());
    assertThat(node.database().keyAt(Fixtures.ip(1))).isEmpty();
  }

  @Test
  void the_same_address_again_changes_nothing() {
    long before = node.database().root().version();

    node.publicAddressChanged(Fixtures.addr(1));

    assertThat(node.database().root().version()).isEqualTo(before);
    assertThat(node.flush()).filteredOn(SendGossip.class::isInstance).isEmpty();
  }

  @Test
  void the_neighbors_are_sent_the_new_record_in_the_next_round_of_gossip() {
    ScriptedPeer a = new ScriptedPeer(2);
    befriend(node, a);

    node.publicAddressChanged(Fixtures.addr(77));
    List<SendGossip> sent = only(SendGossip.class, node.flush());

    assertThat(sent).extracting(SendGossip::to).containsExactly(a.key());
    GossipNodeRecord ours =
        sent.get(0).gossip().records().stream()
            .filter(r -> r.nodeAddr().equals(Optional.of(Fixtures.addr(77))))
            .findFirst()
            .orElseThrow();
    assertThat(ours.signedData()).isEqualTo(node.database().root().signedData());
  }

  @Test
  void a_node_that_moves_keeps_its_neighbors_and_they_learn_its_new_address_without_a_ban() {
    TestMesh mesh = new TestMesh(10);
    mesh.joinAll(6, new Random(4));
    mesh.settle(200);
    int moving = 3;
    PublicKey key = mesh.nodes.get(moving).key();
    List<PublicKey> neighbors = mesh.nodes.get(moving).database().fullNeighbors(key);
    assertThat(neighbors).isNotEmpty();

    mesh.move(moving, 90);
    mesh.settle(200);

    assertThat(mesh.bans).isEmpty();
    assertThat(mesh.nodes.get(moving).database().fullNeighbors(key))
        .containsExactlyInAnyOrderElementsOf(neighbors);
    long version = mesh.nodes.get(moving).database().root().version();
    for (Neighborhood other : mesh.nodes) {
      if (neighbors.contains(other.key())) {
        NodeRecord held = other.database().node(key).orElseThrow();
        assertThat(held.nodeAddr()).contains(NodeAddr.of(Fixtures.ip(90), Fixtures.PORT));
        assertThat(held.version()).isEqualTo(version);
        assertThat(other.database().keyAt(Fixtures.ip(13))).isEmpty();
        assertThat(mesh.pastNeighbors.get(mesh.nodes.indexOf(other)))
            .as("saved for a restart at its new address")
            .contains(
                new NodeDescriptor(
                    Fixtures.CHAIN, key, Optional.of(NodeAddr.of(Fixtures.ip(90), Fixtures.PORT))));
      }
    }
  }
}
