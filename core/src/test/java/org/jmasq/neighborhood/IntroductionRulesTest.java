package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.befriend;
import static org.jmasq.neighborhood.Scripts.keysOf;
import static org.jmasq.neighborhood.Scripts.only;

import java.util.List;
import java.util.Optional;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.NeighborhoodEffect.Disconnect;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossip;
import org.jmasq.payload.Gossip;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/** Part 2 §4.4, IntroductionHandler. */
class IntroductionRulesTest {
  private final ManualClock clock = Fixtures.clock();
  private final Neighborhood node = Fixtures.node(1, clock);
  private final ScriptedPeer introducer = new ScriptedPeer(2);
  private final ScriptedPeer introducee = new ScriptedPeer(3);

  private Gossip introduction() {
    return new Gossip(List.of(introducer.record(true), introducee.record(true)));
  }

  @Test
  void introduction_links_the_introducer_and_debuts_to_the_introducee() {
    node.start(
        List.of(new NodeDescriptor(Fixtures.CHAIN, introducer.key(), Optional.of(introducer.addr))),
        List.of());
    introducer.listing(node.key());

    List<NeighborhoodEffect> effects = node.gossipReceived(introducer.source(), introduction());

    assertThat(only(SendGossip.class, effects))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.directAddr()).contains(introducee.addr);
              assertThat(keysOf(s.gossip())).containsExactly(node.key());
            });
    assertThat(node.database().areFullNeighbors(node.key(), introducer.key())).isTrue();
    assertThat(node.database().contains(introducee.key())).isFalse();
    assertThat(node.stage()).isEqualTo(ConnectionStage.CONNECTED_TO_NEIGHBOR);
    assertThat(node.connectionProgress().get(0).step())
        .isEqualTo(ConnectionProgress.Step.NEIGHBORSHIP_ESTABLISHED);
    assertThat(only(SendGossip.class, node.flush()))
        .extracting(SendGossip::to)
        .containsExactly(introducer.key());
  }

  @Test
  void introduction_is_ignored_when_the_node_already_has_five_full_neighbors() {
    for (int i = 0; i < 5; i++) {
      befriend(node, new ScriptedPeer(10 + i));
    }

    assertThat(node.gossipReceived(introducer.source(), introduction())).isEmpty();
    assertThat(node.database().contains(introducer.key())).isFalse();
  }

  @Test
  void introduction_whose_introducer_claims_our_ip_is_banned() {
    ScriptedPeer liar = new ScriptedPeer(2);
    liar.addr = Fixtures.addr(1);
    Gossip gossip = new Gossip(List.of(introducee.record(true), liar.record(true)));

    List<Disconnect> bans = only(Disconnect.class, node.gossipReceived(liar.source(), gossip));

    assertThat(bans)
        .singleElement()
        .extracting(Disconnect::reason)
        .isEqualTo(BanReason.CLAIMS_OUR_IP);
  }

  @Test
  void introduction_whose_known_introducer_claims_an_ip_another_live_node_holds_is_ignored() {
    // The introducer is known without an address (a neighbor gossiped its record, which does not
    // reveal the IP); now it claims the IP of another live Node, our neighbor.
    ScriptedPeer holder = new ScriptedPeer(4);
    befriend(node, holder);
    node.gossipReceived(
        holder.source(),
        holder.listing(node.key(), introducer.key()).standard(introducer.record(false)));
    node.flush();
    assertThat(node.database().contains(introducer.key())).as("known without an address").isTrue();
    introducer.addr = holder.addr;
    introducer.version++;

    List<NeighborhoodEffect> effects = node.gossipReceived(introducer.source(), introduction());

    assertThat(only(SendGossip.class, effects)).as("no debut to the introducee").isEmpty();
    assertThat(node.database().areFullNeighbors(node.key(), introducer.key())).isFalse();
    assertThat(node.database().neighborsOf(node.key())).doesNotContain(introducer.key());
  }

  @Test
  void introduction_whose_introducee_claims_our_ip_is_banned() {
    introducee.addr = Fixtures.addr(1);

    assertThat(only(Disconnect.class, node.gossipReceived(introducer.source(), introduction())))
        .singleElement()
        .extracting(Disconnect::reason)
        .isEqualTo(BanReason.CLAIMS_OUR_IP);
  }

  @Test
  void an_introducer_at_the_senders_ip_that_is_not_the_sender_is_dropped_and_nobody_is_banned() {
    ScriptedPeer us = new ScriptedPeer(1);
    us.addr = introducer.addr;
    Gossip gossip = new Gossip(List.of(us.record(true), introducee.record(true)));

    assertThat(node.gossipReceived(introducer.source(), gossip)).isEmpty();
    assertThat(node.gossipCounts().otherSender()).isEqualTo(1);
    assertThat(node.database().contains(introducee.key())).isFalse();
  }

  @Test
  void introduction_with_an_introducee_without_ports_is_banned() {
    introducee.addr = new NodeAddr(introducee.addr.ip(), List.of());

    assertThat(only(Disconnect.class, node.gossipReceived(introducer.source(), introduction())))
        .singleElement()
        .extracting(Disconnect::reason)
        .isEqualTo(BanReason.INTRODUCTION_WITHOUT_PORTS);
  }

  @Test
  void introduction_whose_introducer_changes_its_known_rate_pack_is_banned() {
    befriend(node, introducer);
    node.neighborLost(introducer.key());
    introducer.rates = new RatePack(1, 1, 1, 1);
    introducer.version++;

    assertThat(only(Disconnect.class, node.gossipReceived(introducer.source(), introduction())))
        .singleElement()
        .extracting(Disconnect::reason)
        .isEqualTo(BanReason.RATE_PACK_CHANGED);
  }
}
