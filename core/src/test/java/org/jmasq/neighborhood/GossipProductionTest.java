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
}
