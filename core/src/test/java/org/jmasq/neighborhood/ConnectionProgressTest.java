package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.only;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionProgress.Failure;
import org.jmasq.neighborhood.ConnectionProgress.Step;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/** Part 2 §4.6: join attempts, the 10 s answer wait and the overall stage. */
class ConnectionProgressTest {
  private final ManualClock clock = Fixtures.clock();
  private final Neighborhood node = Fixtures.node(1, clock);
  private final ScriptedPeer a = new ScriptedPeer(2);
  private final ScriptedPeer b = new ScriptedPeer(3);

  private void start(ScriptedPeer... peers) {
    node.start(
        java.util.Arrays.stream(peers)
            .map(p -> new NodeDescriptor(Fixtures.CHAIN, p.key(), Optional.of(p.addr)))
            .toList(),
        List.of());
  }

  @Test
  void a_lone_node_is_not_connected() {
    assertThat(node.stage()).isEqualTo(ConnectionStage.NOT_CONNECTED);
    assertThat(node.flush()).isEmpty();
  }

  @Test
  void a_join_attempt_walks_from_stage_zero_through_tcp_to_neighborship() {
    start(a);
    assertThat(node.connectionProgress().get(0).step()).isEqualTo(Step.STAGE_ZERO);
    node.tcpConnected(a.addr.ip());
    assertThat(node.connectionProgress().get(0).step()).isEqualTo(Step.TCP_CONNECTION_ESTABLISHED);

    List<NeighborhoodEffect> effects =
        node.gossipReceived(
            a.source(), new Gossip(List.of(a.listing(node.key()).record(true), b.record(true))));

    assertThat(node.connectionProgress().get(0).step()).isEqualTo(Step.NEIGHBORSHIP_ESTABLISHED);
    assertThat(only(NeighborhoodEffect.StageChanged.class, effects))
        .singleElement()
        .isEqualTo(
            new NeighborhoodEffect.StageChanged(
                ConnectionStage.NOT_CONNECTED, ConnectionStage.CONNECTED_TO_NEIGHBOR));
  }

  @Test
  void a_join_attempt_without_a_gossip_answer_within_10_seconds_fails() {
    start(a);
    node.tcpConnected(a.addr.ip());
    clock.advance(Duration.ofMillis(9_999));
    node.tick();
    assertThat(node.connectionProgress().get(0).step()).isEqualTo(Step.TCP_CONNECTION_ESTABLISHED);

    clock.advance(Duration.ofMillis(1));
    node.tick();

    assertThat(node.connectionProgress().get(0).failure())
        .contains(Failure.NO_GOSSIP_RESPONSE_RECEIVED);
  }

  @Test
  void a_tcp_failure_fails_the_attempt() {
    start(a);
    node.tcpFailed(a.addr.ip());
    assertThat(node.connectionProgress().get(0).failure()).contains(Failure.TCP_CONNECTION_FAILED);
  }

  @Test
  void gossip_failure_from_every_initial_neighbor_asks_the_node_to_shut_down() {
    start(a, b);
    GossipSource fromA = a.source();
    assertThat(
            node.gossipFailureReceived(
                fromA, new GossipFailure(GossipFailure.Reason.NO_SUITABLE_NEIGHBORS)))
        .isEmpty();

    List<NeighborhoodEffect> effects =
        node.gossipFailureReceived(
            b.source(), new GossipFailure(GossipFailure.Reason.NO_NEIGHBORS));

    assertThat(only(NeighborhoodEffect.Shutdown.class, effects)).hasSize(1);
  }

  @Test
  void ip_taken_from_every_initial_neighbor_is_reported_once_and_does_not_stop_the_node() {
    start(a, b);

    List<NeighborhoodEffect> first =
        node.gossipFailureReceived(a.source(), new GossipFailure(GossipFailure.Reason.IP_TAKEN));
    List<NeighborhoodEffect> second =
        node.gossipFailureReceived(b.source(), new GossipFailure(GossipFailure.Reason.IP_TAKEN));

    assertThat(first)
        .singleElement()
        .isEqualTo(new NeighborhoodEffect.IpTaken(Fixtures.addr(1).ip(), a.addr.ip()));
    assertThat(second).isEmpty();
    assertThat(node.connectionProgress())
        .allSatisfy(p -> assertThat(p.failure()).contains(Failure.IP_TAKEN));
    assertThat(node.stage()).isEqualTo(ConnectionStage.NOT_CONNECTED);
  }

  @Test
  void ip_taken_after_the_public_address_moved_names_the_new_ip() {
    start(a, b);
    node.publicAddressChanged(Fixtures.addr(77));
    node.flush();

    List<NeighborhoodEffect> effects =
        node.gossipFailureReceived(a.source(), new GossipFailure(GossipFailure.Reason.IP_TAKEN));

    assertThat(only(NeighborhoodEffect.IpTaken.class, effects))
        .singleElement()
        .isEqualTo(new NeighborhoodEffect.IpTaken(Fixtures.ip(77), a.addr.ip()));
  }

  @Test
  void route_found_is_reported_once_a_round_trip_exists_and_min_hops_changes_drop_it() {
    // origin 1 - a - b - c - d, a ring back through e: exit c at 3 hops, not adjacent to us.
    ScriptedPeer c = new ScriptedPeer(4);
    ScriptedPeer d = new ScriptedPeer(5);
    Scripts.befriend(node, a);
    a.listing(b.key());
    b.listing(a.key(), c.key());
    c.listing(b.key(), d.key());
    d.listing(c.key());
    node.gossipReceived(a.source(), a.standard(b.record(false), c.record(false), d.record(false)));

    List<NeighborhoodEffect> flushed = node.flush();

    assertThat(node.stage()).isEqualTo(ConnectionStage.ROUTE_FOUND);
    assertThat(only(NeighborhoodEffect.StageChanged.class, flushed))
        .extracting(NeighborhoodEffect.StageChanged::to)
        .containsExactly(ConnectionStage.ROUTE_FOUND);
    assertThat(node.setMinHops(4))
        .extracting(e -> ((NeighborhoodEffect.StageChanged) e).to())
        .containsExactly(ConnectionStage.CONNECTED_TO_NEIGHBOR);
    node.flush();
    assertThat(node.stage()).isEqualTo(ConnectionStage.CONNECTED_TO_NEIGHBOR);
  }
}
