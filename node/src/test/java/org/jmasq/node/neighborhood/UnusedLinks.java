package org.jmasq.node.neighborhood;

import java.net.InetAddress;
import java.util.function.Predicate;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.link.Transport;

/**
 * Links that a test of the Neighborhood alone never expects used: its Gossip goes out through a
 * recording Transmitter, and none of its scripted peers earns a ban.
 */
final class UnusedLinks implements Transport {
  @Override
  public void send(PublicKey next, byte[] livePackage) {
    throw new AssertionError("the Neighborhood sends through the Transmitter, not the links");
  }

  @Override
  public void disconnect(PublicKey peer, String why) {
    throw new AssertionError("no link should be closed, but " + peer + "'s was: " + why);
  }

  @Override
  public void acceptLinks(Predicate<InetAddress> banned) {
    throw new AssertionError("the Neighborhood never starts the links");
  }

  @Override
  public void onBrokenLink(Runnable hint) {}

  @Override
  public void ownAddressChanged() {}

  @Override
  public int port() {
    return 0;
  }

  @Override
  public void close() {}
}
