package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.befriend;
import static org.jmasq.neighborhood.Scripts.only;

import java.util.List;
import java.util.Optional;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.NeighborhoodEffect.Disconnect;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossip;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/** Part 2 §4.4, StandardGossipHandler and RejectHandler. */
class StandardGossipRulesTest {
  private final ManualClock clock = Fixtures.clock();
  private final Neighborhood node = Fixtures.node(1, clock);
  private final ScriptedPeer a = new ScriptedPeer(2);

  private BanReason banReason(List<NeighborhoodEffect> effects) {
    return only(Disconnect.class, effects).get(0).reason();
  }

  @Test
  void standard_gossip_claiming_our_key_is_banned() {
    befriend(node, a);
    ScriptedPeer us = new ScriptedPeer(1);

    assertThat(banReason(node.gossipReceived(a.source(), a.standard(us.record(false)))))
        .isEqualTo(BanReason.CLAIMS_OUR_KEY);
  }

  @Test
  void standard_gossip_whose_sender_claims_our_ip_is_banned() {
    ScriptedPeer squatter = new ScriptedPeer(3);
    squatter.addr = Fixtures.addr(1);
    ScriptedPeer b = new ScriptedPeer(4);
    squatter.listing(b.key());

    assertThat(
            banReason(node.gossipReceived(squatter.source(), squatter.standard(b.record(false)))))
        .isEqualTo(BanReason.CLAIMS_OUR_IP);
  }

  @Test
  void another_nodes_record_at_our_ip_is_left_out_and_its_honest_sender_is_not_banned() {
    // A Node behind our NAT router, taken by a neighbor that did not know us yet.
    befriend(node, a);
    ScriptedPeer behindOurRouter = new ScriptedPeer(3);
    behindOurRouter.addr = Fixtures.addr(1);
    ScriptedPeer b = new ScriptedPeer(4);
    a.listing(behindOurRouter.key(), b.key());

    List<NeighborhoodEffect> effects =
        node.gossipReceived(a.source(), a.standard(behindOurRouter.record(true), b.record(false)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.database().keyAt(Fixtures.addr(1).ip())).contains(node.key());
    assertThat(node.database().node(behindOurRouter.key()).flatMap(NodeRecord::nodeAddr)).isEmpty();
    assertThat(node.database().contains(b.key())).isTrue();
  }

  @Test
  void standard_gossip_with_two_records_at_one_ip_is_banned() {
    befriend(node, a);
    ScriptedPeer b = new ScriptedPeer(3);
    ScriptedPeer c = new ScriptedPeer(4);
    c.addr = b.addr;
    a.listing(b.key(), c.key());

    assertThat(
            banReason(node.gossipReceived(a.source(), a.standard(b.record(true), c.record(true)))))
        .isEqualTo(BanReason.DUPLICATE_IP);
  }

  @Test
  void standard_gossip_changing_a_known_rate_pack_is_banned() {
    befriend(node, a);
    a.rates = new RatePack(1, 2, 3, 4);
    a.version++;

    assertThat(banReason(node.gossipReceived(a.source(), a.standard())))
        .isEqualTo(BanReason.RATE_PACK_CHANGED);
  }

  @Test
  void a_senders_newer_record_naming_an_ip_its_link_is_not_from_is_kept_at_the_old_address() {
    // A Node whose router's public IP changed tells its neighbors over the links still open from
    // the old address: not banned, and not yet moved, as the new address is only its word.
    ScriptedPeer b = new ScriptedPeer(3);
    befriend(node, a);
    GossipSource stillAtTheOldAddress = a.source();
    NodeAddr old = a.addr;
    a.addr = Fixtures.addr(77);
    a.version++;

    List<NeighborhoodEffect> effects =
        node.gossipReceived(stillAtTheOldAddress, a.standard(b.record(false)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.isBanned(a.key())).isFalse();
    NodeRecord held = node.database().node(a.key()).orElseThrow();
    assertThat(held.version()).isEqualTo(a.version);
    assertThat(held.nodeAddr()).contains(old);
    assertThat(node.database().keyAt(Fixtures.addr(77).ip())).isEmpty();

    // Then it shows itself at the new address, and is moved there.
    a.version++;
    node.gossipReceived(a.source(), a.standard(b.record(false)));

    assertThat(node.database().node(a.key()).orElseThrow().nodeAddr()).contains(a.addr);
    assertThat(node.isBanned(a.key())).isFalse();
  }

  @Test
  void a_moved_nodes_record_told_again_over_the_old_link_is_kept_there_and_nobody_is_banned() {
    ScriptedPeer b = new ScriptedPeer(3);
    befriend(node, a);
    GossipSource stillAtTheOldAddress = a.source();
    NodeAddr old = a.addr;
    a.addr = Fixtures.addr(77);
    a.version++;
    node.gossipReceived(stillAtTheOldAddress, a.standard(b.record(false)));

    List<NeighborhoodEffect> effects =
        node.gossipReceived(stillAtTheOldAddress, a.standard(b.record(false)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.isBanned(a.key())).isFalse();
    assertThat(node.database().node(a.key()).orElseThrow().nodeAddr()).contains(old);
  }

  @Test
  void a_record_told_over_the_old_link_is_moved_when_the_same_version_comes_from_the_new_address() {
    ScriptedPeer b = new ScriptedPeer(3);
    befriend(node, a);
    GossipSource stillAtTheOldAddress = a.source();
    a.addr = Fixtures.addr(77);
    a.version++;
    node.gossipReceived(stillAtTheOldAddress, a.standard(b.record(false)));

    List<NeighborhoodEffect> effects = node.gossipReceived(a.source(), a.standard(b.record(false)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.isBanned(a.key())).isFalse();
    assertThat(node.database().node(a.key()).orElseThrow().nodeAddr()).contains(a.addr);
    assertThat(node.database().keyAt(a.addr.ip())).contains(a.key());
  }

  @Test
  void a_node_whose_public_ip_changed_gossips_its_new_version_from_there_and_is_moved_not_banned() {
    ScriptedPeer b = new ScriptedPeer(3);
    befriend(node, a);
    NodeAddr old = a.addr;
    a.addr = Fixtures.addr(77);
    a.version++;

    List<NeighborhoodEffect> effects = node.gossipReceived(a.source(), a.standard(b.record(false)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.isBanned(a.key())).isFalse();
    assertThat(node.database().node(a.key()).orElseThrow().nodeAddr()).contains(a.addr);
    assertThat(node.database().node(a.key()).orElseThrow().version()).isEqualTo(a.version);
    assertThat(node.database().keyAt(a.addr.ip())).contains(a.key());
    assertThat(node.database().keyAt(old.ip())).isEmpty();
    assertThat(node.database().areFullNeighbors(node.key(), a.key())).isTrue();
  }

  @Test
  void a_node_cannot_move_onto_an_ip_another_known_node_holds() {
    ScriptedPeer b = new ScriptedPeer(3);
    befriend(node, a);
    befriend(node, b);
    NodeAddr old = a.addr;
    a.addr = b.addr;
    a.version++;

    List<NeighborhoodEffect> effects = node.gossipReceived(a.source(), a.standard(b.record(false)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.database().node(a.key()).orElseThrow().nodeAddr()).contains(old);
    assertThat(node.database().keyAt(b.addr.ip())).contains(b.key());
  }

  @Test
  void a_moved_nodes_newer_record_passed_on_by_another_is_learned_at_the_known_address() {
    ScriptedPeer b = new ScriptedPeer(3);
    ScriptedPeer c = new ScriptedPeer(4);
    befriend(node, a);
    befriend(node, b);
    NodeAddr known = b.addr;
    b.addr = Fixtures.addr(77);
    b.version++;
    c.listing(a.key());

    List<NeighborhoodEffect> effects =
        node.gossipReceived(
            a.source(), a.listing(b.key(), c.key()).standard(b.record(true), c.record(false)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.isBanned(a.key())).isFalse();
    NodeRecord held = node.database().node(b.key()).orElseThrow();
    assertThat(held.version()).isEqualTo(b.version);
    assertThat(held.nodeAddr()).as("the sender's word is not the owner's").contains(known);
    assertThat(node.database().contains(c.key())).as("the rest is learned").isTrue();
  }

  @Test
  void another_nodes_record_moving_its_known_address_without_a_new_version_is_left_out() {
    ScriptedPeer b = new ScriptedPeer(3);
    befriend(node, a);
    befriend(node, b);
    NodeAddr known = b.addr;
    b.addr = Fixtures.addr(77);

    List<NeighborhoodEffect> effects =
        node.gossipReceived(a.source(), a.listing(b.key()).standard(b.record(true)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.database().node(b.key()).orElseThrow().nodeAddr()).contains(known);
    assertThat(node.database().keyAt(Fixtures.addr(77).ip())).isEmpty();
  }

  @Test
  void another_nodes_record_changing_its_rate_pack_is_left_out_and_nobody_is_banned() {
    ScriptedPeer b = new ScriptedPeer(3);
    befriend(node, a);
    befriend(node, b);
    b.rates = new RatePack(1, 2, 3, 4);
    b.version++;

    List<NeighborhoodEffect> effects =
        node.gossipReceived(a.source(), a.listing(b.key()).standard(b.record(false)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.database().node(b.key()).orElseThrow().ratePack()).isEqualTo(RatePack.DEFAULT);
    assertThat(node.isBanned(a.key())).isFalse();
  }

  @Test
  void standard_gossip_only_learns_nodes_within_the_patch_of_max_min_hops_3() {
    befriend(node, a);
    ScriptedPeer b = new ScriptedPeer(3);
    ScriptedPeer c = new ScriptedPeer(4);
    ScriptedPeer d = new ScriptedPeer(5);
    ScriptedPeer e = new ScriptedPeer(6);
    a.listing(b.key());
    b.listing(a.key(), c.key());
    c.listing(b.key(), d.key());
    d.listing(c.key(), e.key());
    e.listing(d.key());
    Gossip chain = a.standard(b.record(false), c.record(false), d.record(false), e.record(false));

    node.gossipReceived(a.source(), chain);
    assertThat(node.database().keys()).contains(b.key(), c.key()).doesNotContain(d.key(), e.key());

    Neighborhood fourHops = Fixtures.node(8, clock, Fixtures.standard(8).withMinHops(4));
    befriend(fourHops, a.listing(fourHops.key()));
    fourHops.gossipReceived(
        a.source(), a.standard(b.record(false), c.record(false), d.record(false), e.record(false)));
    assertThat(fourHops.database().keys()).contains(d.key()).doesNotContain(e.key());
  }

  @Test
  void standard_gossip_never_learns_an_unknown_node_at_an_address_other_than_the_source() {
    befriend(node, a);
    ScriptedPeer b = new ScriptedPeer(3);
    b.listing(a.key());

    node.gossipReceived(a.source(), a.listing(b.key()).standard(b.record(true)));

    assertThat(node.database().contains(b.key())).isFalse();
    node.gossipReceived(a.source(), a.listing().standard(b.record(false)));
    assertThat(node.database().node(b.key()).orElseThrow().nodeAddr()).isEmpty();
  }

  @Test
  void standard_gossip_replaces_a_record_only_with_a_higher_version() {
    befriend(node, a);
    ScriptedPeer b = new ScriptedPeer(3);
    b.version = 4;
    node.gossipReceived(a.source(), a.listing(b.key()).standard(b.record(false)));
    ScriptedPeer c = new ScriptedPeer(4);
    GossipNodeRecord olderListingC = b.listing(c.key()).record(false);
    b.version = 3;

    node.gossipReceived(a.source(), a.standard(b.record(false)));
    assertThat(node.database().node(b.key()).orElseThrow().version()).isEqualTo(4);

    node.gossipReceived(a.source(), a.standard(olderListingC));
    assertThat(node.database().node(b.key()).orElseThrow().version()).isEqualTo(5);
  }

  @Test
  void standard_gossip_from_a_known_node_makes_it_a_neighbor_while_we_have_fewer_than_five() {
    befriend(node, a);
    ScriptedPeer b = new ScriptedPeer(3);
    node.gossipReceived(
        a.source(), a.listing(b.key()).standard(b.listing(a.key(), node.key()).record(false)));
    assertThat(node.database().neighborsOf(node.key())).doesNotContain(b.key());

    node.gossipReceived(b.source(), b.standard(a.record(false)));

    assertThat(node.database().areFullNeighbors(node.key(), b.key())).isTrue();
  }

  @Test
  void standard_gossip_from_a_node_that_took_our_debut_makes_it_a_neighbor_though_it_was_unknown() {
    befriend(node, a);
    // A Node with neighbors of its own answers a debut that it takes with Standard Gossip.
    ScriptedPeer taker = new ScriptedPeer(3);
    ScriptedPeer takersNeighbor = new ScriptedPeer(4).listing(taker.key());
    taker.listing(takersNeighbor.key(), node.key());

    node.gossipReceived(taker.source(), taker.standard(takersNeighbor.record(false)));

    assertThat(node.database().areFullNeighbors(node.key(), taker.key())).isTrue();
  }

  @Test
  void standard_gossip_from_a_known_node_does_not_make_a_sixth_neighbor() {
    List<ScriptedPeer> friends = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ScriptedPeer f = new ScriptedPeer(10 + i);
      befriend(node, f);
      friends.add(f);
    }
    ScriptedPeer f0 = friends.get(0);
    node.gossipReceived(
        f0.source(), f0.listing(a.key()).standard(a.listing(f0.key(), node.key()).record(false)));
    assertThat(node.database().contains(a.key())).isTrue();

    node.gossipReceived(a.source(), a.standard(f0.record(false)));

    assertThat(node.database().neighborsOf(node.key())).doesNotContain(a.key());
    assertThat(node.database().fullNeighbors(node.key())).hasSize(5);
  }

  @Test
  void standard_gossip_with_nothing_new_is_ignored_and_sends_nothing() {
    befriend(node, a);
    ScriptedPeer b = new ScriptedPeer(3);
    Gossip same = a.listing(b.key()).standard(b.record(false));
    node.gossipReceived(a.source(), same);
    node.flush();

    assertThat(node.gossipReceived(a.source(), same)).isEmpty();
    assertThat(node.flush()).isEmpty();
  }

  @Test
  void gossip_with_no_records_is_rejected_and_banned() {
    assertThat(banReason(node.gossipReceived(a.source(), new Gossip(List.of()))))
        .isEqualTo(BanReason.UNRECOGNIZED_SHAPE);
  }

  @Test
  void accepted_gossip_sends_standard_gossip_to_every_neighbor_after_the_change() {
    ScriptedPeer b = new ScriptedPeer(3);
    befriend(node, a);
    befriend(node, b);
    ScriptedPeer c = new ScriptedPeer(4);

    node.gossipReceived(a.source(), a.listing(c.key()).standard(c.listing(a.key()).record(false)));
    List<SendGossip> sent = only(SendGossip.class, node.flush());

    assertThat(sent).extracting(SendGossip::to).containsExactlyInAnyOrder(a.key(), b.key());
  }

  @Test
  void a_node_never_keeps_more_than_five_full_neighbors() {
    List<ScriptedPeer> peers = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ScriptedPeer p = new ScriptedPeer(10 + i);
      node.gossipReceived(p.source(), p.debut());
      peers.add(p);
    }
    for (ScriptedPeer p : peers) {
      node.gossipReceived(p.source(), p.listing(node.key()).standard());
    }

    assertThat(node.database().fullNeighbors(node.key()).size()).isLessThanOrEqualTo(5);
  }

  @Test
  void losing_a_neighbor_drops_the_link_and_gossips_it() {
    ScriptedPeer b = new ScriptedPeer(3);
    befriend(node, a);
    befriend(node, b);

    node.neighborLost(a.key());

    assertThat(node.database().neighborsOf(node.key())).containsExactly(b.key());
    assertThat(only(SendGossip.class, node.flush())).extracting(SendGossip::to).contains(b.key());
  }

  @Test
  void full_neighbor_changes_are_reported_for_persistence_as_past_neighbors() {
    node.gossipReceived(a.source(), a.debut());
    node.flush();
    node.gossipReceived(a.source(), a.listing(node.key()).standard());

    List<NeighborhoodEffect.PastNeighborsChanged> saved =
        only(NeighborhoodEffect.PastNeighborsChanged.class, node.flush());

    assertThat(saved)
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.neighbors())
                    .singleElement()
                    .satisfies(
                        d -> {
                          assertThat(d.key()).isEqualTo(a.key());
                          assertThat(d.nodeAddr()).contains(a.addr);
                        }));
  }

  @Test
  void forged_gossip_never_reaches_the_database_even_alongside_valid_records() {
    befriend(node, a);
    ScriptedPeer b = new ScriptedPeer(3);
    GossipNodeRecord good = b.record(false);
    byte[] sig = good.signature();
    sig[0] ^= 1;

    node.gossipReceived(
        a.source(),
        a.listing(b.key())
            .standard(new GossipNodeRecord(good.signedData(), sig, Optional.empty())));

    assertThat(node.database().contains(b.key())).isFalse();
    assertThat(node.isBanned(a.key())).isTrue();
  }
}
