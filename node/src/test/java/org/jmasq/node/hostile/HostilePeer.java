package org.jmasq.node.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jmasq.cores.Component;
import org.jmasq.cores.HopContent;
import org.jmasq.cores.HopLayers;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.LiveCoresPackage;
import org.jmasq.cores.PackageLayout;
import org.jmasq.cores.Payer;
import org.jmasq.cores.ResponseLayers;
import org.jmasq.cores.Route;
import org.jmasq.cores.RouteOpener;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.LocalNode;
import org.jmasq.neighborhood.NodeRecord;
import org.jmasq.neighborhood.NodeRecordInner;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.blockchain.Web3jPayerProofs;
import org.jmasq.node.link.DialPolicy;
import org.jmasq.node.link.LinkManager;
import org.jmasq.node.link.Transport;
import org.jmasq.node.runtime.SystemRuntime;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.ClientResponse;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.payload.ProxyProtocol;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamKey;
import org.jmasq.wire.DecodeException;

/**
 * A scripted hostile peer for attack tests: its own Node key, its own address on loopback and a
 * real TLS link (the Node's own {@link LinkManager}, so its handshake is genuine), but no
 * Neighborhood, Hopper or Accountant deciding for it. The test says what it sends: any Gossip, any
 * route (relays, loops, lengths), any payload, signed or forged, once or again byte for byte.
 *
 * <p>Every live package it sends is kept ({@link #sent()}), so a test can replay exactly the bytes
 * a relay would hold. What arrives on its links is kept too ({@link #received()}).
 */
public final class HostilePeer implements AutoCloseable {
  /** A live package that reached this peer, and the link address it came from. */
  public record Arrival(byte[] livePackage, InetSocketAddress from) {}

  /** A live package this peer sent, and the Node it went to. */
  public record Sent(PublicKey to, byte[] livePackage) {}

  private final SystemRuntime runtime = new SystemRuntime();
  private final SecureRandom random = new SecureRandom();
  private final NodeKeyPair keys;
  private final InetAddress ip;
  private final Chain chain;
  private final Map<PublicKey, NodeAddr> addresses = new ConcurrentHashMap<>();
  private final BlockingQueue<Arrival> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
  private final BlockingQueue<PublicKey> linksDown = new LinkedBlockingQueue<>();
  private final EnvelopeOpener opener;
  private final RouteOpener routes;
  private final Map<Long, ResponseLayers> waysBack = new ConcurrentHashMap<>();
  private final LinkManager links;
  private final WalletKey consumingKey;

  private HostilePeer(InetAddress ip, Chain chain, int listenPort) throws IOException {
    this.keys = NodeKeyPair.generate(random);
    this.ip = ip;
    this.chain = chain;
    this.opener = new EnvelopeOpener(keys, 1024);
    this.routes = new RouteOpener(opener);
    byte[] walletSecret = new byte[32];
    random.nextBytes(walletSecret);
    walletSecret[0] = 0x11; // stays below the curve order
    this.consumingKey = WalletKey.of(walletSecret);
    Transport.Listener listener =
        new Transport.Listener() {
          @Override
          public void onPackage(byte[] livePackage, InetSocketAddress from, PublicKey peer) {
            received.add(new Arrival(livePackage, from));
          }

          @Override
          public void linkUp(PublicKey peer, InetSocketAddress remote) {}

          @Override
          public void linkDown(PublicKey peer, String why) {
            linksDown.add(peer);
          }
        };
    this.links =
        LinkManager.bind(
            runtime,
            keys,
            ip,
            listenPort,
            key -> Optional.ofNullable(addresses.get(key)),
            // A hostile peer dials wherever its script says.
            new DialPolicy(address -> Optional.empty(), Set.of(), Set.of()),
            listener,
            random);
    links.acceptLinks(address -> false);
  }

  /** A peer on {@code ip} that dials out only (it listens on no port). */
  public static HostilePeer on(InetAddress ip) throws IOException {
    return new HostilePeer(ip, Chain.DEV, 0);
  }

  /** A peer on {@code ip} that also accepts links on {@code port}. */
  public static HostilePeer listeningOn(InetAddress ip, int port) throws IOException {
    return new HostilePeer(ip, Chain.DEV, port);
  }

  public PublicKey key() {
    return keys.publicKey();
  }

  public NodeKeyPair keys() {
    return keys;
  }

  public InetAddress ip() {
    return ip;
  }

  /** Where this peer listens, if it does. */
  public Optional<NodeAddr> addr() {
    return links.port() == 0 ? Optional.empty() : Optional.of(NodeAddr.of(ip, links.port()));
  }

  /** The consuming wallet this peer signs payer proofs with (never funded unless a test does). */
  public Wallet consumingWallet() {
    return consumingKey.wallet();
  }

  /** Learns where a Node listens, so that routes and raw sends can reach it. */
  public HostilePeer knows(NodeDescriptor... nodes) {
    for (NodeDescriptor node : nodes) {
      node.nodeAddr().ifPresent(addr -> addresses.put(node.key(), addr));
    }
    return this;
  }

  /** Sends bytes as they are over the link to {@code to}, dialling it first if needed. */
  public void sendRaw(PublicKey to, byte[] livePackage) throws IOException {
    links.send(to, livePackage);
    sent.add(new Sent(to, livePackage));
  }

  /**
   * Seals {@code message} to {@code payloadRecipient}, routes it along {@code plan} (whose first
   * hop must be this peer's own, as every originator's is) and sends it. Returns the live package
   * as it left, for replays.
   */
  public byte[] send(RoutePlan plan, MessageType message, PublicKey payloadRecipient)
      throws IOException {
    try {
      byte[] payload = PayloadEnvelopes.seal(EnvelopeSealer.to(payloadRecipient, random), message);
      return sendSealed(plan.incipient(payload));
    } catch (CryptoException e) {
      throw new IOException("cannot seal: " + e.getMessage(), e);
    }
  }

  /** Sends a package whose payload is already sealed (or is deliberately garbage). */
  public byte[] sendSealed(IncipientCoresPackage incipient) throws IOException {
    RouteOpener.OpenedHop top;
    try {
      top = routes.openTop(incipient.route());
    } catch (DecodeException e) {
      throw new IOException("the route's first hop is not this peer's: " + e.getMessage(), e);
    }
    PublicKey next =
        top.hop().nextKey().orElseThrow(() -> new IOException("the first hop names no next Node"));
    byte[] live =
        LiveCoresPackage.encode(
            incipient.tag() + top.hop().tagStep(),
            routes.shift(incipient.route(), top),
            incipient.payload());
    sendRaw(next, live);
    return live;
  }

  /** Sends {@code gossip} straight to {@code to}'s Neighborhood, as a neighbor would. */
  public byte[] gossip(PublicKey to, Gossip gossip) throws IOException {
    return send(oneWay(List.of(key(), to), Component.NEIGHBORHOOD, false), gossip, to);
  }

  /**
   * A one-way route over {@code keys} (this peer first) to {@code recipient}; with {@code paid},
   * every hop carries a payer proof from this peer's consuming wallet, as an originator's does.
   */
  public RoutePlan oneWay(List<PublicKey> keys, Component recipient, boolean paid)
      throws IOException {
    try {
      return RoutePlan.oneWay(keys, recipient, paid ? this::payer : k -> Optional.empty(), random);
    } catch (CryptoException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** A round trip as {@code ProxyServer} plans one: over to the exit, back to this peer. */
  public RoutePlan roundTrip(List<PublicKey> over, List<PublicKey> back, long returnRouteId)
      throws IOException {
    try {
      RoutePlan plan =
          RoutePlan.roundTrip(
              over,
              Component.PROXY_CLIENT,
              back,
              Component.PROXY_SERVER,
              this::payer,
              returnRouteId,
              random);
      waysBack.put(returnRouteId, plan.responseLayers());
      return plan;
    } catch (CryptoException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Sends an HTTP request for {@code target} (host and port as the exit should reach them) over
   * {@code over} and back over {@code back}, as a new stream; returns the live package as it left.
   */
  public byte[] request(
      List<PublicKey> over, List<PublicKey> back, String host, int port, String httpRequest)
      throws IOException {
    byte[] streamKey = new byte[StreamKey.LENGTH];
    random.nextBytes(streamKey);
    ClientRequest request =
        new ClientRequest(
            StreamKey.of(streamKey),
            new SequencedPacket(httpRequest.getBytes(StandardCharsets.US_ASCII), 0, false),
            Optional.of(host),
            port,
            ProxyProtocol.HTTP,
            key());
    return send(
        roundTrip(over, back, random.nextInt() & 0xffff_ffffL), request, over.get(over.size() - 1));
  }

  /**
   * Builds, and does not send, the live package of {@code plan} (this peer first) carrying {@code
   * message} sealed to {@code recipient}, as it would leave this peer but without this peer's own
   * spent block: the route one block short, every layer right, so that the Node it goes to would
   * pass it on as a package of its own making unless it refuses routes too short to be relayed.
   */
  public byte[] withoutOwnBlock(RoutePlan plan, MessageType message, PublicKey recipient)
      throws IOException {
    try {
      IncipientCoresPackage incipient =
          plan.incipient(PayloadEnvelopes.seal(EnvelopeSealer.to(recipient, random), message));
      RouteOpener.OpenedHop top = routes.openTop(incipient.route());
      byte[] whole =
          LiveCoresPackage.encode(
              incipient.tag() + top.hop().tagStep(), incipient.route(), incipient.payload());
      int blocksStart = 1 + Long.BYTES + 1;
      byte[] cut = new byte[whole.length - Route.BLOCK_LENGTH];
      System.arraycopy(whole, 0, cut, 0, blocksStart);
      cut[blocksStart - 1] = (byte) (incipient.route().size() - 1);
      System.arraycopy(
          whole,
          blocksStart + Route.BLOCK_LENGTH,
          cut,
          blocksStart,
          whole.length - blocksStart - Route.BLOCK_LENGTH);
      return cut;
    } catch (CryptoException | DecodeException e) {
      throw new IOException("cannot build: " + e.getMessage(), e);
    }
  }

  /**
   * Builds, and does not send, the live package that a one-way route over {@code keys} (this peer
   * first) to {@code recipient} is once this peer's own hop is shifted off, block by block: unlike
   * a {@link RoutePlan}, it may break the rules real routes keep, such as their length cap. Every
   * hop carries a payer proof when {@code paid}; {@code message} is sealed to the last key. It
   * carries no layers, so no Node gets further than the first relay's own block.
   */
  public byte[] handBuilt(
      List<PublicKey> keys, Component recipient, boolean paid, MessageType message)
      throws IOException {
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      out.write(2); // the package version
      out.write(new byte[Long.BYTES]); // the tag
      out.write(keys.size() - 1);
      for (int i = 1; i < keys.size(); i++) {
        boolean last = i == keys.size() - 1;
        PublicKey hop = keys.get(i);
        HopContent.LiveHop content =
            new HopContent.LiveHop(
                last ? Optional.empty() : Optional.of(keys.get(i + 1)),
                paid ? payer(hop) : Optional.empty(),
                last ? recipient : Component.HOPPER);
        out.write(EnvelopeSealer.to(hop, random).seal(content.encode()));
      }
      byte[] payload =
          PayloadEnvelopes.seal(EnvelopeSealer.to(keys.get(keys.size() - 1), random), message);
      out.write(java.nio.ByteBuffer.allocate(4).putInt(payload.length).array());
      out.write(payload);
      return out.toByteArray();
    } catch (CryptoException e) {
      throw new IOException("cannot seal: " + e.getMessage(), e);
    }
  }

  /**
   * Sends a small paid package around {@code keys} (this peer first and last) until it comes back,
   * at most {@code attempts} times, waiting 5 s for each: to know that the links it needs are up.
   * Each ping carries a stream key of its own, and only that ping's return counts: a late return of
   * an earlier ping, or any other arrival, is skipped. Returns whether the ping came back.
   */
  public boolean awaitLoop(List<PublicKey> keys, int attempts)
      throws IOException, InterruptedException {
    for (int i = 0; i < attempts; i++) {
      byte[] id = new byte[StreamKey.LENGTH];
      random.nextBytes(id);
      StreamKey stream = StreamKey.of(id);
      send(
          oneWay(keys, Component.PROXY_SERVER, true),
          new ClientResponse(stream, new SequencedPacket(new byte[0], 0, false)),
          key());
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
      long left;
      while ((left = deadline - System.nanoTime()) > 0) {
        Arrival arrival = received.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (arrival != null
            && open(arrival).orElse(null) instanceof ClientResponse r
            && r.streamKey().equals(stream)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The payer proof this peer's consuming wallet gives the hop {@code hopKey} opens. */
  public Optional<Payer> payer(PublicKey hopKey) {
    return Optional.of(new Web3jPayerProofs(chain).signer(consumingKey).sign(hopKey));
  }

  /** This peer's own record, validly signed, listing {@code neighbors}. */
  public GossipNodeRecord ownRecord(long version, PublicKey... neighbors) {
    return record(keys, addr(), version, neighbors);
  }

  /**
   * A validly signed record of {@code signer} (a key the test made, say, to fill a Gossip with
   * unconnected Nodes), carrying {@code addr} in the clear when given.
   */
  public GossipNodeRecord record(
      NodeKeyPair signer, Optional<NodeAddr> addr, long version, PublicKey... neighbors) {
    NodeRecordInner inner =
        new NodeRecordInner(
            signer.publicKey(),
            consumingKey.wallet(),
            RatePack.DEFAULT,
            new TreeSet<>(List.of(neighbors)),
            addr.isPresent(),
            true,
            version,
            Optional.empty());
    NodeRecord signed = new LocalNode(signer, chain, addr).sign(inner, Instant.EPOCH);
    return signed.toGossip(addr.isPresent());
  }

  /** {@code record} with its signature spoiled: what a forger sends. */
  public static GossipNodeRecord forged(GossipNodeRecord record) {
    byte[] signature = record.signature().clone();
    signature[0] ^= 1;
    return new GossipNodeRecord(record.signedData(), signature, record.nodeAddr());
  }

  /** A Gossip of records as given. */
  public static Gossip gossipOf(GossipNodeRecord... records) {
    return new Gossip(List.of(records));
  }

  /** The next package that arrives within {@code seconds}, if one does. */
  public Optional<Arrival> nextArrival(long seconds) throws InterruptedException {
    return Optional.ofNullable(received.poll(seconds, TimeUnit.SECONDS));
  }

  /**
   * The message {@code arrival} carries to this peer (the Gossip a Node sent it, say), opened with
   * this peer's key; empty when it is sealed to another key or does not decode.
   */
  public Optional<MessageType> open(Arrival arrival) {
    try {
      byte[] bytes = arrival.livePackage().clone();
      PackageLayout layout = PackageLayout.of(bytes);
      RouteOpener.OpenedHop top = routes.openBlock(layout.topBlock(bytes));
      long tag = PackageLayout.tag(bytes);
      HopLayers.peel(top.session(), bytes, layout, tag);
      if (top.hop().component() == Component.PROXY_SERVER) {
        wayBack(layout.route(bytes))
            .ifPresent(
                layers -> layers.peel(tag, bytes, layout.payloadOffset(), layout.payloadLength()));
      }
      return Optional.of(
          PayloadEnvelopes.open(opener, bytes, layout.payloadOffset(), layout.payloadLength()));
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }

  /** The way back's layers of a round trip this peer built; none for a one-way route. */
  private Optional<ResponseLayers> wayBack(Route remaining) {
    try {
      return Optional.ofNullable(waysBack.get(routes.returnRouteId(remaining)));
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }

  /** Every package that arrived so far. */
  public BlockingQueue<Arrival> received() {
    return received;
  }

  /** Every package sent so far, oldest first. */
  public BlockingQueue<Sent> sent() {
    return sent;
  }

  /** Peers whose links to this one closed, in order. */
  public BlockingQueue<PublicKey> linksDown() {
    return linksDown;
  }

  public List<PublicKey> connectedPeers() {
    return links.connectedPeers();
  }

  @Override
  public void close() {
    links.close();
    runtime.close();
  }
}
