package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.Route;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;

/**
 * Who sent a Gossip: the key the handshake of the link it arrived on proved, and that link's remote
 * address. Everything a Gossip causes, bans included, is laid to this key, never to a key a record
 * names and never to whoever an IP seems to belong to.
 */
public record GossipSource(PublicKey key, InetSocketAddress address) {
  public GossipSource {
    if (key == null || address == null || address.getAddress() == null) {
      throw new IllegalArgumentException("a Gossip source needs a key and a resolved address");
    }
  }

  /**
   * The sender of a Gossip or GossipFailure the Hopper expired to the Neighborhood, when there is
   * one to blame: it came over a link whose handshake proved a key, and straight from that link's
   * peer (a route of {@link Route#ONE_HOP_BLOCKS} blocks). Gossip that came through relays is
   * nobody's we could prove: a relay passes on what anyone sends it, so blaming the relay would let
   * a stranger frame it. Such Gossip is dropped and nobody is banned for it. Honest Nodes send
   * Gossip only to their neighbors, over one hop, and a relay refuses a package shorter than {@link
   * Route#MIN_RELAYED_BLOCKS}, so a one-hop package always comes from the link's peer itself.
   */
  public static Optional<GossipSource> of(ExpiredCoresPackage<?> expired) {
    if (expired.immediateNeighborKey().isEmpty()
        || expired.remainingRoute().size() != Route.ONE_HOP_BLOCKS) {
      return Optional.empty();
    }
    return Optional.of(
        new GossipSource(expired.immediateNeighborKey().get(), expired.immediateNeighbor()));
  }

  public InetAddress ip() {
    return address.getAddress();
  }

  /** Where to answer a sender we may not know: its socket address as a NodeAddr. */
  public NodeAddr nodeAddr() {
    return NodeAddr.of(address.getAddress(), address.getPort());
  }
}
