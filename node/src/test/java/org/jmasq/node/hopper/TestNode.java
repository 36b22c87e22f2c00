package org.jmasq.node.hopper;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.HopContent;
import org.jmasq.cores.ResponseLayers;
import org.jmasq.cores.Route;
import org.jmasq.cores.RouteOpener;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.MessageType;
import org.jmasq.time.ManualClock;
import org.jmasq.wire.DecodeException;

/**
 * One Node's Hopper with real keys, recording every package it expires. The Hopper's links are
 * whatever the test gives it (an {@link InMemoryNetwork}, or a recorder).
 */
final class TestNode {
  static final SecureRandom RANDOM = new SecureRandom();
  private static int nextPort = 40_000;

  final String name;
  final NodeKeyPair mainKeys;
  final NodeKeyPair aliasKeys;
  final InetSocketAddress address;
  final List<ExpiredCoresPackage<MessageType>> toProxyServer = new CopyOnWriteArrayList<>();
  final List<ExpiredCoresPackage<ClientRequest>> toProxyClient = new CopyOnWriteArrayList<>();
  final List<ExpiredCoresPackage<MessageType>> toNeighborhood = new CopyOnWriteArrayList<>();

  /** This Node's view of routes, for the test's own checks; separate from the Hopper's. */
  final RouteOpener routes;

  final Hopper hopper;

  private final Map<Long, ResponseLayers> waysBack = new ConcurrentHashMap<>();

  /** The clock of this Node's replay memory and drop log, moved by hand. */
  final ManualClock clock = new ManualClock(Instant.parse("2024-01-01T00:00:00Z"));

  TestNode(String name, Hopper.Links links) {
    this(name, NodeKeyPair.generate(RANDOM), NodeKeyPair.generate(RANDOM), links);
  }

  /** A fresh Hopper and fresh recorders for a Node whose keys the test keeps. */
  TestNode(String name, NodeKeyPair mainKeys, NodeKeyPair aliasKeys, Hopper.Links links) {
    this(name, mainKeys, aliasKeys, links, Hopper.Billing.FREE);
  }

  /** A Node whose Hopper admits and bills payers with {@code billing}. */
  TestNode(
      String name,
      NodeKeyPair mainKeys,
      NodeKeyPair aliasKeys,
      Hopper.Links links,
      Hopper.Billing billing) {
    this.name = name;
    this.mainKeys = mainKeys;
    this.aliasKeys = aliasKeys;
    this.routes = new RouteOpener(new EnvelopeOpener(mainKeys, 64));
    synchronized (TestNode.class) {
      this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), nextPort++);
    }
    EnvelopeOpener mainOpener = new EnvelopeOpener(mainKeys, 64);
    this.hopper =
        new Hopper(
            mainKeys.publicKey(),
            address,
            new RouteOpener(mainOpener),
            mainOpener,
            new EnvelopeOpener(aliasKeys, 64),
            links,
            new Hopper.Deliveries(
                toProxyServer::add,
                e -> toProxyClient.add(asRequest(e)),
                toNeighborhood::add,
                this::wayBack),
            billing,
            clock);
  }

  /**
   * Remembers the way back of a round trip this Node built, as its ProxyServer does, so that its
   * Hopper can take the way back's layers off the responses; returns the plan.
   */
  RoutePlan built(RoutePlan plan) {
    if (plan.hops().getLast().content() instanceof HopContent.ReturnRouteId id) {
      waysBack.put(id.id(), plan.responseLayers());
    }
    return plan;
  }

  /**
   * The way back's layers of a round trip this Node built. A one-way route to the ProxyServer,
   * which tests of one Hopper send, has no return route id and no way back: only its final hop's
   * layer, which the Hopper has already taken off.
   */
  private Optional<ResponseLayers> wayBack(Route remaining) {
    try {
      return Optional.ofNullable(waysBack.get(routes.returnRouteId(remaining)));
    } catch (DecodeException e) {
      return Optional.of(ResponseLayers.NONE);
    }
  }

  PublicKey key() {
    return mainKeys.publicKey();
  }

  int deliveries() {
    return toProxyServer.size() + toProxyClient.size() + toNeighborhood.size();
  }

  @Override
  public String toString() {
    return name;
  }

  /** The exit's deliveries as the tests read them: every package a request's. */
  static ExpiredCoresPackage<ClientRequest> asRequest(ExpiredCoresPackage<MessageType> e) {
    return new ExpiredCoresPackage<>(
        e.immediateNeighbor(),
        e.payingWallet(),
        e.remainingRoute(),
        (ClientRequest) e.payload(),
        e.payloadLength());
  }
}
