package org.jmasq.node.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.Fixtures;
import org.jmasq.neighborhood.LocalNode;
import org.jmasq.neighborhood.Neighborhood;
import org.jmasq.neighborhood.NodeRecordInner;
import org.jmasq.neighborhood.ScriptedPeer;
import org.jmasq.neighborhood.SignatureVerifier;
import org.jmasq.node.neighborhood.RecordingTransmitter.Sent;
import org.jmasq.node.proxyserver.RouteSource.RouteLegs;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;
import org.jmasq.wire.DecodeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Neighborhood on a {@link org.jmasq.node.runtime.ManualRuntime}: scripted peers' Gossip comes
 * in as the Hopper delivers it, and what the service sends is read off a recording Transmitter.
 */
class NeighborhoodServiceTest {
  private static final Duration IDLE = Duration.ofSeconds(10);
  private static final SecureRandom RANDOM = Fixtures.seeded(99);

  private final HoldableRuntime runtime = new HoldableRuntime();
  private final ScriptedPeer a = new ScriptedPeer(2);
  private final ScriptedPeer b = new ScriptedPeer(3);
  private final RecordingTransmitter transmitter = new RecordingTransmitter(a, b);
  private final List<ConnectionStage> stages = new CopyOnWriteArrayList<>();
  private final List<Long> versions = new CopyOnWriteArrayList<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final NeighborhoodService service = service(1);
  private final PublicKey self = Fixtures.keyPair(1).publicKey();

  private NeighborhoodService service(int minHops) {
    Neighborhood neighborhood =
        new Neighborhood(
            new LocalNode(Fixtures.keyPair(1), Fixtures.CHAIN, Optional.of(Fixtures.addr(1))),
            Fixtures.standard(1).withMinHops(minHops),
            runtime.clock(),
            new Random(1),
            SignatureVerifier.ed25519(Fixtures.CHAIN));
    NeighborhoodService.Observer observer =
        new NeighborhoodService.Observer() {
          @Override
          public void stageChanged(ConnectionStage stage) {
            stages.add(stage);
          }

          @Override
          public void pastNeighborsChanged(List<NodeDescriptor> neighbors) {}

          @Override
          public void recordVersionChanged(long version) {
            versions.add(version);
          }

          @Override
          public void shutdownRequested(String reason) {}

          @Override
          public void refused(String why) {
            refusals.add(why);
          }
        };
    return new NeighborhoodService(
        neighborhood, runtime, transmitter, new UnusedLinks(), observer, RANDOM, minHops);
  }

  @AfterEach
  void stop() {
    service.close();
    runtime.close();
  }

  private void idle() throws InterruptedException {
    assertThat(runtime.manual.awaitIdle(IDLE)).as("mailboxes idle").isTrue();
  }

  /** {@code gossip} from {@code peer}, delivered as the Hopper expires it to the Neighborhood. */
  private void deliver(ScriptedPeer peer, Gossip gossip) {
    service.deliver(ExpiredGossip.from(peer, self, gossip, RANDOM));
  }

  /** {@code peer} debuts, then confirms the neighborship with Standard Gossip. */
  private void befriend(ScriptedPeer peer) throws InterruptedException {
    deliver(peer, peer.debut());
    idle();
    peer.listing(self);
    deliver(peer, peer.standard());
    idle();
  }

  /** Standard Gossip from {@code a} with a newer record: a change the Node accepts. */
  private Gossip newerRecordFromA() {
    a.version++;
    return a.standard(b.record(false));
  }

  private static List<PublicKey> recipients(List<Sent> sent) {
    return sent.stream().map(Sent::to).toList();
  }

  /** The neighbors the Node's own record lists in {@code sent} (its record comes first). */
  private List<PublicKey> ownNeighborsIn(Sent sent) {
    try {
      NodeRecordInner own = NodeRecordInner.decode(sent.gossip().records().get(0).signedData());
      assertThat(own.publicKey()).isEqualTo(self);
      return List.copyOf(own.neighbors());
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void the_debut_goes_to_the_configured_neighbor() throws InterruptedException {
    NodeDescriptor configured = new NodeDescriptor(Fixtures.CHAIN, a.key(), Optional.of(a.addr));

    service.start(List.of(configured), List.of());
    idle();

    List<Sent> sent = transmitter.take();
    assertThat(recipients(sent)).containsExactly(a.key());
    assertThat(sent.get(0).gossip().records()).hasSize(1);
    assertThat(ownNeighborsIn(sent.get(0))).isEmpty();
    assertThat(service.addressOf(a.key())).contains(a.addr);
  }

  @Test
  void a_debut_refused_for_a_taken_ip_is_reported_once_with_the_ip_and_what_to_do()
      throws InterruptedException {
    service.start(
        List.of(new NodeDescriptor(Fixtures.CHAIN, a.key(), Optional.of(a.addr))), List.of());
    idle();
    GossipFailure ipTaken = new GossipFailure(GossipFailure.Reason.IP_TAKEN);

    service.deliver(ExpiredGossip.failure(a, self, ipTaken, RANDOM));
    idle();
    service.deliver(ExpiredGossip.failure(a, self, ipTaken, RANDOM));
    idle();

    assertThat(refusals)
        .singleElement()
        .satisfies(
            why ->
                assertThat(why)
                    .contains(
                        "another Node already holds this Node's public IP "
                            + Fixtures.addr(1).ip().getHostAddress(),
                        a.addr.ip().getHostAddress(),
                        "Stop the other Node"));
  }

  @Test
  void gossip_queued_together_goes_out_as_one_round_not_one_per_input()
      throws InterruptedException {
    befriend(a);
    befriend(b);
    transmitter.take();

    CountDownLatch release = runtime.hold("neighborhood");
    deliver(a, newerRecordFromA());
    deliver(a, newerRecordFromA());
    deliver(a, newerRecordFromA());
    release.countDown();
    idle();

    assertThat(recipients(transmitter.take())).containsExactlyInAnyOrder(a.key(), b.key());
  }

  @Test
  void gossip_that_arrives_alone_goes_out_at_once() throws InterruptedException {
    befriend(a);
    befriend(b);
    transmitter.take();

    deliver(a, newerRecordFromA());
    idle();
    deliver(a, newerRecordFromA());
    idle();

    assertThat(recipients(transmitter.take()))
        .containsExactlyInAnyOrder(a.key(), b.key(), a.key(), b.key());
  }

  @Test
  void a_lost_link_is_gossiped_to_the_remaining_neighbors() throws InterruptedException {
    befriend(a);
    befriend(b);
    transmitter.take();

    service.linkDown(b.key());
    idle();

    List<Sent> toA = transmitter.take().stream().filter(s -> s.to().equals(a.key())).toList();
    assertThat(toA).isNotEmpty();
    assertThat(toA).allSatisfy(s -> assertThat(ownNeighborsIn(s)).containsExactly(a.key()));
    assertThat(service.fullNeighbors()).containsExactly(a.key());
  }

  @Test
  void a_route_query_answers_from_the_neighborhood_thread() throws InterruptedException {
    assertThat(service.findRoute("example.com", 1_000)).isEmpty();

    befriend(a);

    assertThat(service.findRoute("example.com", 1_000))
        .contains(new RouteLegs(List.of(self, a.key()), List.of(a.key(), self)));
  }

  @Test
  void min_hops_changed_while_running_holds_for_the_next_route_at_once()
      throws InterruptedException {
    befriend(a);
    assertThat(service.findRoute("example.com", 1_000)).isPresent();

    service.setMinHops(2);
    idle();

    // One neighbor makes no two-hop route: the stage drops back from RouteFound.
    assertThat(service.findRoute("example.com", 1_000)).isEmpty();
    assertThat(stages).last().isEqualTo(ConnectionStage.CONNECTED_TO_NEIGHBOR);

    service.setMinHops(1);
    idle();

    assertThat(service.findRoute("example.com", 1_000))
        .contains(new RouteLegs(List.of(self, a.key()), List.of(a.key(), self)));
  }

  @Test
  void min_hops_the_mailbox_does_not_take_is_reported_as_not_taken() throws InterruptedException {
    assertThat(service.setMinHops(2)).isTrue();
    idle();
    service.close();

    assertThat(service.setMinHops(3)).isFalse();
  }

  @Test
  void the_neighborhood_graph_is_drawn_on_the_neighborhood_thread() throws InterruptedException {
    befriend(a);

    assertThat(service.neighborhoodGraph())
        .hasValueSatisfying(
            dot ->
                assertThat(dot)
                    .startsWith("digraph")
                    .contains(self.toString())
                    .contains(a.key().toString()));
  }

  @Test
  void the_stage_observer_is_told_of_each_change_in_order() throws InterruptedException {
    befriend(a);

    assertThat(stages)
        .containsExactly(ConnectionStage.CONNECTED_TO_NEIGHBOR, ConnectionStage.ROUTE_FOUND);
    assertThat(service.stage()).isEqualTo(ConnectionStage.ROUTE_FOUND);
    assertThat(versions).isNotEmpty().isSorted();
  }

  @Test
  void a_node_left_without_neighbors_debuts_again_after_5_10_20_40_and_then_60_s()
      throws InterruptedException {
    NodeDescriptor configured = new NodeDescriptor(Fixtures.CHAIN, a.key(), Optional.of(a.addr));
    service.start(List.of(configured), List.of());
    idle();
    transmitter.take();

    for (int wait : new int[] {5, 10, 20, 40, 60, 60}) {
      runtime.manual.advanceInSteps(Duration.ofSeconds(1), wait - 1);
      assertThat(transmitter.take()).as("before %d s", wait).isEmpty();
      runtime.manual.advanceInSteps(Duration.ofSeconds(1), 1);
      assertThat(recipients(transmitter.take())).as("after %d s", wait).containsExactly(a.key());
    }
  }

  @Test
  void a_closed_service_sends_nothing_and_answers_with_defaults() throws InterruptedException {
    NodeDescriptor configured = new NodeDescriptor(Fixtures.CHAIN, a.key(), Optional.of(a.addr));
    service.start(List.of(configured), List.of());
    idle();
    befriend(a);
    transmitter.take();
    // Open, the service knows a route and a neighbor: the defaults below are not what it said.
    assertThat(service.stage()).isEqualTo(ConnectionStage.ROUTE_FOUND);
    assertThat(service.findRoute("example.com", 1_000)).isPresent();

    service.close();
    assertThat(service.stage()).isEqualTo(ConnectionStage.NOT_CONNECTED);
    assertThat(service.findRoute("example.com", 1_000)).isEmpty();

    // Open, each of these would send Gossip: the change to a's record at once, and the debut
    // again, once a was lost, within the minute.
    deliver(a, newerRecordFromA());
    service.linkDown(a.key());
    runtime.manual.advanceInSteps(Duration.ofSeconds(1), 120);
    assertThat(transmitter.take()).isEmpty();
  }
}
