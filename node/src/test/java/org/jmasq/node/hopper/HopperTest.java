package org.jmasq.node.hopper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jmasq.node.hopper.TestNode.RANDOM;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jmasq.cores.Component;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.LiveCoresPackage;
import org.jmasq.cores.Route;
import org.jmasq.cores.RouteOpener;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.PublicKey;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.ClientResponse;
import org.jmasq.payload.DnsResolveFailure;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.payload.ProxyProtocol;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamKey;
import org.jmasq.wire.DecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Hopper with real keys: zero-hop loopback, relaying along a three-Node route, and what it
 * drops.
 */
class HopperTest {
  private static final StreamKey STREAM = StreamKey.of(new byte[StreamKey.LENGTH]);

  private final InMemoryNetwork network = new InMemoryNetwork();

  private static ClientRequest request(TestNode originator, String data) {
    return new ClientRequest(
        STREAM,
        new SequencedPacket(data.getBytes(StandardCharsets.US_ASCII), 0, false),
        Optional.of("example.com"),
        80,
        ProxyProtocol.HTTP,
        originator.aliasKeys.publicKey());
  }

  private static ClientResponse response(String data) {
    return new ClientResponse(
        STREAM, new SequencedPacket(data.getBytes(StandardCharsets.US_ASCII), 0, false));
  }

  private static byte[] sealed(PublicKey to, MessageType message) throws CryptoException {
    return PayloadEnvelopes.seal(EnvelopeSealer.to(to, RANDOM), message);
  }

  private static RoutePlan roundTrip(List<PublicKey> over, List<PublicKey> back, long returnRouteId)
      throws CryptoException {
    return RoutePlan.roundTrip(
        over,
        Component.PROXY_CLIENT,
        back,
        Component.PROXY_SERVER,
        k -> Optional.empty(),
        returnRouteId,
        RANDOM);
  }

  @Test
  void a_zero_hop_round_trip_reaches_the_proxy_client_and_its_answer_the_proxy_server()
      throws Exception {
    TestNode self = network.node("self");
    PublicKey k = self.key();
    ClientRequest request = request(self, "GET / HTTP/1.1\r\n\r\n");

    self.hopper.transmit(
        self.built(roundTrip(List.of(k, k), List.of(k, k), 42)).incipient(sealed(k, request)));

    assertThat(self.toProxyClient).hasSize(1);
    ExpiredCoresPackage<ClientRequest> atExit = self.toProxyClient.get(0);
    assertThat(atExit.payload()).isEqualTo(request);
    assertThat(atExit.immediateNeighbor()).isEqualTo(self.address);
    assertThat(atExit.payingWallet()).isEmpty();
    assertThat(self.toProxyServer).isEmpty();

    ClientResponse answer = response("HTTP/1.1 200 OK\r\n\r\n");
    self.hopper.transmit(
        new IncipientCoresPackage(
            atExit.remainingRoute(), sealed(atExit.payload().originatorKey(), answer), 0));

    assertThat(self.toProxyServer).hasSize(1);
    ExpiredCoresPackage<MessageType> back = self.toProxyServer.get(0);
    assertThat(back.payload()).isEqualTo(answer);
    assertThat(self.routes.returnRouteId(back.remainingRoute())).isEqualTo(42);
    assertThat(self.toProxyClient).hasSize(1);
    assertThat(self.toNeighborhood).isEmpty();
    assertThat(network.log).as("a zero-hop Node uses no link").isEmpty();
    assertThat(self.hopper.expiredPackages()).isEqualTo(2);
    assertThat(self.hopper.droppedPackages()).isZero();
    assertThat(self.hopper.relayedPackages()).isZero();
  }

  @Test
  void a_response_on_a_route_this_node_does_not_know_is_dropped_unread() throws Exception {
    TestNode self = network.node("self");
    PublicKey k = self.key();
    RoutePlan forgotten = roundTrip(List.of(k, k), List.of(k, k), 43);

    self.hopper.transmit(forgotten.incipient(sealed(k, request(self, "x"))));
    ExpiredCoresPackage<ClientRequest> atExit = self.toProxyClient.get(0);
    self.hopper.transmit(
        new IncipientCoresPackage(
            atExit.remainingRoute(), sealed(self.aliasKeys.publicKey(), response("y")), 0));

    assertThat(self.toProxyServer).isEmpty();
    assertThat(self.hopper.droppedByReason()).containsEntry(DropReason.UNDECODABLE, 1L);
  }

  @Test
  void a_three_node_route_is_relayed_hop_by_hop_and_each_node_opens_only_its_own_hop()
      throws Exception {
    TestNode originator = network.node("O");
    TestNode relay = network.node("A");
    TestNode exit = network.node("X");
    List<TestNode> all = List.of(originator, relay, exit);
    ClientRequest request = request(originator, "hello exit");
    RoutePlan plan =
        originator.built(
            roundTrip(
                List.of(originator.key(), relay.key(), exit.key()),
                List.of(exit.key(), relay.key(), originator.key()),
                7));

    originator.hopper.transmit(plan.incipient(sealed(exit.key(), request)));
    network.deliverAll();

    assertThat(exit.toProxyClient)
        .singleElement()
        .satisfies(e -> assertThat(e.payload()).isEqualTo(request));
    assertThat(exit.toProxyClient.get(0).immediateNeighbor()).isEqualTo(relay.address);
    ExpiredCoresPackage<ClientRequest> atExit = exit.toProxyClient.get(0);
    ClientResponse answer = response("hello originator");
    exit.hopper.transmit(
        new IncipientCoresPackage(
            atExit.remainingRoute(), sealed(request.originatorKey(), answer), 0));
    network.deliverAll();

    assertThat(network.log.stream().map(Object::toString))
        .containsExactly("O→A", "A→X", "X→A", "A→O");
    assertThat(originator.toProxyServer)
        .singleElement()
        .satisfies(e -> assertThat(e.payload()).isEqualTo(answer));
    assertThat(originator.toProxyServer.get(0).immediateNeighbor()).isEqualTo(relay.address);
    assertThat(originator.routes.returnRouteId(originator.toProxyServer.get(0).remainingRoute()))
        .isEqualTo(7);
    assertThat(relay.deliveries()).as("a relay expires nothing").isZero();
    assertThat(relay.hopper.relayedPackages()).isEqualTo(2);
    assertThat(exit.deliveries()).isEqualTo(1);
    assertThat(originator.deliveries()).isEqualTo(1);

    for (InMemoryNetwork.Sent sent : network.log) {
      LiveCoresPackage live = LiveCoresPackage.decode(sent.bytes());
      assertThat(live.route().size()).as("route length on %s", sent).isEqualTo(plan.hops().size());
      for (TestNode node : all) {
        if (node == sent.to()) {
          assertThat(node.routes.openTop(live.route()).hop())
              .as("%s opens its hop on %s", node, sent)
              .isNotNull();
        } else {
          assertThatThrownBy(() -> node.routes.openTop(live.route()))
              .as("%s opens the top hop on %s", node, sent)
              .isInstanceOfSatisfying(
                  DecodeException.class,
                  e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.UNAUTHENTIC));
        }
      }
      assertThatThrownBy(
              () -> PayloadEnvelopes.open(new EnvelopeOpener(relay.mainKeys, 4), live.payload()))
          .as("the relay reads the payload on %s", sent)
          .isInstanceOf(DecodeException.class);
    }
  }

  @Test
  void a_relay_whose_next_node_is_unreachable_drops_the_package() throws Exception {
    TestNode originator = network.node("O");
    TestNode relay = network.node("A");
    TestNode stranger = new TestNode("S", (next, bytes) -> {});
    RoutePlan plan =
        RoutePlan.oneWay(
            List.of(originator.key(), relay.key(), stranger.key()),
            Component.PROXY_CLIENT,
            k -> Optional.empty(),
            RANDOM);

    originator.hopper.transmit(plan.incipient(sealed(stranger.key(), request(originator, "x"))));
    network.deliverAll();

    assertThat(relay.hopper.droppedPackages()).isEqualTo(1);
    assertThat(stranger.deliveries()).isZero();
    assertThat(relay.hopper.droppedByReason()).containsEntry(DropReason.NEXT_UNREACHABLE, 1L);
  }

  @Test
  void gossip_reaches_the_neighborhood_with_the_key_of_the_link_it_came_over() throws Exception {
    TestNode sender = network.node("S");
    TestNode relay = network.node("R");
    TestNode target = network.node("T");
    Gossip gossip = new Gossip(List.of());

    sender.hopper.transmit(
        gossipRoute(sender.key(), target.key()).incipient(sealed(target.key(), gossip)));
    sender.hopper.transmit(
        gossipRoute(sender.key(), relay.key(), target.key())
            .incipient(sealed(target.key(), gossip)));
    network.deliverAll();

    assertThat(target.toNeighborhood).hasSize(2);
    assertThat(target.toNeighborhood.get(0).immediateNeighborKey()).contains(sender.key());
    assertThat(target.toNeighborhood.get(0).remainingRoute().size())
        .isEqualTo(Route.ONE_HOP_BLOCKS);
    assertThat(target.toNeighborhood.get(1).immediateNeighborKey())
        .as("through a relay, the link is the relay's")
        .contains(relay.key());
    assertThat(target.toNeighborhood.get(1).remainingRoute().size()).isEqualTo(3);
  }

  @Test
  void a_relay_refuses_a_package_made_to_look_like_its_own_when_passed_on() throws Exception {
    TestNode stranger = network.node("S");
    TestNode relay = network.node("R");
    TestNode target = network.node("T");
    // No block of the stranger's: passed on by the relay, it would arrive as the relay's Gossip.
    byte[] live =
        new LiveCoresPackage(
                0,
                gossipRoute(relay.key(), target.key()).seal(),
                sealed(target.key(), new Gossip(List.of())))
            .encode();

    relay.hopper.receive(live, stranger.address, stranger.key());
    network.deliverAll();

    assertThat(relay.hopper.droppedPackages()).isEqualTo(1);
    assertThat(relay.hopper.relayedPackages()).isZero();
    assertThat(target.toNeighborhood).isEmpty();
  }

  private static RoutePlan gossipRoute(PublicKey... keys) throws CryptoException {
    return RoutePlan.oneWay(List.of(keys), Component.NEIGHBORHOOD, k -> Optional.empty(), RANDOM);
  }

  @Test
  void transmitting_on_a_route_whose_top_hop_is_another_nodes_fails() throws Exception {
    TestNode self = network.node("self");
    TestNode other = network.node("other");
    RoutePlan plan =
        RoutePlan.oneWay(
            List.of(other.key(), self.key()),
            Component.PROXY_CLIENT,
            k -> Optional.empty(),
            RANDOM);

    assertThatThrownBy(
            () -> self.hopper.transmit(plan.incipient(sealed(self.key(), request(self, "x")))))
        .isInstanceOf(IOException.class);
    assertThat(network.log).isEmpty();
  }

  static Stream<Arguments> pairings() {
    TestNode n = new TestNode("pairing", (next, bytes) -> {});
    ClientRequest request = request(n, "x");
    ClientResponse response = response("y");
    DnsResolveFailure dnsFailure = new DnsResolveFailure(STREAM);
    Gossip gossip = new Gossip(List.of());
    return Stream.of(
        Arguments.of(n, Component.PROXY_CLIENT, request, false, true),
        Arguments.of(n, Component.PROXY_CLIENT, response, false, false),
        Arguments.of(n, Component.PROXY_CLIENT, gossip, false, false),
        Arguments.of(n, Component.PROXY_SERVER, response, true, true),
        Arguments.of(n, Component.PROXY_SERVER, dnsFailure, true, true),
        Arguments.of(n, Component.PROXY_SERVER, request, true, false),
        Arguments.of(n, Component.PROXY_SERVER, gossip, true, false),
        Arguments.of(n, Component.PROXY_SERVER, response, false, false),
        Arguments.of(n, Component.NEIGHBORHOOD, gossip, false, true),
        Arguments.of(n, Component.NEIGHBORHOOD, request, false, false),
        Arguments.of(n, Component.NEIGHBORHOOD, response, false, false),
        Arguments.of(n, Component.PROXY_CLIENT, request, true, false));
  }

  @ParameterizedTest(name = "{2} for {1}, sealed to the alias key: {3}, delivered: {4}")
  @MethodSource("pairings")
  void a_payload_is_delivered_only_to_the_component_it_belongs_to_under_the_right_key(
      TestNode node,
      Component component,
      MessageType message,
      boolean sealedToAlias,
      boolean delivered)
      throws Exception {
    PublicKey k = node.key();
    PublicKey payloadKey = sealedToAlias ? node.aliasKeys.publicKey() : k;
    RoutePlan plan = RoutePlan.oneWay(List.of(k, k), component, key -> Optional.empty(), RANDOM);
    long droppedBefore = node.hopper.droppedPackages();
    int deliveriesBefore = node.deliveries();

    node.hopper.transmit(plan.incipient(sealed(payloadKey, message)));

    List<? extends ExpiredCoresPackage<?>> recipient =
        switch (component) {
          case PROXY_CLIENT -> node.toProxyClient;
          case PROXY_SERVER -> node.toProxyServer;
          case NEIGHBORHOOD -> node.toNeighborhood;
          case HOPPER -> throw new IllegalArgumentException("not a recipient");
        };
    if (delivered) {
      assertThat(node.deliveries()).isEqualTo(deliveriesBefore + 1);
      assertThat(recipient.get(recipient.size() - 1).payload()).isEqualTo(message);
      assertThat(node.hopper.droppedPackages()).isEqualTo(droppedBefore);
    } else {
      assertThat(node.deliveries()).isEqualTo(deliveriesBefore);
      assertThat(node.hopper.droppedPackages()).isEqualTo(droppedBefore + 1);
    }
  }

  @Test
  void a_package_sealed_for_another_node_is_dropped_without_delivery_or_relay() throws Exception {
    TestNode self = network.node("self");
    TestNode other = network.node("other");
    TestNode sender = network.node("sender");
    RoutePlan plan =
        RoutePlan.oneWay(
            List.of(sender.key(), other.key()),
            Component.PROXY_CLIENT,
            k -> Optional.empty(),
            RANDOM);
    IncipientCoresPackage incipient = plan.incipient(sealed(other.key(), request(other, "x")));
    RouteOpener.OpenedHop top = sender.routes.openTop(incipient.route());
    byte[] live =
        LiveCoresPackage.encode(
            incipient.tag() + top.hop().tagStep(),
            sender.routes.shift(incipient.route(), top),
            incipient.payload());

    self.hopper.receive(live, sender.address);

    assertThat(self.deliveries()).isZero();
    assertThat(self.hopper.droppedPackages()).isEqualTo(1);
    assertThat(network.log).isEmpty();

    other.hopper.receive(live, self.address);
    assertThat(other.toProxyClient).as("the Node it was sealed for takes it").hasSize(1);
  }

  @Test
  void a_hop_for_this_node_with_a_payload_sealed_to_another_node_is_dropped() throws Exception {
    TestNode self = network.node("self");
    TestNode other = network.node("other");
    PublicKey k = self.key();
    RoutePlan plan =
        RoutePlan.oneWay(List.of(k, k), Component.PROXY_CLIENT, key -> Optional.empty(), RANDOM);

    self.hopper.transmit(plan.incipient(sealed(other.key(), request(self, "x"))));

    assertThat(self.deliveries()).isZero();
    assertThat(self.hopper.droppedPackages()).isEqualTo(1);
  }

  @Test
  void bytes_that_are_not_a_package_are_dropped_and_counted() {
    TestNode self = network.node("self");
    self.hopper.receive(new byte[0], self.address);
    self.hopper.receive(new byte[] {2, 1}, self.address);
    self.hopper.receive(new byte[] {1, 0}, self.address);
    self.hopper.receive(new byte[] {1, 1, 0, 0}, self.address);
    assertThat(self.hopper.droppedPackages()).isEqualTo(4);
    assertThat(self.hopper.droppedByReason())
        .as("counted by reason, every reason listed")
        .containsEntry(DropReason.UNDECODABLE, 4L)
        .containsEntry(DropReason.REPLAYED, 0L)
        .hasSize(DropReason.values().length);
    assertThat(self.deliveries()).isZero();
  }
}
