package org.jmasq.node.hopper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.node.hopper.TestNode.RANDOM;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.cores.Component;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.PackageLayout;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.PublicKey;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.ClientResponse;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.payload.ProxyProtocol;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamKey;
import org.junit.jupiter.api.Test;

/**
 * A Node relays and serves each package once: the same bytes again, and a route that would turn a
 * package back to the Node it came from, are dropped; an honest stream's packages, in either
 * direction, are not.
 */
class HopperReplayTest {
  private static final StreamKey STREAM = StreamKey.of(new byte[StreamKey.LENGTH]);

  private final InMemoryNetwork network = new InMemoryNetwork();
  private final TestNode originator = network.node("O");
  private final TestNode relay = network.node("A");
  private final TestNode other = network.node("B");
  private final TestNode exit = network.node("X");

  private ClientRequest request(long sequence) {
    return new ClientRequest(
        STREAM,
        new SequencedPacket("data".getBytes(StandardCharsets.US_ASCII), sequence, false),
        Optional.of("example.com"),
        80,
        ProxyProtocol.HTTP,
        originator.aliasKeys.publicKey());
  }

  /** O > A > X and back X > A > O, as a stream's route. */
  private RoutePlan stream() throws Exception {
    return originator.built(
        RoutePlan.roundTrip(
            List.of(originator.key(), relay.key(), exit.key()),
            Component.PROXY_CLIENT,
            List.of(exit.key(), relay.key(), originator.key()),
            Component.PROXY_SERVER,
            k -> Optional.empty(),
            1,
            RANDOM));
  }

  /** The bytes {@code to} received from {@code from}, in order. */
  private List<byte[]> received(TestNode from, TestNode to) {
    List<byte[]> packages = new ArrayList<>();
    for (InMemoryNetwork.Sent sent : network.log) {
      if (sent.from() == from && sent.to() == to) {
        packages.add(sent.bytes());
      }
    }
    return packages;
  }

  @Test
  void the_same_package_sent_again_through_a_relay_reaches_the_exit_once() throws Exception {
    originator.hopper.transmit(
        stream()
            .incipient(PayloadEnvelopes.seal(EnvelopeSealer.to(exit.key(), RANDOM), request(0))));
    network.deliverAll();
    byte[] held = received(originator, relay).get(0);

    relay.hopper.receive(held, originator.address);
    relay.hopper.receive(held, originator.address);
    exit.hopper.receive(received(relay, exit).get(0), relay.address);
    network.deliverAll();

    assertThat(exit.toProxyClient).hasSize(1);
    assertThat(relay.hopper.relayedPackages()).isEqualTo(1);
    assertThat(relay.hopper.droppedPackages()).isEqualTo(2);
    assertThat(relay.hopper.droppedByReason()).containsEntry(DropReason.REPLAYED, 2L);
    assertThat(exit.hopper.droppedPackages()).isEqualTo(1);
  }

  @Test
  void a_package_sent_again_under_a_new_tag_is_relayed_but_opens_nowhere() throws Exception {
    originator.hopper.transmit(
        stream()
            .incipient(PayloadEnvelopes.seal(EnvelopeSealer.to(exit.key(), RANDOM), request(0))));
    network.deliverAll();
    byte[] retagged = received(originator, relay).get(0).clone();
    PackageLayout.writeTag(retagged, PackageLayout.tag(retagged) + 1);

    relay.hopper.receive(retagged, originator.address, originator.key());
    network.deliverAll();

    assertThat(relay.hopper.relayedPackages()).as("a relay cannot tell").isEqualTo(2);
    assertThat(exit.toProxyClient).as("the first only").hasSize(1);
    assertThat(exit.hopper.droppedByReason()).containsEntry(DropReason.UNDECODABLE, 1L);
  }

  @Test
  void a_streams_packages_both_ways_are_all_relayed_even_out_of_order() throws Exception {
    RoutePlan plan = stream();
    EnvelopeSealer toExit = EnvelopeSealer.to(exit.key(), RANDOM);
    List<byte[]> sealed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sealed.add(PayloadEnvelopes.seal(toExit, request(i)));
    }
    originator.hopper.transmit(plan.incipient(sealed.get(2)));
    originator.hopper.transmit(plan.incipient(sealed.get(0)));
    originator.hopper.transmit(plan.incipient(sealed.get(1)));
    network.deliverAll();
    assertThat(exit.toProxyClient).hasSize(3);

    // Every response goes back under the one back-leg block the exit holds, as ExitStream sends.
    ExpiredCoresPackage<ClientRequest> last = exit.toProxyClient.get(2);
    EnvelopeSealer toOriginator = EnvelopeSealer.to(originator.aliasKeys.publicKey(), RANDOM);
    for (int i = 0; i < 5; i++) {
      ClientResponse response =
          new ClientResponse(STREAM, new SequencedPacket(new byte[1], i, false));
      exit.hopper.transmit(
          new IncipientCoresPackage(
              last.remainingRoute(), PayloadEnvelopes.seal(toOriginator, response), i));
    }
    network.deliverAll();

    assertThat(originator.toProxyServer).hasSize(5);
    assertThat(relay.hopper.relayedPackages()).isEqualTo(8);
    assertThat(relay.hopper.droppedPackages()).isZero();
  }

  @Test
  void a_route_bouncing_between_two_nodes_ends_where_it_would_turn_back() throws Exception {
    List<PublicKey> bouncing =
        List.of(
            originator.key(),
            relay.key(),
            other.key(),
            relay.key(),
            other.key(),
            relay.key(),
            other.key(),
            exit.key());
    RoutePlan plan =
        RoutePlan.oneWay(bouncing, Component.PROXY_CLIENT, k -> Optional.empty(), RANDOM);

    originator.hopper.transmit(
        plan.incipient(PayloadEnvelopes.seal(EnvelopeSealer.to(exit.key(), RANDOM), request(0))));
    network.deliverAll();

    assertThat(network.log.stream().map(Object::toString)).containsExactly("O→A", "A→B");
    assertThat(relay.hopper.relayedPackages()).isEqualTo(1);
    assertThat(other.hopper.relayedPackages()).isZero();
    assertThat(other.hopper.droppedByReason()).containsEntry(DropReason.BAD_ROUTE, 1L);
    assertThat(exit.toProxyClient).isEmpty();
  }

  /**
   * What the layers cost: a Node cannot tell a package it relayed from the same package coming back
   * by a longer loop, as a Tor relay cannot tell a circuit that comes back through it. Such a route
   * is relayed once per block, so no more than the longest route allows (a longer one is refused
   * when decoded), and every relay of it is billed to its payer.
   */
  @Test
  void a_route_circling_three_nodes_is_relayed_once_per_block_and_no_more() throws Exception {
    TestNode third = network.node("C");
    List<PublicKey> circling =
        List.of(
            originator.key(),
            relay.key(),
            other.key(),
            third.key(),
            relay.key(),
            other.key(),
            third.key(),
            exit.key());
    RoutePlan plan =
        RoutePlan.oneWay(circling, Component.PROXY_CLIENT, k -> Optional.empty(), RANDOM);

    originator.hopper.transmit(
        plan.incipient(PayloadEnvelopes.seal(EnvelopeSealer.to(exit.key(), RANDOM), request(0))));
    network.deliverAll();

    assertThat(relay.hopper.relayedPackages()).isEqualTo(2);
    assertThat(other.hopper.relayedPackages()).isEqualTo(2);
    assertThat(third.hopper.relayedPackages()).isEqualTo(2);
    assertThat(exit.toProxyClient).hasSize(1);
  }

  @Test
  void a_route_that_names_a_node_twice_in_a_row_is_dropped_there() throws Exception {
    RoutePlan plan =
        RoutePlan.oneWay(
            List.of(originator.key(), relay.key(), relay.key(), exit.key()),
            Component.PROXY_CLIENT,
            k -> Optional.empty(),
            RANDOM);

    originator.hopper.transmit(
        plan.incipient(PayloadEnvelopes.seal(EnvelopeSealer.to(exit.key(), RANDOM), request(0))));
    network.deliverAll();

    assertThat(network.log.stream().map(Object::toString)).containsExactly("O→A");
    assertThat(relay.hopper.droppedPackages()).isEqualTo(1);
  }

  @Test
  void past_the_horizon_a_replay_cannot_be_told_from_a_new_package() throws Exception {
    originator.hopper.transmit(
        stream()
            .incipient(PayloadEnvelopes.seal(EnvelopeSealer.to(exit.key(), RANDOM), request(0))));
    network.deliverAll();
    byte[] held = received(originator, relay).get(0);

    relay.clock.advance(ReplayMemory.HORIZON);
    relay.hopper.receive(held, originator.address);

    assertThat(relay.hopper.relayedPackages())
        .as("the limit the exit's memory of closed streams covers")
        .isEqualTo(2);
  }
}
