package org.jmasq.node.link;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Predicate;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.hopper.Hopper;

/**
 * A Node's links to other Nodes, as the rest of the Node uses them: the Hopper sends live packages
 * over them, the Neighborhood closes the links of a Node it bans, and the composition root starts
 * and stops them. {@link LinkManager} carries them over TLS; what arrives, and links coming and
 * going, are told to the {@link Listener} the transport was made with.
 */
public interface Transport extends Hopper.Links, AutoCloseable {
  /** Finds where a Node listens. */
  interface AddressBook {
    Optional<NodeAddr> addressOf(PublicKey key);
  }

  /** Hears about links coming and going, and gets what arrives on them. */
  interface Listener {
    /**
     * A package arrived on the link to {@code peer} (the key its handshake proved) at {@code from}.
     */
    void onPackage(byte[] livePackage, InetSocketAddress from, PublicKey peer);

    void linkUp(PublicKey peer, InetSocketAddress remote);

    void linkDown(PublicKey peer, String why);
  }

  /**
   * Starts accepting links, if this Node listens for them; links from addresses {@code banned}
   * holds (the Neighborhood's bans) are refused before their handshake. Once only.
   */
  void acceptLinks(Predicate<InetAddress> banned);

  /** Closes the link to {@code peer}, if any (a ban, or a neighbor dropped). */
  void disconnect(PublicKey peer, String why);

  /**
   * From now on, {@code hint} runs whenever a link breaks (an error, or the peer silent past the
   * deadline) rather than closing as one side chose: a change of this Node's public IP breaks every
   * link at once, and this is how the Node hears of it first.
   */
  void onBrokenLink(Runnable hint);

  /**
   * This Node's public address changed. Every open link ran through the old one, which is no longer
   * this Node's: the peers that dialled it cannot reach it there, and its router's NAT has dropped
   * the links it dialled. They are closed at once, and the links that went silent before may have
   * been cut by the change rather than by their peers, so those peers may be dialled again at once.
   */
  void ownAddressChanged();

  /** The port this Node accepts links on, or 0 when it accepts none. */
  int port();

  /** Stops listening and closes every link; the peers see their links go down. */
  @Override
  void close();
}
