package org.jmasq.node;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.node.neighborhood.GossipDefence;
import org.jmasq.node.neighborhood.NeighborhoodService;
import org.jmasq.payload.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Neighborhood as the rest of a Node sees it: what the Node reports, the Gossip the Hopper
 * expires to it, and what the links tell and ask it. A networked Node has its {@link
 * NeighborhoodService}; a zero-hop Node has {@link #zeroHop()}, which knows no one.
 */
interface Neighbors {
  ConnectionStage stage();

  /** Known Nodes and full neighbors, for status lines. */
  int[] counts();

  List<PublicKey> fullNeighbors();

  /** Every Node known, each with its full neighbors; a Node with no Neighborhood knows none. */
  default Map<PublicKey, Set<PublicKey>> knownNodes() {
    return Map.of();
  }

  /** What the Neighborhood refused of the Gossip it was sent, and whom it bans. */
  GossipDefence gossipDefence();

  void deliver(ExpiredCoresPackage<MessageType> gossip);

  Optional<NodeAddr> addressOf(PublicKey key);

  void linkUp(PublicKey peer, InetSocketAddress remote);

  void linkDown(PublicKey peer);

  /** The Neighborhood in Graphviz DOT; a Node with none draws an empty graph. */
  default String neighborhoodGraph() {
    return "digraph neighborhood {\n}\n";
  }

  /**
   * Routes found from now on have at least {@code hops} hops.
   *
   * @return false when the Neighborhood did not take the change (its mailbox was full)
   */
  default boolean setMinHops(int hops) {
    throw new IllegalStateException("a zero-hop Node's routes are always [self, self]");
  }

  /** Makes routes found from now on exit where {@code preferences} allow. */
  default void setExitPreferences(ExitPreferences preferences) {
    throw new IllegalStateException("a zero-hop Node is its own exit");
  }

  default ExitPreferences exitPreferences() {
    return ExitPreferences.NONE;
  }

  /** The countries a route can exit in now; empty when the Neighborhood does not answer. */
  default Optional<SortedSet<String>> exitCountries() {
    return Optional.of(new TreeSet<>());
  }

  /** The country {@code key}'s record claims; a Node with no Neighborhood knows none. */
  default Optional<String> countryOf(PublicKey key) {
    return Optional.empty();
  }

  static Neighbors of(NeighborhoodService service) {
    return new Neighbors() {
      @Override
      public ConnectionStage stage() {
        return service.stage();
      }

      @Override
      public int[] counts() {
        return service.counts();
      }

      @Override
      public List<PublicKey> fullNeighbors() {
        return service.fullNeighbors();
      }

      @Override
      public GossipDefence gossipDefence() {
        return service.defence();
      }

      @Override
      public Map<PublicKey, Set<PublicKey>> knownNodes() {
        return service.knownNodes();
      }

      @Override
      public void deliver(ExpiredCoresPackage<MessageType> gossip) {
        service.deliver(gossip);
      }

      @Override
      public Optional<NodeAddr> addressOf(PublicKey key) {
        return service.addressOf(key);
      }

      @Override
      public void linkUp(PublicKey peer, InetSocketAddress remote) {
        service.linkUp(peer, remote);
      }

      @Override
      public void linkDown(PublicKey peer) {
        service.linkDown(peer);
      }

      @Override
      public String neighborhoodGraph() {
        return service
            .neighborhoodGraph()
            .orElseThrow(() -> new IllegalStateException("the Neighborhood did not answer"));
      }

      @Override
      public boolean setMinHops(int hops) {
        return service.setMinHops(hops);
      }

      @Override
      public Optional<String> countryOf(PublicKey key) {
        return service.countryOf(key);
      }

      @Override
      public void setExitPreferences(ExitPreferences preferences) {
        service.setExitPreferences(preferences);
      }

      @Override
      public ExitPreferences exitPreferences() {
        return service.exitPreferences();
      }

      @Override
      public Optional<SortedSet<String>> exitCountries() {
        return service.exitCountries();
      }
    };
  }

  /**
   * A zero-hop Node's stand-in: every route is {@code [self, self]}, so it has found its route from
   * the start, knows no Node, drops Gossip, and has no links to hear of.
   */
  static Neighbors zeroHop() {
    Logger log = LoggerFactory.getLogger(Neighbors.class);
    return new Neighbors() {
      @Override
      public ConnectionStage stage() {
        return ConnectionStage.ROUTE_FOUND;
      }

      @Override
      public int[] counts() {
        return new int[] {0, 0};
      }

      @Override
      public List<PublicKey> fullNeighbors() {
        return List.of();
      }

      @Override
      public GossipDefence gossipDefence() {
        return GossipDefence.NONE;
      }

      @Override
      public void deliver(ExpiredCoresPackage<MessageType> gossip) {
        log.warn("Dropped Gossip: a zero-hop Node takes no part in the Neighborhood");
      }

      @Override
      public Optional<NodeAddr> addressOf(PublicKey key) {
        return Optional.empty();
      }

      @Override
      public void linkUp(PublicKey peer, InetSocketAddress remote) {
        throw new IllegalStateException("a zero-hop Node has no links");
      }

      @Override
      public void linkDown(PublicKey peer) {
        throw new IllegalStateException("a zero-hop Node has no links");
      }
    };
  }
}
