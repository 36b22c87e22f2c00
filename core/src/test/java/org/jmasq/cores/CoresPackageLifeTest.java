package org.jmasq.cores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.ClientResponse;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.payload.ProxyProtocol;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamKey;
import org.jmasq.wire.DecodeException;
import org.junit.jupiter.api.Test;

/**
 * One request and its response through the whole CORES life cycle on a round trip O → A → X → C →
 * O: Incipient at the originator, Live (encoded and decoded) between Nodes, Expired at the exit and
 * back at the originator, with the response sealed to the originator's alias key.
 */
class CoresPackageLifeTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private record FakeNode(NodeKeyPair keys, EnvelopeOpener envelopes, RouteOpener routes) {
    static FakeNode create() {
      NodeKeyPair keys = NodeKeyPair.generate(RANDOM);
      EnvelopeOpener envelopes = new EnvelopeOpener(keys, 16);
      return new FakeNode(keys, envelopes, new RouteOpener(envelopes));
    }

    PublicKey key() {
      return keys.publicKey();
    }

    /** What a Hopper does first with a package: opens its block and takes its layers off. */
    Received receive(byte[] wire) throws DecodeException {
      byte[] bytes = wire.clone();
      PackageLayout layout = PackageLayout.of(bytes);
      RouteOpener.OpenedHop top = routes.openBlock(layout.topBlock(bytes));
      long tag = PackageLayout.tag(bytes);
      HopLayers.peel(top.session(), bytes, layout, tag);
      return new Received(bytes, layout, top, tag);
    }

    /**
     * Receives a package from the wire, checks it is a relay hop to {@code next}, and passes it on.
     */
    byte[] relay(byte[] wire, PublicKey next) throws DecodeException {
      Received here = receive(wire);
      assertThat(here.top().hop().component()).isEqualTo(Component.HOPPER);
      assertThat(here.top().hop().nextKey()).contains(next);
      byte[] out = here.layout().shiftInPlace(here.bytes(), routes.padding(here.top()));
      PackageLayout.writeTag(out, here.tag() + here.top().hop().tagStep());
      return out;
    }
  }

  private record Received(byte[] bytes, PackageLayout layout, RouteOpener.OpenedHop top, long tag) {
    byte[] payload() {
      return Arrays.copyOfRange(
          bytes, layout.payloadOffset(), layout.payloadOffset() + layout.payloadLength());
    }
  }

  private final FakeNode originator = FakeNode.create();
  private final NodeKeyPair alias = NodeKeyPair.generate(RANDOM);
  private final FakeNode a = FakeNode.create();
  private final FakeNode exit = FakeNode.create();
  private final FakeNode c = FakeNode.create();
  private final InetSocketAddress neighbor =
      InetSocketAddress.createUnresolved("relay.invalid", 6642);

  @Test
  void a_request_reaches_the_exit_and_its_response_comes_back_sealed_to_the_alias_key()
      throws Exception {
    StreamKey stream = StreamKey.of(new byte[StreamKey.LENGTH]);
    ClientRequest request =
        new ClientRequest(
            stream,
            new SequencedPacket(new byte[] {'G', 'E', 'T'}, 0, false),
            Optional.of("example.com"),
            443,
            ProxyProtocol.TLS,
            alias.publicKey());
    RoutePlan plan =
        RoutePlan.roundTrip(
            List.of(originator.key(), a.key(), exit.key()),
            Component.PROXY_CLIENT,
            List.of(exit.key(), c.key(), originator.key()),
            Component.PROXY_SERVER,
            k -> Optional.of(CoresArbitraries.payerFor(k)),
            77,
            RANDOM);
    IncipientCoresPackage incipient =
        plan.incipient(PayloadEnvelopes.seal(EnvelopeSealer.to(exit.key(), RANDOM), request));

    // The originator's Hopper opens its own first hop and sends the package to A.
    RouteOpener.OpenedHop first = originator.routes().openTop(incipient.route());
    assertThat(first.hop().nextKey()).contains(a.key());
    byte[] toA =
        LiveCoresPackage.encode(
            incipient.tag() + first.hop().tagStep(),
            originator.routes().shift(incipient.route(), first),
            incipient.payload());
    byte[] toExit = a.relay(toA, exit.key());

    // The exit: the package expires at its ProxyClient, with the route still topped by its hop.
    Received atExit = exit.receive(toExit);
    RouteOpener.OpenedHop exitHop = atExit.top();
    assertThat(exitHop.hop().component()).isEqualTo(Component.PROXY_CLIENT);
    assertThat(exitHop.hop().payer()).contains(CoresArbitraries.payerFor(exit.key()));
    MessageType opened = PayloadEnvelopes.open(exit.envelopes(), atExit.payload());
    Route remaining = atExit.layout().route(atExit.bytes());
    ExpiredCoresPackage<ClientRequest> expired =
        new ExpiredCoresPackage<>(
            neighbor,
            exitHop.hop().payer().map(Payer::wallet),
            remaining,
            (ClientRequest) opened,
            atExit.layout().payloadLength());
    assertThat(expired.payload()).isEqualTo(request);

    // The exit answers along the same route, sealed to the key the request named.
    ClientResponse response =
        new ClientResponse(stream, new SequencedPacket(new byte[] {'2', '0', '0'}, 0, true));
    byte[] responsePayload =
        PayloadEnvelopes.seal(
            EnvelopeSealer.to(expired.payload().originatorKey(), RANDOM), response);
    assertThat(exitHop.hop().nextKey()).contains(c.key());
    byte[] toC =
        LiveCoresPackage.encode(
            12345 + exitHop.hop().tagStep(),
            exit.routes().shift(expired.remainingRoute(), exitHop),
            responsePayload);
    byte[] home = c.relay(toC, originator.key());

    // Home: the final hop is the ProxyServer's, the return route id follows, and once the way
    // back's layers are off only the alias opens the payload.
    Received atHome = originator.receive(home);
    RouteOpener.OpenedHop last = atHome.top();
    assertThat(last.hop().component()).isEqualTo(Component.PROXY_SERVER);
    assertThat(last.hop().nextKey()).isEmpty();
    Route homeRoute = atHome.layout().route(atHome.bytes());
    assertThat(originator.routes().returnRouteId(homeRoute)).isEqualTo(77);
    byte[] sealed = atHome.payload();
    assertThatThrownBy(() -> PayloadEnvelopes.open(new EnvelopeOpener(alias, 4), sealed))
        .as("still under C's layer")
        .isInstanceOf(DecodeException.class);
    plan.responseLayers().peel(atHome.tag(), sealed, 0, sealed.length);
    assertThat(PayloadEnvelopes.open(new EnvelopeOpener(alias, 4), sealed)).isEqualTo(response);
    assertThatThrownBy(() -> PayloadEnvelopes.open(originator.envelopes(), sealed))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.UNAUTHENTIC));

    // Every package on the wire had the same length of route.
    for (byte[] wire : List.of(toA, toExit, toC, home)) {
      assertThat(LiveCoresPackage.decode(wire).route().size()).isEqualTo(incipient.route().size());
    }
  }

  @Test
  void a_relay_cannot_read_the_payload_meant_for_the_exit() throws Exception {
    ClientRequest request =
        new ClientRequest(
            StreamKey.of(new byte[20]),
            new SequencedPacket(new byte[0], 0, false),
            Optional.of("example.com"),
            80,
            ProxyProtocol.HTTP,
            alias.publicKey());
    byte[] payload = PayloadEnvelopes.seal(EnvelopeSealer.to(exit.key(), RANDOM), request);
    for (FakeNode other : List.of(originator, a, c)) {
      assertThatThrownBy(() -> PayloadEnvelopes.open(other.envelopes(), payload))
          .isInstanceOfSatisfying(
              DecodeException.class,
              e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.UNAUTHENTIC));
    }
  }

  @Test
  void an_expired_package_requires_every_field() {
    Route route = new Route(List.of(new byte[Route.BLOCK_LENGTH]));
    assertThatThrownBy(
            () ->
                new ExpiredCoresPackage<ClientResponse>(neighbor, Optional.empty(), route, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IncipientCoresPackage(null, new byte[0], 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
