package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.keysOf;
import static org.jmasq.neighborhood.Scripts.only;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossip;
import org.jmasq.payload.Gossip;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/** Part 2 §4.4, PassHandler and its 60 s loop detection. */
class PassRulesTest {
  private final ManualClock clock = Fixtures.clock();
  private final Neighborhood node = Fixtures.node(1, clock);
  private final ScriptedPeer entry = new ScriptedPeer(2);
  private final ScriptedPeer target = new ScriptedPeer(3);

  private Gossip passTo(ScriptedPeer where) {
    return new Gossip(List.of(where.record(true)));
  }

  private void start() {
    node.start(
        List.of(new NodeDescriptor(Fixtures.CHAIN, entry.key(), Optional.of(entry.addr))),
        List.of());
    node.tcpConnected(entry.addr.ip());
  }

  @Test
  void pass_makes_the_node_debut_to_the_pass_target() {
    start();

    List<SendGossip> sent =
        only(SendGossip.class, node.gossipReceived(entry.source(), passTo(target)));

    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.directAddr()).contains(target.addr);
              assertThat(keysOf(s.gossip())).containsExactly(node.key());
            });
    assertThat(node.connectionProgress())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.currentIp()).isEqualTo(target.addr.ip());
              assertThat(p.step()).isEqualTo(ConnectionProgress.Step.STAGE_ZERO);
            });
  }

  @Test
  void a_second_pass_to_the_same_ip_within_60_seconds_is_a_pass_loop() {
    start();
    node.gossipReceived(entry.source(), passTo(target));
    clock.advance(Duration.ofSeconds(59));

    ScriptedPeer x = new ScriptedPeer(4);
    node.gossipReceived(target.source(), passTo(x));
    List<NeighborhoodEffect> effects = node.gossipReceived(x.source(), passTo(target));

    assertThat(only(SendGossip.class, effects)).isEmpty();
    assertThat(node.connectionProgress())
        .singleElement()
        .satisfies(
            p -> assertThat(p.failure()).contains(ConnectionProgress.Failure.PASS_LOOP_FOUND));
  }

  @Test
  void a_pass_to_the_same_ip_after_60_seconds_is_followed_again() {
    node.gossipReceived(entry.source(), passTo(target));
    clock.advance(Duration.ofSeconds(60));

    assertThat(only(SendGossip.class, node.gossipReceived(entry.source(), passTo(target))))
        .hasSize(1);
  }

  @Test
  void a_pass_back_to_an_initial_neighbor_is_a_pass_loop() {
    start();
    node.gossipReceived(entry.source(), passTo(target));

    assertThat(only(SendGossip.class, node.gossipReceived(target.source(), passTo(entry))))
        .isEmpty();
    assertThat(node.connectionProgress().get(0).failure())
        .contains(ConnectionProgress.Failure.PASS_LOOP_FOUND);
  }

  @Test
  void a_pass_naming_ourselves_is_not_followed() {
    ScriptedPeer self = new ScriptedPeer(1);

    assertThat(only(SendGossip.class, node.gossipReceived(entry.source(), passTo(self)))).isEmpty();
  }
}
