package org.jmasq.neighborhood.gossip;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.NeighborhoodDatabase;
import org.jmasq.neighborhood.NodeRecord;
import org.jmasq.neighborhood.OverallConnectionStatus;

/**
 * What the Gossip handlers read and change while handling one Gossip: the database, the join
 * attempts, the Pass memory, the time and a source of randomness for tie-breaking.
 */
public record GossipContext(
    NeighborhoodDatabase db,
    Optional<NodeAddr> rootAddr,
    OverallConnectionStatus status,
    PassMemory passMemory,
    int minHops,
    Instant now,
    RandomGenerator random) {

  /** At most this many full neighbors. */
  public static final int MAX_DEGREE = 5;

  /** How far from the root Standard Gossip is learned: {@code max(min_hops, 3)}. */
  int patchSize() {
    return Math.max(minHops, 3);
  }

  Optional<InetAddress> rootIp() {
    return rootAddr.map(NodeAddr::ip);
  }

  boolean rootAcceptsConnections() {
    return db.rootInner().acceptsConnections();
  }

  int rootDegree() {
    return db.gossipTargetDegree(db.rootKey());
  }

  int rootFullNeighborCount() {
    return db.fullNeighbors(db.rootKey()).size();
  }

  /**
   * {@code keys} that have an address, shuffled and then sorted by degree ascending, so that ties
   * are broken at random.
   */
  List<NodeRecord> byDegree(List<PublicKey> keys, Set<PublicKey> excluded) {
    List<NodeRecord> out = new ArrayList<>();
    for (PublicKey k : keys) {
      if (!excluded.contains(k)) {
        db.node(k).filter(r -> r.nodeAddr().isPresent()).ifPresent(out::add);
      }
    }
    for (int i = out.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      NodeRecord t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    out.sort(Comparator.comparingInt(r -> db.gossipTargetDegree(r.key())));
    return out;
  }

  /**
   * Like {@link #byDegree}, but among equally connected Nodes prefers those closest (in our
   * database) to a Node with room for another neighbor, so that a chain of Passes through a
   * saturated region walks toward spare capacity instead of bouncing between full Nodes.
   */
  List<NodeRecord> byDegreeTowardSpareCapacity(List<PublicKey> keys, Set<PublicKey> excluded) {
    List<NodeRecord> out = byDegree(keys, excluded);
    java.util.Map<PublicKey, Integer> distance = new java.util.HashMap<>();
    out.forEach(r -> distance.put(r.key(), hopsToSpareCapacity(r.key(), excluded)));
    out.sort(
        Comparator.<NodeRecord>comparingInt(r -> db.gossipTargetDegree(r.key()))
            .thenComparingInt(r -> distance.get(r.key())));
    return out;
  }

  private int hopsToSpareCapacity(PublicKey start, Set<PublicKey> excluded) {
    java.util.Set<PublicKey> seen = new java.util.HashSet<>(List.of(start, db.rootKey()));
    List<PublicKey> frontier = List.of(start);
    for (int depth = 0; depth <= 3 && !frontier.isEmpty(); depth++) {
      List<PublicKey> next = new ArrayList<>();
      for (PublicKey k : frontier) {
        if (!excluded.contains(k)
            && db.gossipTargetDegree(k) < MAX_DEGREE
            && db.node(k).map(NodeRecord::acceptsConnections).orElse(false)) {
          return depth;
        }
        for (PublicKey n : db.neighborsOf(k)) {
          if (seen.add(n) && db.contains(n)) {
            next.add(n);
          }
        }
      }
      frontier = next;
    }
    return Integer.MAX_VALUE;
  }
}
