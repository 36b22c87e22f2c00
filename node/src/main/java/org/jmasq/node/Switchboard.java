package org.jmasq.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.hopper.Hopper;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.node.link.Transport;

/**
 * Where a Node's construction cycle is broken, in one place. The Hopper needs the links, the
 * ProxyServer, the ProxyClient and the Neighborhood; each of these needs the Hopper, and the links
 * also need the Neighborhood. So the switchboard is made first, and whatever needs the Hopper or
 * the Neighborhood before they exist holds it instead: the ProxyServer, ProxyClient and
 * Neighborhood transmit through it, and the links hand it what arrives and ask it for addresses. It
 * is connected exactly once, as soon as the Hopper and the Neighborhood exist, before links are
 * accepted and before the entry opens; used before that, or connected twice, it throws.
 */
final class Switchboard implements Transmitter, Transport.Listener, Transport.AddressBook {
  private record Ends(Hopper hopper, Neighbors neighbors) {}

  private final AtomicReference<Ends> ends = new AtomicReference<>();

  void connect(Hopper hopper, Neighbors neighbors) {
    if (!ends.compareAndSet(null, new Ends(hopper, neighbors))) {
      throw new IllegalStateException("the switchboard is connected already");
    }
  }

  private Ends ends() {
    Ends connected = ends.get();
    if (connected == null) {
      throw new IllegalStateException(
          "the switchboard is used before it is connected to the Hopper and the Neighborhood");
    }
    return connected;
  }

  @Override
  public void transmit(IncipientCoresPackage incipient) throws IOException {
    ends().hopper().transmit(incipient);
  }

  @Override
  public void onPackage(byte[] livePackage, InetSocketAddress from, PublicKey peer) {
    ends().hopper().receive(livePackage, from, peer);
  }

  @Override
  public void linkUp(PublicKey peer, InetSocketAddress remote) {
    ends().neighbors().linkUp(peer, remote);
  }

  @Override
  public void linkDown(PublicKey peer, String why) {
    ends().neighbors().linkDown(peer);
  }

  @Override
  public Optional<NodeAddr> addressOf(PublicKey key) {
    return ends().neighbors().addressOf(key);
  }
}
