package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.befriend;
import static org.jmasq.neighborhood.Scripts.keyOf;
import static org.jmasq.neighborhood.Scripts.only;

import java.util.List;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossip;
import org.jmasq.neighborhood.gossip.GossipProducer;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/** Part 2 §4.5: per-target Gossip and the IP-reveal rule. */
class GossipProductionTest {
  private final ManualClock clock = Fixtures.clock();
  private final Neighborhood node = Fixtures.node(1, clock);
  private final ScriptedPeer a = new ScriptedPeer(2);
  private final ScriptedPeer b = new ScriptedPeer(3);

  private GossipNodeRecord recordOf(Gossip gossip, PublicKey key) {
    return gossip.records().stream().filter(r -> keyOf(r).equals(key)).findFirst().orElseThrow();
  }

  @Test
  void standard_gossip_reveals_an_address_only_for_the_root_and_nodes_the_target_already_lists() {
    befriend(node, a);
    befriend(node, b);
    Gossip toA = GossipProducer.standardFor(node.database(), a.key());

    assertThat(recordOf(toA, node.key()).nodeAddr()).contains(Fixtures.addr(1));
    assertThat(recordOf(toA, b.key()).nodeAddr()).isEmpty();

    node.gossipReceived(a.source(), a.listing(b.key()).standard());
    Gossip toAKnowingB = GossipProducer.standardFor(node.database(), a.key());
    assertThat(recordOf(toAKnowingB, b.key()).nodeAddr()).contains(b.addr);
  }

  @Test
  void standard_gossip_leaves_out_the_target_itself_and_nodes_nobody_references() {
    befriend(node, a);
    befriend(node, b);
    node.neighborLost(b.key());
    b.neighbors.clear();
    node.gossipReceived(b.source(), new Gossip(List.of(b.listing().record(true), a.record(false))));

    Gossip toA = GossipProducer.standardFor(node.database(), a.key());

    assertThat(toA.records())
        .extracting(Scripts::keyOf)
        .contains(node.key())
        .doesNotContain(a.key(), b.key());
  }

  @Test
  void gossip_goes_out_after_a_change_and_not_on_a_timer() {
    befriend(node, a);
    node.flush();
    clock.advance(java.time.Duration.ofMinutes(10));
    node.tick();

    assertThat(only(SendGossip.class, node.flush())).isEmpty();
  }

  @Test
  void relayed_records_are_sent_byte_for_byte_as_their_owner_signed_them() {
    befriend(node, a);
    befriend(node, b);
    GossipNodeRecord original = a.record(false);

    GossipNodeRecord relayed =
        recordOf(GossipProducer.standardFor(node.database(), b.key()), a.key());

    assertThat(relayed.signedData()).isEqualTo(original.signedData());
    assertThat(relayed.signature()).isEqualTo(original.signature());
  }

  @Test
  void a_database_larger_than_one_gossip_sends_the_records_nearest_the_target() {
    befriend(node, a);
    NeighborhoodDatabase db = node.database();
    // First, far more Nodes than one Gossip carries, out of a's reach: pairs that list each other.
    for (int n = 1000; n < 1000 + 2 * 300; n += 2) {
      ScriptedPeer x = new ScriptedPeer(n);
      ScriptedPeer y = new ScriptedPeer(n + 1);
      db.add(x.listing(y.key()).signed());
      db.add(y.listing(x.key()).signed());
    }
    // Then 120 Nodes within two hops of a: ten it lists, and eleven that each of them lists.
    List<PublicKey> near = new java.util.ArrayList<>();
    List<PublicKey> listedByA = new java.util.ArrayList<>();
    for (int n = 100; n < 100 + 10 * 12; n += 12) {
      ScriptedPeer p = new ScriptedPeer(n).listing(a.key());
      for (int m = n + 1; m < n + 12; m++) {
        ScriptedPeer q = new ScriptedPeer(m).listing(p.key());
        db.add(q.signed());
        p.listing(q.key());
        near.add(q.key());
      }
      db.add(p.signed());
      near.add(p.key());
      listedByA.add(p.key());
    }
    a.listing(listedByA.toArray(PublicKey[]::new));
    assertThat(db.update(a.signed())).isEmpty();
    assertThat(db.size()).as("root, a, and 720 more").isEqualTo(722);
    Gossip toA = GossipProducer.standardFor(db, a.key());

    assertThat(toA.records()).hasSize(Gossip.MAX_RECORDS);
    assertThat(Scripts.keysOf(toA)).contains(node.key()).containsAll(near);
  }
}
