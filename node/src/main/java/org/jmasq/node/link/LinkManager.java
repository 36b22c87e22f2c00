package org.jmasq.node.link;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.runtime.AcceptLoop;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.node.runtime.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node's {@link Transport}: one TLS connection per neighbor, opened on first use and reused for
 * every stream, accepted on the clandestine port. Outbound connections leave from the Node's own
 * IP, so the peer sees the address the Node claims in its record. To an observer a link is a
 * browser's HTTPS connection to a web server ({@link LinkTls}, {@link LinkCertificate}), as far as
 * the JDK's TLS allows. Against strangers: every handshake has a {@link HandshakeDeadline}, {@link
 * Admissions} bounds handshakes and links, failed accepts back off ({@link AcceptLoop}), and it
 * dials only what its {@link DialPolicy} allows.
 *
 * <p>Threading: an accept thread, and per link a reader and a writer thread. Connecting happens on
 * the sender's thread; concurrent sends to the same Node share one connection attempt. Handshake
 * deadlines are the runtime's timers.
 */
public final class LinkManager implements Transport {
  private static final Logger log = LoggerFactory.getLogger(LinkManager.class);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final NodeRuntime runtime;
  private final NodeKeyPair keys;
  private final InetAddress ownIp;
  private final LinkIdentity identity;
  private final AddressBook addresses;
  private final Listener listener;
  private final SecureRandom random;
  private final SSLServerSocket server;
  private final DialPolicy dialPolicy;
  private volatile LinkLiveness liveness = LinkLiveness.DEFAULT;
  private volatile Runnable brokenLinkHint = () -> {};
  private final Map<ByteBuffer, Link> links = new ConcurrentHashMap<>();
  private final Admissions admissions = new Admissions(Admissions.Limits.DEFAULT);
  private final SilentPeers silent;

  /** The places that accepted links hold in {@link #admissions}, given back when they close. */
  private final Map<Link, Admissions.Ticket> tickets = new ConcurrentHashMap<>();

  private final RateLimitedLog refusals;
  private final RateLimitedLog dialRefusals;
  private volatile AcceptLoop<SSLSocket> acceptLoop;

  /**
   * Every open link, also one replaced in {@link #links} when two Nodes dialled each other at once:
   * a replaced link drains on its own, but a ban or this Node's stop must close it too.
   */
  private final Set<Link> open = ConcurrentHashMap.newKeySet();

  private final Map<ByteBuffer, CompletableFuture<Link>> connecting = new ConcurrentHashMap<>();
  private final Link.Events events =
      new Link.Events() {
        @Override
        public void onPackage(Link link, byte[] livePackage) {
          listener.onPackage(livePackage, link.remote, link.peer);
        }

        @Override
        public void onClosed(Link link, String why) {
          open.remove(link);
          silent.closed(link);
          if (link.wentSilent || link.broke) {
            brokenLinkHint.run();
          }
          Admissions.Ticket ticket = tickets.remove(link);
          if (ticket != null) {
            ticket.release();
          }
          if (links.remove(id(link.peer), link)) {
            listener.linkDown(link.peer, why);
          }
        }
      };
  private final AtomicBoolean accepting = new AtomicBoolean();

  /** Addresses whose links are refused before any handshake: the Neighborhood's bans. */
  private volatile Predicate<InetAddress> banned = ip -> false;

  private LinkManager(
      NodeRuntime runtime,
      NodeKeyPair keys,
      InetAddress ownIp,
      LinkIdentity identity,
      AddressBook addresses,
      Listener listener,
      SecureRandom random,
      SSLServerSocket server,
      DialPolicy dialPolicy) {
    this.runtime = runtime;
    this.keys = keys;
    this.ownIp = ownIp;
    this.identity = identity;
    this.addresses = addresses;
    this.listener = listener;
    this.random = random;
    this.server = server;
    this.dialPolicy = dialPolicy;
    this.silent = new SilentPeers(runtime.clock());
    this.refusals = new RateLimitedLog(log, runtime.clock(), Duration.ofMinutes(1), 10);
    this.dialRefusals = new RateLimitedLog(log, runtime.clock(), Duration.ofMinutes(1), 10);
  }

  /**
   * Listens on {@code ownIp:clandestinePort} (0 = no listening) but accepts no link until {@link
   * #acceptLinks}: a Node binds its port before the rest of it exists, and the Nodes that dial in
   * meanwhile wait in the socket's backlog. Links this Node dials work at once, to the addresses
   * {@code dialPolicy} allows.
   */
  public static LinkManager bind(
      NodeRuntime runtime,
      NodeKeyPair keys,
      InetAddress ownIp,
      int clandestinePort,
      AddressBook addresses,
      DialPolicy dialPolicy,
      Listener listener,
      SecureRandom random)
      throws IOException {
    LinkIdentity identity;
    try {
      identity = new LinkIdentity(keys, random, runtime.clock());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make the link certificate: " + e.getMessage(), e);
    }
    SSLServerSocket server = null;
    if (clandestinePort > 0) {
      server = (SSLServerSocket) identity.context().getServerSocketFactory().createServerSocket();
      server.setReuseAddress(true);
      try {
        server.bind(new InetSocketAddress(ownIp, clandestinePort), 128);
      } catch (IOException e) {
        server.close();
        throw ListenFailure.of(ownIp, clandestinePort, e);
      }
      LinkTls.server(server);
    }
    return new LinkManager(
        runtime, keys, ownIp, identity, addresses, listener, random, server, dialPolicy);
  }

  /**
   * Starts accepting links on the clandestine port, if there is one; links from addresses {@code
   * banned} holds (the Neighborhood's bans) are refused before their handshake. Once only.
   */
  @Override
  public void acceptLinks(Predicate<InetAddress> banned) {
    if (!accepting.compareAndSet(false, true)) {
      throw new IllegalStateException("this Node accepts links already");
    }
    this.banned = banned;
    if (server != null) {
      acceptLoop =
          AcceptLoop.start(
              runtime,
              "link-accept",
              "links",
              () -> (SSLSocket) server.accept(),
              this::accepted,
              log);
    }
  }

  @Override
  public void onBrokenLink(Runnable hint) {
    brokenLinkHint = hint;
  }

  @Override
  public void ownAddressChanged() {
    silent.forgetAll();
    for (Link link : List.copyOf(open)) {
      // Its path is gone: a close that waited on a writer stuck on it would hold up automap.
      link.abort("this Node's public address changed, and the link ran through the old one");
    }
  }

  /** The clandestine port, or 0 when this Node accepts no links. */
  @Override
  public int port() {
    return server == null ? 0 : server.getLocalPort();
  }

  /**
   * On the accept thread: what the bans or the bounds refuse is closed at once, before any
   * handshake; the rest gets an I/O thread for its handshake.
   */
  private void accepted(SSLSocket socket) {
    Admissions.Ticket ticket;
    try {
      if (banned.test(socket.getInetAddress())) {
        throw new LinkRefusedException("banned");
      }
      ticket =
          admissions.admit(
              socket.getInetAddress(), () -> HandshakeDeadline.closeSoon(runtime, socket));
    } catch (LinkRefusedException e) {
      refusals.info("Refused a link from {}: {}", socket.getRemoteSocketAddress(), e.getMessage());
      closeQuietly(socket);
      return;
    }
    runtime.startIo("link-accept-" + socket.getPort(), () -> admit(socket, ticket));
  }

  private void admit(SSLSocket socket, Admissions.Ticket ticket) {
    try {
      Link link = handshake(socket, false, Optional.empty());
      Optional<String> refusal = ticket.linked();
      if (refusal.isPresent()) {
        throw new LinkRefusedException(refusal.get());
      }
      tickets.put(link, ticket);
      register(link);
    } catch (IOException | RuntimeException e) {
      ticket.release();
      refusals.info("Refused a link from {}: {}", socket.getRemoteSocketAddress(), e.getMessage());
      closeQuietly(socket);
    }
  }

  private Link handshake(SSLSocket socket, boolean initiator, Optional<PublicKey> expected)
      throws IOException {
    HandshakeDeadline deadline = HandshakeDeadline.start(runtime, HandshakeDeadline.LIMIT, socket);
    try {
      socket.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
      socket.setTcpNoDelay(true);
      socket.startHandshake();
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      LinkHandshake.Peer peer =
          LinkHandshake.run(
              in,
              out,
              keys,
              port(),
              initiator,
              LinkIdentity.certificateKeys(socket.getSession()),
              expected,
              random);
      // The link sets its own read deadline in place of the handshake's.
      return deadline.met(new Link(socket, in, peer, events, liveness));
    } catch (IOException e) {
      throw deadline.explain(e);
    } finally {
      deadline.cancel();
    }
  }

  private void register(Link link) {
    open.add(link);
    silent.heardFrom(link.peer);
    Link previous = links.put(id(link.peer), link);
    link.start(runtime);
    if (previous != null && previous != link) {
      // Both Nodes dialled at once: keep the newer link, let the older one drain and go.
      log.debug("Replaced a link to {}", link.peer);
    }
    listener.linkUp(link.peer, link.remote);
  }

  @Override
  public void send(PublicKey next, byte[] livePackage) throws IOException {
    Link link = links.get(id(next));
    if (link == null || !link.isOpen()) {
      NodeAddr addr =
          addresses
              .addressOf(next)
              .orElseThrow(() -> new IOException("no address known for " + next));
      link = connect(next, addr);
    }
    link.send(livePackage);
  }

  /** Sends to a Node that may not be in the database yet (Debut, Pass answers, introductions). */
  public void sendTo(PublicKey expected, NodeAddr addr, byte[] livePackage) throws IOException {
    Link link = links.get(id(expected));
    if (link == null || !link.isOpen()) {
      link = connect(expected, addr);
    }
    link.send(livePackage);
  }

  private Link connect(PublicKey expected, NodeAddr addr) throws IOException {
    if (addr.ports().isEmpty()) {
      throw new IOException(expected + " accepts no connections");
    }
    Optional<String> refusal = dialPolicy.refusal(addr);
    if (refusal.isPresent()) {
      dialRefusals.info(
          "Will not dial {} at {}: another Node named a {} address", expected, addr, refusal.get());
      throw new LinkRefusedException("will not dial a " + refusal.get() + " address: " + addr);
    }
    silent.checkDial(expected);
    CompletableFuture<Link> mine = new CompletableFuture<>();
    CompletableFuture<Link> pending = connecting.putIfAbsent(id(expected), mine);
    if (pending != null) {
      return await(pending);
    }
    try {
      Link link = dial(expected, new InetSocketAddress(addr.ip(), addr.ports().get(0)));
      register(link);
      mine.complete(link);
      return link;
    } catch (IOException | RuntimeException e) {
      // Whoever waits on this dial learns how it ended; a runtime failure must not leave them
      // waiting.
      mine.completeExceptionally(e);
      throw e;
    } finally {
      connecting.remove(id(expected), mine);
    }
  }

  private Link dial(PublicKey expected, InetSocketAddress target) throws IOException {
    SSLSocket socket = (SSLSocket) identity.context().getSocketFactory().createSocket();
    try {
      socket.bind(new InetSocketAddress(ownIp, 0));
      socket.connect(target, (int) CONNECT_TIMEOUT.toMillis());
      LinkTls.client(socket, LinkHostName.of(expected));
      return handshake(socket, true, Optional.of(expected));
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw new IOException(
          "cannot link to " + expected + " at " + target + ": " + e.getMessage(), e);
    }
  }

  private static Link await(CompletableFuture<Link> pending) throws IOException {
    try {
      return pending.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting", e);
    }
  }

  /** Closes the link to {@code peer}, if any (a ban, or a neighbor dropped). */
  @Override
  public void disconnect(PublicKey peer, String why) {
    List.copyOf(open).stream().filter(l -> l.peer.sameNodeAs(peer)).forEach(l -> l.close(why));
  }

  public List<PublicKey> connectedPeers() {
    return links.values().stream().map(l -> l.peer).toList();
  }

  /** Tests shorten the keepalive period and the deadline; links made from then on use them. */
  void liveness(LinkLiveness liveness) {
    this.liveness = liveness;
  }

  long keepalivesIn() {
    return links.values().stream().mapToLong(l -> l.keepalivesIn.sum()).sum();
  }

  public long bytesOut() {
    return links.values().stream().mapToLong(l -> l.bytesOut.sum()).sum();
  }

  private static ByteBuffer id(PublicKey key) {
    return ByteBuffer.wrap(key.encryptionKey());
  }

  private static void closeQuietly(SSLSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("closing a refused link: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (acceptLoop != null) {
      acceptLoop.stop();
    }
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        log.debug("closing the clandestine socket: {}", e.getMessage());
      }
    }
    List.copyOf(open).forEach(l -> l.close("this Node is stopping"));
  }
}
