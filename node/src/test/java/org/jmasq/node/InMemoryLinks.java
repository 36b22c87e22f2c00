package org.jmasq.node;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.link.DialPolicy;
import org.jmasq.node.link.Transport;
import org.jmasq.node.link.TransportFactory;
import org.jmasq.node.runtime.Mailbox;
import org.jmasq.node.runtime.NodeRuntime;

/**
 * A network of {@link Transport}s in one process, found by their {@code NodeAddr}: the addresses
 * are values only, and no socket is ever opened. A link is made on first send, as a TLS link is,
 * and both ends hear {@code linkUp}; each package is delivered to the peer's {@link
 * Transport.Listener} on the peer's inbound mailbox, in the order it was sent, and recorded. A Node
 * can be cut off: its links go down at both ends, and no link to or from it can be made again.
 *
 * <p>Its addresses are values only, so it dials whatever a Node names and ignores the {@link
 * DialPolicy}: that is the TLS links' part ({@code LinkManager}).
 *
 * <p>The inbound mailboxes come from the Node's runtime, so a {@code ManualRuntime}'s {@code
 * awaitIdle} also waits for the packages still on their way.
 */
final class InMemoryLinks implements TransportFactory {
  /** One package carried over one link. */
  record Carried(PublicKey from, PublicKey to, int length) {}

  /** Where a dialling Node's links seem to come from, as an operating system's ephemeral ports. */
  private final AtomicInteger ephemeralPorts = new AtomicInteger(49152);

  private final Map<InetSocketAddress, End> listening = new ConcurrentHashMap<>();
  private final Map<PublicKey, End> byKey = new ConcurrentHashMap<>();
  private final List<Carried> carried = new ArrayList<>();

  @Override
  public Transport bind(
      NodeRuntime runtime,
      NodeKeyPair keys,
      InetAddress ownIp,
      int port,
      Transport.AddressBook addresses,
      DialPolicy dialPolicy,
      Transport.Listener listener,
      SecureRandom random)
      throws IOException {
    End end = new End(runtime, keys.publicKey(), ownIp, port, addresses, listener);
    if (port > 0 && listening.putIfAbsent(end.listensOn(), end) != null) {
      throw new BindException(ownIp.getHostAddress() + ":" + port + " is taken");
    }
    byKey.put(end.key, end);
    return end;
  }

  /** Takes the Node {@code key} off the network: its links go down, and none can be made again. */
  void cutOff(PublicKey key) {
    End end = byKey.get(key);
    if (end == null) {
      throw new IllegalArgumentException("no Node " + key + " on this network");
    }
    end.cut = true;
    end.closeAll("cut off from the network");
  }

  /** Every package carried so far, in the order they were sent. */
  List<Carried> carried() {
    synchronized (carried) {
      return List.copyOf(carried);
    }
  }

  /** How many packages have been carried so far. */
  int carriedCount() {
    synchronized (carried) {
      return carried.size();
    }
  }

  /** Whether {@code a} and {@code b} have a link open now. */
  boolean linked(PublicKey a, PublicKey b) {
    End end = byKey.get(a);
    return end != null && end.links.containsKey(b);
  }

  /**
   * Makes a link from {@code from} to whoever listens at {@code addr}, if it is {@code expected}.
   */
  private Link connect(End from, PublicKey expected, NodeAddr addr) throws IOException {
    if (addr.ports().isEmpty()) {
      throw new IOException(expected + " accepts no connections");
    }
    if (from.cut || from.closed) {
      throw new NoRouteToHostException("this Node is off the network");
    }
    InetSocketAddress target = new InetSocketAddress(addr.ip(), addr.ports().get(0));
    End to = listening.get(target);
    if (to == null || to.cut || to.closed || to.banned == null) {
      throw new ConnectException("cannot link to " + expected + " at " + target + ": refused");
    }
    if (to.banned.test(from.ip)) {
      throw new IOException("cannot link to " + expected + " at " + target + ": banned there");
    }
    if (!to.key.equals(expected)) {
      throw new IOException(
          "cannot link to " + expected + " at " + target + ": " + to.key + " answered");
    }
    Link link;
    // Both Nodes may dial each other at once; one link serves both, as the newer TLS link does.
    synchronized (this) {
      Link existing = to.links.get(from.key);
      if (existing != null) {
        return existing;
      }
      link = new Link(from, to, ephemeralPorts.getAndIncrement());
      from.links.put(to.key, link);
      to.links.put(from.key, link);
    }
    from.listener.linkUp(to.key, link.remoteOf(from));
    to.listener.linkUp(from.key, link.remoteOf(to));
    return link;
  }

  /** One Node's end of the network. */
  private final class End implements Transport {
    private final PublicKey key;
    private final InetAddress ip;
    private final int port;
    private final Transport.AddressBook addresses;
    private final Transport.Listener listener;
    private final Mailbox inbox;
    private final Map<PublicKey, Link> links = new ConcurrentHashMap<>();

    /** Null until the Node accepts links. */
    private volatile Predicate<InetAddress> banned;

    private volatile boolean cut;
    private volatile boolean closed;

    End(
        NodeRuntime runtime,
        PublicKey key,
        InetAddress ip,
        int port,
        Transport.AddressBook addresses,
        Transport.Listener listener) {
      this.key = key;
      this.ip = ip;
      this.port = port;
      this.addresses = addresses;
      this.listener = listener;
      this.inbox = runtime.mailbox("links-in-" + ip.getHostAddress());
    }

    InetSocketAddress listensOn() {
      return new InetSocketAddress(ip, port);
    }

    @Override
    public void send(PublicKey next, byte[] livePackage) throws IOException {
      Link link = links.get(next);
      if (link == null) {
        NodeAddr addr =
            addresses
                .addressOf(next)
                .orElseThrow(() -> new IOException("no address known for " + next));
        link = connect(this, next, addr);
      }
      link.carry(this, livePackage);
    }

    @Override
    public void acceptLinks(Predicate<InetAddress> banned) {
      if (this.banned != null) {
        throw new IllegalStateException("this Node accepts links already");
      }
      this.banned = banned;
    }

    @Override
    public void disconnect(PublicKey peer, String why) {
      Link link = links.get(peer);
      if (link != null) {
        link.close(why);
      }
    }

    @Override
    public void onBrokenLink(Runnable hint) {}

    @Override
    public void ownAddressChanged() {}

    @Override
    public int port() {
      return port;
    }

    void closeAll(String why) {
      List.copyOf(links.values()).forEach(l -> l.close(why));
    }

    @Override
    public void close() {
      closed = true;
      listening.remove(listensOn(), this);
      closeAll("the Node is stopping");
      inbox.close();
    }
  }

  /** A link between two ends; packages on it arrive in the order they were sent. */
  private final class Link {
    private final End dialer;
    private final End acceptor;
    private final int dialerPort;
    private final AtomicBoolean open = new AtomicBoolean(true);

    Link(End dialer, End acceptor, int dialerPort) {
      this.dialer = dialer;
      this.acceptor = acceptor;
      this.dialerPort = dialerPort;
    }

    private End other(End end) {
      return end == dialer ? acceptor : dialer;
    }

    /** Where the peer seems to be, seen from {@code end}: a TLS link's remote socket address. */
    InetSocketAddress remoteOf(End end) {
      return end == dialer ? acceptor.listensOn() : new InetSocketAddress(dialer.ip, dialerPort);
    }

    void carry(End from, byte[] livePackage) throws IOException {
      End to = other(from);
      if (!open.get()) {
        throw new IOException("the link to " + to.key + " is closed");
      }
      byte[] bytes = livePackage.clone();
      InetSocketAddress source = remoteOf(to);
      synchronized (carried) {
        carried.add(new Carried(from.key, to.key, bytes.length));
      }
      try {
        to.inbox.execute(
            () -> {
              // A link that went down loses what was still on its way, as a reset connection does.
              if (open.get()) {
                to.listener.onPackage(bytes, source, from.key);
              }
            });
      } catch (RejectedExecutionException e) {
        throw new IOException(to.key + " has stopped", e);
      }
    }

    void close(String why) {
      if (open.compareAndSet(true, false)) {
        dialer.links.remove(acceptor.key, this);
        acceptor.links.remove(dialer.key, this);
        dialer.listener.linkDown(acceptor.key, why);
        acceptor.listener.linkDown(dialer.key, why);
      }
    }
  }
}
