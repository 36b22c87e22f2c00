package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.befriend;
import static org.jmasq.neighborhood.Scripts.only;

import java.util.List;
import java.util.Optional;
import org.jmasq.identity.Chain;
import org.jmasq.neighborhood.NeighborhoodEffect.Disconnect;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossip;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/** Part 2 §4.4 rule 1 and JMasq's malefactor bans: every record must decode and verify. */
class VerificationRulesTest {
  private final ManualClock clock = Fixtures.clock();
  private final Neighborhood node = Fixtures.node(1, clock);
  private final ScriptedPeer peer = new ScriptedPeer(2);

  @Test
  void gossip_with_a_forged_signature_bans_the_sender() {
    befriend(node, peer);
    ScriptedPeer victim = new ScriptedPeer(3);
    NodeRecordInner honest = victim.inner();
    NodeRecordInner altered =
        new NodeRecordInner(
            honest.publicKey(),
            honest.earningWallet(),
            RatePack.ZERO,
            honest.neighbors(),
            true,
            true,
            honest.version() + 1,
            honest.countryCode());
    GossipNodeRecord forged =
        new GossipNodeRecord(altered.encode(), victim.record(false).signature(), Optional.empty());

    List<NeighborhoodEffect> effects = node.gossipReceived(peer.source(), peer.standard(forged));

    assertThat(only(Disconnect.class, effects))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(BanReason.FORGED_SIGNATURE);
              assertThat(d.ip()).isEqualTo(peer.addr.ip());
              assertThat(d.key()).isEqualTo(peer.key());
            });
    assertThat(node.isBanned(peer.key())).isTrue();
    assertThat(node.isBanned(peer.addr.ip()))
        .as("one key's offense: its IP is not banned")
        .isFalse();
    assertThat(node.database().contains(victim.key())).isFalse();
  }

  @Test
  void gossip_with_a_record_signed_for_another_chain_bans_the_sender() {
    NodeRecord signedElsewhere =
        new LocalNode(peer.keys, Chain.BASE_SEPOLIA, Optional.of(peer.addr))
            .sign(peer.inner(), clock.instant());
    Gossip debut = new Gossip(List.of(signedElsewhere.toGossip(true)));

    assertThat(only(Disconnect.class, node.gossipReceived(peer.source(), debut)))
        .singleElement()
        .extracting(Disconnect::reason)
        .isEqualTo(BanReason.FORGED_SIGNATURE);
  }

  @Test
  void gossip_with_an_undecodable_record_bans_the_sender() {
    byte[] garbage = peer.inner().encode();
    garbage[0] = 9;
    Gossip gossip =
        new Gossip(List.of(new GossipNodeRecord(garbage, new byte[64], Optional.of(peer.addr))));

    assertThat(only(Disconnect.class, node.gossipReceived(peer.source(), gossip)))
        .singleElement()
        .extracting(Disconnect::reason)
        .isEqualTo(BanReason.UNDECODABLE_RECORD);
  }

  @Test
  void a_ban_disconnects_the_sender_and_gossips_the_disconnection_to_the_other_neighbors() {
    ScriptedPeer other = new ScriptedPeer(3);
    befriend(node, peer);
    befriend(node, other);
    assertThat(node.database().fullNeighbors(node.key())).contains(peer.key());

    byte[] garbage = new byte[5];
    node.gossipReceived(
        peer.source(),
        new Gossip(List.of(new GossipNodeRecord(garbage, new byte[64], Optional.empty()))));
    List<NeighborhoodEffect> flushed = node.flush();

    assertThat(node.database().neighborsOf(node.key())).doesNotContain(peer.key());
    assertThat(node.database().contains(peer.key())).isFalse();
    assertThat(only(SendGossip.class, flushed))
        .extracting(SendGossip::to)
        .containsExactly(other.key());
  }

  @Test
  void gossip_from_a_banned_key_is_refused_from_then_on() {
    node.gossipReceived(
        peer.source(),
        new Gossip(List.of(new GossipNodeRecord(new byte[3], new byte[64], Optional.empty()))));

    assertThat(node.gossipReceived(peer.source(), peer.debut())).isEmpty();
    assertThat(node.database().contains(peer.key())).isFalse();
  }

  @Test
  void records_of_a_banned_key_are_not_learned_from_another_neighbor_either() {
    befriend(node, peer);
    node.gossipReceived(
        peer.source(),
        new Gossip(List.of(new GossipNodeRecord(new byte[3], new byte[64], Optional.empty()))));
    ScriptedPeer relay = new ScriptedPeer(3);
    befriend(node, relay);

    node.gossipReceived(
        relay.source(),
        relay.listing(peer.key()).standard(peer.listing(relay.key()).record(false)));

    assertThat(node.database().contains(peer.key())).isFalse();
    assertThat(node.isBanned(relay.addr.ip())).isFalse();
  }
}
