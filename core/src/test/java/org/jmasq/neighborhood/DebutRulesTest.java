package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.befriend;
import static org.jmasq.neighborhood.Scripts.keysOf;
import static org.jmasq.neighborhood.Scripts.only;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.NeighborhoodEffect.Disconnect;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossip;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossipFailure;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/** Part 2 §4.4, DebutHandler. */
class DebutRulesTest {
  private final ManualClock clock = Fixtures.clock();
  private final Neighborhood node = Fixtures.node(1, clock);

  private List<ScriptedPeer> befriendMany(int first, int count) {
    List<ScriptedPeer> peers = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      ScriptedPeer p = new ScriptedPeer(first + i);
      befriend(node, p);
      peers.add(p);
    }
    return peers;
  }

  @Test
  void a_neighbor_with_neighbors_of_its_own_that_sends_its_record_alone_is_introduced_to_another() {
    List<ScriptedPeer> friends = befriendMany(10, 3);
    ScriptedPeer asker =
        friends.get(0).listing(new ScriptedPeer(20).key(), new ScriptedPeer(21).key());

    List<SendGossip> sent =
        only(SendGossip.class, node.gossipReceived(asker.source(), asker.debut()));

    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.to()).isEqualTo(asker.key());
              assertThat(keysOf(s.gossip())).hasSize(2).startsWith(node.key());
              assertThat(keysOf(s.gossip()).get(1))
                  .isIn(friends.get(1).key(), friends.get(2).key());
              assertThat(s.gossip().records())
                  .allSatisfy(r -> assertThat(r.nodeAddr()).isPresent());
            });
  }

  @Test
  void debut_accepting_connections_without_an_address_is_malformed_and_banned() {
    ScriptedPeer d = new ScriptedPeer(2);
    Gossip noAddr = new Gossip(List.of(d.record(false)));

    assertThat(only(Disconnect.class, node.gossipReceived(d.source(), noAddr)))
        .singleElement()
        .extracting(Disconnect::reason)
        .isEqualTo(BanReason.DEBUT_WITHOUT_PORTS);
  }

  @Test
  void debut_accepting_connections_with_no_ports_is_malformed_and_banned() {
    ScriptedPeer d = new ScriptedPeer(2);
    d.addr = new NodeAddr(d.addr.ip(), List.of());

    assertThat(only(Disconnect.class, node.gossipReceived(d.source(), d.debut())))
        .singleElement()
        .extracting(Disconnect::reason)
        .isEqualTo(BanReason.DEBUT_WITHOUT_PORTS);
  }

  @Test
  void debut_not_accepting_connections_but_carrying_an_address_is_malformed_and_banned() {
    ScriptedPeer d = new ScriptedPeer(2);
    d.acceptsConnections = false;
    Gossip withAddr = new Gossip(List.of(d.record(true)));

    assertThat(only(Disconnect.class, node.gossipReceived(d.source(), withAddr)))
        .singleElement()
        .extracting(Disconnect::reason)
        .isEqualTo(BanReason.DEBUT_ADDRESS_WITHOUT_ACCEPTING);
  }

  @Test
  void debut_from_a_node_not_accepting_connections_is_answered_at_its_source_socket() {
    ScriptedPeer d = new ScriptedPeer(2);
    d.acceptsConnections = false;
    GossipSource source = new GossipSource(d.key(), new InetSocketAddress(d.addr.ip(), 40123));

    List<SendGossip> sent = only(SendGossip.class, node.gossipReceived(source, d.debut()));

    assertThat(sent)
        .singleElement()
        .satisfies(s -> assertThat(s.directAddr()).contains(NodeAddr.of(d.addr.ip(), 40123)));
  }

  @Test
  void debut_to_a_node_with_room_and_nobody_to_introduce_is_answered_by_debuting_back() {
    ScriptedPeer d = new ScriptedPeer(2);

    List<SendGossip> sent = only(SendGossip.class, node.gossipReceived(d.source(), d.debut()));

    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.to()).isEqualTo(d.key());
              assertThat(keysOf(s.gossip())).containsExactly(node.key());
              assertThat(s.gossip().records().get(0).nodeAddr()).contains(Fixtures.addr(1));
            });
    assertThat(node.database().neighborsOf(node.key())).containsExactly(d.key());
  }

  @Test
  void
      debut_to_a_node_with_room_is_answered_with_an_introduction_to_its_least_connected_neighbor() {
    ScriptedPeer friend = befriendMany(10, 1).get(0);
    ScriptedPeer d = new ScriptedPeer(2);

    List<SendGossip> sent = only(SendGossip.class, node.gossipReceived(d.source(), d.debut()));

    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(keysOf(s.gossip())).containsExactly(node.key(), friend.key());
              assertThat(s.gossip().records())
                  .allSatisfy(r -> assertThat(r.nodeAddr()).isPresent());
            });
  }

  @Test
  void debut_that_already_lists_neighbors_is_accepted_and_answered_with_standard_gossip() {
    ScriptedPeer friend = befriendMany(10, 1).get(0);
    ScriptedPeer d = new ScriptedPeer(2).listing(new ScriptedPeer(50).key());

    assertThat(only(SendGossip.class, node.gossipReceived(d.source(), d.debut()))).isEmpty();
    List<SendGossip> flushed = only(SendGossip.class, node.flush());

    assertThat(flushed).extracting(SendGossip::to).containsExactlyInAnyOrder(friend.key(), d.key());
    assertThat(node.database().neighborsOf(node.key())).contains(d.key());
  }

  @Test
  void debut_is_passed_to_a_less_connected_neighbor_whose_degree_is_above_two() {
    List<ScriptedPeer> friends = befriendMany(10, 4);
    ScriptedPeer roomy = friends.get(0);
    roomy.listing(new ScriptedPeer(60).key(), new ScriptedPeer(61).key());
    node.gossipReceived(roomy.source(), roomy.standard());
    ScriptedPeer d = new ScriptedPeer(2);

    List<SendGossip> sent = only(SendGossip.class, node.gossipReceived(d.source(), d.debut()));

    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(keysOf(s.gossip())).containsExactly(roomy.key());
              assertThat(s.gossip().records().get(0).nodeAddr()).contains(roomy.addr);
            });
    assertThat(node.database().contains(d.key())).isFalse();
  }

  @Test
  void debut_to_a_full_node_is_passed_to_a_half_neighbor() {
    List<ScriptedPeer> friends = befriendMany(10, 5);
    ScriptedPeer d = new ScriptedPeer(2);

    List<SendGossip> sent = only(SendGossip.class, node.gossipReceived(d.source(), d.debut()));

    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.gossip().records()).hasSize(1);
              assertThat(friends.stream().map(ScriptedPeer::key).toList())
                  .contains(keysOf(s.gossip()).get(0));
            });
    assertThat(node.database().contains(d.key())).isFalse();
  }

  @Test
  void debut_to_a_full_node_whose_neighbors_are_all_the_debutants_gets_no_suitable_neighbors() {
    List<ScriptedPeer> friends = befriendMany(10, 5);
    ScriptedPeer d = new ScriptedPeer(2);
    friends.forEach(f -> d.listing(f.key()));

    List<SendGossipFailure> failures =
        only(SendGossipFailure.class, node.gossipReceived(d.source(), d.debut()));

    assertThat(failures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(GossipFailure.Reason.NO_SUITABLE_NEIGHBORS);
              assertThat(f.addr()).isEqualTo(d.addr);
            });
  }

  @Test
  void debut_claiming_an_ip_held_by_another_live_key_is_refused_as_ip_taken() {
    ScriptedPeer holder = befriendMany(10, 1).get(0);
    ScriptedPeer claimant = new ScriptedPeer(2);
    claimant.addr = new NodeAddr(holder.addr.ip(), List.of(holder.addr.ports().get(0) + 1));

    List<NeighborhoodEffect> effects = node.gossipReceived(claimant.source(), claimant.debut());

    assertThat(only(SendGossipFailure.class, effects))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(GossipFailure.Reason.IP_TAKEN);
              assertThat(f.to()).isEqualTo(claimant.key());
              assertThat(f.addr()).isEqualTo(claimant.addr);
            });
    assertThat(only(SendGossip.class, effects)).isEmpty();
    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.database().contains(claimant.key())).isFalse();
    assertThat(node.database().keyAt(holder.addr.ip())).contains(holder.key());
  }

  @Test
  void debut_at_a_taken_ip_is_refused_rather_than_passed_to_a_less_connected_neighbor() {
    // The setup of the Pass test above: a debut would be passed to roomy.
    List<ScriptedPeer> friends = befriendMany(10, 4);
    ScriptedPeer roomy = friends.get(0);
    roomy.listing(new ScriptedPeer(60).key(), new ScriptedPeer(61).key());
    node.gossipReceived(roomy.source(), roomy.standard());
    ScriptedPeer holder = friends.get(1);
    ScriptedPeer claimant = new ScriptedPeer(2);
    claimant.addr = new NodeAddr(holder.addr.ip(), List.of(holder.addr.ports().get(0) + 1));

    List<NeighborhoodEffect> effects = node.gossipReceived(claimant.source(), claimant.debut());

    assertThat(only(SendGossip.class, effects)).isEmpty();
    assertThat(only(SendGossipFailure.class, effects))
        .singleElement()
        .extracting(SendGossipFailure::reason)
        .isEqualTo(GossipFailure.Reason.IP_TAKEN);
  }

  @Test
  void a_debut_is_answered_with_the_root_address_only_when_the_root_accepts_connections() {
    Neighborhood originateOnly =
        Fixtures.node(
            7,
            clock,
            NeighborhoodConfig.originateOnly(
                Fixtures.wallet(7), RatePack.DEFAULT, Optional.empty()));
    List<NeighborhoodEffect> start =
        originateOnly.start(
            List.of(
                new org.jmasq.identity.NodeDescriptor(
                    Fixtures.CHAIN, node.key(), Optional.of(Fixtures.addr(1)))),
            List.of());

    assertThat(only(SendGossip.class, start))
        .singleElement()
        .satisfies(s -> assertThat(s.gossip().records().get(0).nodeAddr()).isEmpty());
  }
}
