package org.jmasq.node.hopper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jmasq.accountant.PayerGate;
import org.jmasq.accountant.ProviderCharges;
import org.jmasq.cores.Component;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.HopContent;
import org.jmasq.cores.HopLayers;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.LiveCoresPackage;
import org.jmasq.cores.PackageLayout;
import org.jmasq.cores.Payer;
import org.jmasq.cores.ResponseLayers;
import org.jmasq.cores.Route;
import org.jmasq.cores.RouteOpener;
import org.jmasq.crypto.Envelope;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.ClientResponse;
import org.jmasq.payload.DnsResolveFailure;
import org.jmasq.payload.ExitFailure;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.payload.StreamAck;
import org.jmasq.wire.DecodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CORES package engine. Outgoing: opens this Node's own top hop, shifts the route and hands the
 * live package to the next Node. Incoming: opens this Node's hop, takes its layer off ({@link
 * HopLayers}), then relays (shift, step the tag and pass on), loops back when the next Node is this
 * one (zero-hop), or expires the package to its component; a response first loses the way back's
 * layers ({@link ResponseLayers}).
 *
 * <p>A package from another Node that this Node relays or serves as an exit is admitted (its payer)
 * and then remembered ({@link ReplayMemory}): one that came before is dropped before it is billed
 * or forwarded. Drops are logged at most once a minute per peer ({@link DropLog}).
 *
 * <p>Threading: it runs on whichever thread hands it a package (a client's or server's reader, or a
 * link's reader) and never blocks except in {@link Links}. Its state is counters and the two
 * bounded memories above, each behind a lock held only for map work.
 */
public final class Hopper {
  private static final Logger log = LoggerFactory.getLogger(Hopper.class);

  /**
   * A zero-hop route passes through this Node a handful of times; a loop beyond this is hostile.
   */
  private static final int MAX_LOCAL_HOPS = Route.MAX_HOPS;

  /** Sends a live package to a neighbor. */
  public interface Links {
    void send(PublicKey next, byte[] livePackage) throws IOException;
  }

  /**
   * Where expired packages go, and the layers the relays of this Node's ways back put on responses
   * ({@link ResponseLayers}), by the route a response came back on; empty for a route this Node
   * does not know (or no longer remembers).
   */
  public record Deliveries(
      Consumer<ExpiredCoresPackage<MessageType>> proxyServer,
      Consumer<ExpiredCoresPackage<MessageType>> proxyClient,
      Consumer<ExpiredCoresPackage<MessageType>> neighborhood,
      Function<Route, Optional<ResponseLayers>> responseLayers) {}

  /**
   * How this Node admits and bills the payers of the packages it relays or exits. With no gate,
   * every package is served and nothing is billed (zero-hop).
   */
  public record Billing(Optional<PayerGate> gate, ProviderCharges charges) {
    static final Billing FREE = new Billing(Optional.empty(), ProviderCharges.none());
  }

  private final PublicKey self;
  private final InetSocketAddress selfAddress;
  private final RouteOpener routes;
  private final EnvelopeOpener mainPayloads;
  private final EnvelopeOpener aliasPayloads;
  private final Links links;
  private final Deliveries deliveries;
  private final Billing billing;
  private final ReplayMemory replays;
  private final DropLog drops;
  private final Map<DropReason, LongAdder> dropped = DropReason.counters();
  private final LongAdder relayed = new LongAdder();
  private final LongAdder relayedBytes = new LongAdder();
  private final LongAdder expired = new LongAdder();

  public Hopper(
      PublicKey self,
      InetSocketAddress selfAddress,
      RouteOpener routes,
      EnvelopeOpener mainPayloads,
      EnvelopeOpener aliasPayloads,
      Links links,
      Deliveries deliveries,
      InstantSource clock) {
    this(
        self,
        selfAddress,
        routes,
        mainPayloads,
        aliasPayloads,
        links,
        deliveries,
        Billing.FREE,
        clock);
  }

  public Hopper(
      PublicKey self,
      InetSocketAddress selfAddress,
      RouteOpener routes,
      EnvelopeOpener mainPayloads,
      EnvelopeOpener aliasPayloads,
      Links links,
      Deliveries deliveries,
      Billing billing,
      InstantSource clock) {
    this.billing = billing;
    this.replays = new ReplayMemory(clock);
    this.drops = new DropLog(clock);
    this.self = self;
    this.selfAddress = selfAddress;
    this.routes = routes;
    this.mainPayloads = mainPayloads;
    this.aliasPayloads = aliasPayloads;
    this.links = links;
    this.deliveries = deliveries;
  }

  /**
   * Sends a package this Node originates (or answers along a remaining route). The top hop is this
   * Node's own; it names the first Node to send to.
   *
   * @throws IOException when the route is not this Node's or the next Node cannot be reached
   */
  public void transmit(IncipientCoresPackage incipient) throws IOException {
    RouteOpener.OpenedHop top;
    try {
      top = routes.openTop(incipient.route());
    } catch (DecodeException e) {
      throw new IOException("cannot open this Node's own hop: " + e.getMessage(), e);
    }
    PublicKey next =
        top.hop()
            .nextKey()
            .orElseThrow(() -> new IOException("this Node's hop names no next Node"));
    forward(
        next,
        LiveCoresPackage.encode(
            incipient.tag() + top.hop().tagStep(),
            routes.shift(incipient.route(), top),
            incipient.payload()));
  }

  /**
   * Handles a live package from {@code from} that came over no link (this Node's own). Bad packages
   * are logged and dropped, never thrown.
   */
  public void receive(byte[] bytes, InetSocketAddress from) {
    receive(bytes, from, Optional.empty());
  }

  /**
   * Handles a live package that arrived on the link to {@code peer}, the key its handshake proved.
   * Bad packages are logged and dropped, never thrown.
   */
  public void receive(byte[] bytes, InetSocketAddress from, PublicKey peer) {
    receive(bytes, from, Optional.of(peer));
  }

  private void receive(byte[] bytes, InetSocketAddress from, Optional<PublicKey> peer) {
    // Whether the package is this Node's own is decided once, by where it came from: a package from
    // another Node whose hop names this Node as the next is refused as turning back, and never
    // loops here; only this Node's own packages (zero-hop) do.
    boolean local = from.equals(selfAddress);
    byte[] current = bytes;
    for (int localHops = 0; localHops < MAX_LOCAL_HOPS; localHops++) {
      Optional<byte[]> loopedBack = receiveOnce(current, from, peer, local);
      if (loopedBack.isEmpty()) {
        return;
      }
      current = loopedBack.get();
    }
    drop(
        from,
        DropReason.BAD_ROUTE,
        "route loops through this Node more than " + MAX_LOCAL_HOPS + " times");
  }

  /**
   * Returns the package to process again when the next Node is this one. A relay reads only the
   * framing and its own block; the payload passes through without being decoded or copied apart.
   */
  private Optional<byte[]> receiveOnce(
      byte[] bytes, InetSocketAddress from, Optional<PublicKey> peer, boolean local) {
    PackageLayout layout;
    byte[] topBlock;
    RouteOpener.OpenedHop top;
    try {
      layout = PackageLayout.of(bytes);
      topBlock = layout.topBlock(bytes);
      top = routes.openBlock(topBlock);
    } catch (DecodeException e) {
      drop(from, DropReason.UNDECODABLE, e.getMessage());
      return Optional.empty();
    }
    HopContent.LiveHop hop = top.hop();
    if (hop.component() == Component.HOPPER && hop.nextKey().isEmpty()) {
      drop(from, DropReason.BAD_ROUTE, "a relay hop that names no next Node");
      return Optional.empty();
    }
    if (!local && hop.component() == Component.HOPPER && layout.hops() < Route.MIN_RELAYED_BLOCKS) {
      drop(
          from,
          DropReason.BAD_ROUTE,
          "a relay hop in a route of " + layout.hops() + " blocks: its sender's is missing");
      return Optional.empty();
    }
    if (!local
        && hop.component() == Component.HOPPER
        && turnsBack(hop.nextKey().get(), peer, layout.hops())) {
      drop(
          from,
          DropReason.BAD_ROUTE,
          "a relay hop back to this Node or to the Node the package came from");
      return Optional.empty();
    }
    long tag = PackageLayout.tag(bytes);
    Optional<Wallet> payer = Optional.empty();
    if (!local
        && (hop.component() == Component.HOPPER || hop.component() == Component.PROXY_CLIENT)) {
      // Relays and exits serve a paying originator, and serve each package once. Gossip and
      // responses carry no payer, and their receivers drop what they already had.
      String role = hop.component() == Component.HOPPER ? "relay" : "exit";
      Admission admission = admit(hop);
      if (admission instanceof Admission.Refused r) {
        drop(from, DropReason.PAYER_REFUSED, role + " refused: " + r.reason());
        return Optional.empty();
      }
      payer = ((Admission.Served) admission).payer();
      Optional<String> seen =
          replays.remember(Envelope.positionOf(topBlock, 0).sealer(), tag, payer);
      if (seen.isPresent()) {
        drop(from, DropReason.REPLAYED, role + " refused: " + seen.get());
        return Optional.empty();
      }
    }
    HopLayers.peel(top.session(), bytes, layout, tag);
    if (hop.component() == Component.HOPPER) {
      Optional<PublicKey> next = hop.nextKey();
      // In place: the array is this Node's alone (a link's frame, or a package it made), and a
      // relay then never copies the payload it passes on.
      byte[] shifted = layout.shiftInPlace(bytes, routes.padding(top));
      PackageLayout.writeTag(shifted, tag + hop.tagStep());
      if (next.get().equals(self)) {
        return Optional.of(shifted);
      }
      try {
        relayed.increment();
        relayedBytes.add(shifted.length);
        links.send(next.get(), shifted);
        payer.ifPresent(w -> billing.charges().relayed(w, layout.payloadLength()));
      } catch (IOException e) {
        drop(
            from,
            DropReason.NEXT_UNREACHABLE,
            "next Node " + next.get() + " unreachable: " + e.getMessage());
      }
      return Optional.empty();
    }
    expire(bytes, layout, hop, tag, from, peer);
    return Optional.empty();
  }

  /**
   * Whether another Node's package would go from here to this Node again, or back to the Node it
   * came from in a route of more than {@value Route#MIN_RELAYED_BLOCKS} blocks. No real route does
   * either: each leg names a Node once, and the over leg's last relay hands the package to the
   * exit. A route that does bounces between Nodes, and its layers make the package new to a Node
   * each time it comes back, so it ends here. Turning back in a route of three blocks, the fewest a
   * relay takes, is let through, as a Node's check of its own link: the Node it goes back to opens
   * the route's last real block, so the package goes at most one Node further.
   */
  private boolean turnsBack(PublicKey next, Optional<PublicKey> peer, int blocks) {
    return next.equals(self)
        || blocks > Route.MIN_RELAYED_BLOCKS && peer.isPresent() && next.equals(peer.get());
  }

  private void forward(PublicKey next, byte[] live) throws IOException {
    if (next.equals(self)) {
      receive(live, selfAddress);
    } else {
      links.send(next, live);
    }
  }

  /** Whether a package from another Node is served, and whom it is billed to. */
  private sealed interface Admission {
    record Served(Optional<Wallet> payer) implements Admission {}

    record Refused(String reason) implements Admission {}
  }

  private Admission admit(HopContent.LiveHop hop) {
    if (billing.gate().isEmpty()) {
      return new Admission.Served(Optional.empty());
    }
    return switch (billing.gate().get().check(hop.payer())) {
      case PayerGate.Verdict.Serve s -> new Admission.Served(Optional.of(s.wallet()));
      case PayerGate.Verdict.Refuse r -> new Admission.Refused(r.reason());
    };
  }

  /** Opens the payload where it lies in the package and hands it to its component. */
  private void expire(
      byte[] bytes,
      PackageLayout layout,
      HopContent.LiveHop hop,
      long tag,
      InetSocketAddress from,
      Optional<PublicKey> peer) {
    // Responses come back sealed to the alias key, so an exit never sees the main identity.
    EnvelopeOpener opener =
        hop.component() == Component.PROXY_SERVER ? aliasPayloads : mainPayloads;
    MessageType message;
    Route route;
    try {
      route = layout.route(bytes);
      if (hop.component() == Component.PROXY_SERVER) {
        Optional<ResponseLayers> layers = deliveries.responseLayers().apply(route);
        if (layers.isEmpty()) {
          drop(from, DropReason.UNDECODABLE, "a response on a route this Node does not know");
          return;
        }
        layers.get().peel(tag, bytes, layout.payloadOffset(), layout.payloadLength());
      }
      message =
          PayloadEnvelopes.open(opener, bytes, layout.payloadOffset(), layout.payloadLength());
    } catch (DecodeException e) {
      drop(from, DropReason.UNDECODABLE, "payload for " + hop.component() + ": " + e.getMessage());
      return;
    }
    ExpiredCoresPackage<MessageType> expiredPackage =
        new ExpiredCoresPackage<>(
            from, hop.payer().map(Payer::wallet), route, message, layout.payloadLength(), peer);
    expired.increment();
    switch (hop.component()) {
      case PROXY_CLIENT -> {
        if (message instanceof ClientRequest || message instanceof StreamAck) {
          deliveries.proxyClient().accept(expiredPackage);
        } else {
          mismatch(from, hop.component(), message);
        }
      }
      case PROXY_SERVER -> {
        if (message instanceof ClientResponse
            || message instanceof DnsResolveFailure
            || message instanceof ExitFailure
            || message instanceof StreamAck) {
          deliveries.proxyServer().accept(expiredPackage);
        } else {
          mismatch(from, hop.component(), message);
        }
      }
      case NEIGHBORHOOD -> {
        if (message instanceof Gossip || message instanceof GossipFailure) {
          deliveries.neighborhood().accept(expiredPackage);
        } else {
          mismatch(from, hop.component(), message);
        }
      }
      case HOPPER -> throw new IllegalStateException("relay hops never expire");
    }
  }

  private void mismatch(InetSocketAddress from, Component component, MessageType message) {
    drop(
        from,
        DropReason.WRONG_COMPONENT,
        message.getClass().getSimpleName() + " is not for " + component);
  }

  private void drop(InetSocketAddress from, DropReason reason, String why) {
    dropped.get(reason).increment();
    log.debug("Dropped a package from {}: {}", from, why);
    drops.warning(from, why).ifPresent(log::warn);
  }

  public long droppedPackages() {
    return dropped.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Packages dropped so far, by why; every reason is there, 0 where none was dropped. */
  public Map<DropReason, Long> droppedByReason() {
    Map<DropReason, Long> counts = new EnumMap<>(DropReason.class);
    dropped.forEach((reason, count) -> counts.put(reason, count.sum()));
    return counts;
  }

  /**
   * X25519 agreements made to open what was sealed to this Node: hop blocks and payloads to its
   * main key, responses to its alias key. One per route and Node when routes carry many streams.
   */
  public long publicKeyAgreements() {
    return mainPayloads.agreements() + aliasPayloads.agreements();
  }

  public long relayedPackages() {
    return relayed.sum();
  }

  public long relayedBytes() {
    return relayedBytes.sum();
  }

  long expiredPackages() {
    return expired.sum();
  }
}
