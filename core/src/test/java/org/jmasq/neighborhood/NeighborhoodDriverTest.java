package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jmasq.neighborhood.Scripts.only;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.NeighborhoodEffect.SendGossip;
import org.jmasq.time.ManualClock;
import org.jmasq.wire.DecodeException;
import org.junit.jupiter.api.Test;

/** The flush policy: on a drained mailbox, after at most N inputs, and on every tick. */
class NeighborhoodDriverTest {
  private final ManualClock clock = Fixtures.clock();
  private final NeighborhoodDriver driver = new NeighborhoodDriver(Fixtures.node(1, clock));
  private final ScriptedPeer a = new ScriptedPeer(2);
  private final ScriptedPeer b = new ScriptedPeer(3);

  /** {@code peer} debuts, then confirms the neighborship; each input drains the mailbox. */
  private void befriend(ScriptedPeer peer) {
    driver.gossipReceived(peer.source(), peer.debut());
    driver.mailboxDrained();
    peer.listing(driver.key());
    driver.gossipReceived(peer.source(), peer.standard());
    driver.mailboxDrained();
  }

  /**
   * {@code a} republishes its record with a higher version: Standard Gossip (more than one record;
   * a record alone is a Debut) that the Node accepts.
   */
  private List<NeighborhoodEffect> newerRecordFromA() {
    a.version++;
    return driver.gossipReceived(a.source(), a.standard(b.record(false)));
  }

  private static List<PublicKey> gossipTargets(List<NeighborhoodEffect> effects) {
    return only(SendGossip.class, effects).stream().map(SendGossip::to).toList();
  }

  @Test
  void inputs_that_arrive_together_produce_one_round_of_gossip_when_the_mailbox_drains() {
    befriend(a);
    befriend(b);

    assertThat(gossipTargets(newerRecordFromA())).isEmpty();
    assertThat(gossipTargets(newerRecordFromA())).isEmpty();
    assertThat(gossipTargets(newerRecordFromA())).isEmpty();

    assertThat(gossipTargets(driver.mailboxDrained())).containsExactlyInAnyOrder(a.key(), b.key());
  }

  @Test
  void a_drained_mailbox_with_no_input_since_the_last_flush_sends_nothing() {
    befriend(a);
    newerRecordFromA();
    driver.mailboxDrained();

    assertThat(driver.mailboxDrained()).isEmpty();
  }

  @Test
  void a_mailbox_that_never_drains_still_gossips_after_the_most_inputs_per_flush() {
    befriend(a);
    befriend(b);

    for (int i = 1; i < NeighborhoodDriver.MAX_INPUTS_PER_FLUSH; i++) {
      assertThat(gossipTargets(newerRecordFromA())).as("input %d", i).isEmpty();
    }
    assertThat(gossipTargets(newerRecordFromA())).containsExactlyInAnyOrder(a.key(), b.key());
    assertThat(gossipTargets(newerRecordFromA())).isEmpty();
  }

  @Test
  void the_bound_counts_inputs_since_the_last_flush_not_since_the_start() {
    NeighborhoodDriver small = new NeighborhoodDriver(Fixtures.node(1, clock), 3);
    ScriptedPeer c = new ScriptedPeer(4);
    ScriptedPeer d = new ScriptedPeer(5);
    small.gossipReceived(c.source(), c.debut());
    small.mailboxDrained();

    c.listing(small.key());
    assertThat(gossipTargets(small.gossipReceived(c.source(), c.standard(d.record(false)))))
        .isEmpty();
    small.mailboxDrained();
    c.version++;
    assertThat(gossipTargets(small.gossipReceived(c.source(), c.standard(d.record(false)))))
        .isEmpty();
    c.version++;
    assertThat(gossipTargets(small.gossipReceived(c.source(), c.standard(d.record(false)))))
        .isEmpty();
    c.version++;
    assertThat(gossipTargets(small.gossipReceived(c.source(), c.standard(d.record(false)))))
        .containsExactly(c.key());
  }

  @Test
  void a_tick_flushes_what_the_inputs_made_due() {
    befriend(a);
    befriend(b);
    newerRecordFromA();

    clock.advance(Duration.ofSeconds(1));

    assertThat(gossipTargets(driver.tick())).containsExactlyInAnyOrder(a.key(), b.key());
    assertThat(driver.mailboxDrained()).isEmpty();
  }

  @Test
  void a_tick_with_nothing_due_sends_no_gossip() {
    befriend(a);
    clock.advance(Duration.ofSeconds(1));

    assertThat(gossipTargets(driver.tick())).isEmpty();
  }

  @Test
  void a_lost_neighbor_is_gossiped_to_the_others_when_the_mailbox_drains() {
    befriend(a);
    befriend(b);

    assertThat(driver.neighborLost(b.key())).isEmpty();

    List<SendGossip> toA =
        only(SendGossip.class, driver.mailboxDrained()).stream()
            .filter(g -> g.to().equals(a.key()))
            .toList();

    assertThat(toA).isNotEmpty();
    assertThat(toA).allSatisfy(g -> assertThat(ourNeighborsIn(g)).containsExactly(a.key()));
  }

  /** The neighbors our own record (the first in any Gossip we send) lists. */
  private List<PublicKey> ourNeighborsIn(SendGossip sent) {
    try {
      NodeRecordInner own = NodeRecordInner.decode(sent.gossip().records().get(0).signedData());
      assertThat(own.publicKey()).isEqualTo(driver.key());
      return List.copyOf(own.neighbors());
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void the_debut_goes_out_from_start_at_once() {
    NodeDescriptor configured = new NodeDescriptor(Fixtures.CHAIN, a.key(), Optional.of(a.addr));

    assertThat(gossipTargets(driver.start(List.of(configured), List.of())))
        .containsExactly(a.key());
  }

  @Test
  void a_bound_below_one_is_refused() {
    assertThatThrownBy(() -> new NeighborhoodDriver(Fixtures.node(1, clock), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxInputsPerFlush: 0 (expected: at least 1)");
  }
}
