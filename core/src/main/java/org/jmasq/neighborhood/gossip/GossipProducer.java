package org.jmasq.neighborhood.gossip;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.NeighborhoodDatabase;
import org.jmasq.neighborhood.NodeRecord;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;

/**
 * Builds the Gossip this Node sends. A record's address is revealed only when that Node accepts
 * connections and is either this Node or one the target already lists as a neighbor: a target never
 * learns an IP from us that it did not know.
 */
public final class GossipProducer {
  private GossipProducer() {}

  /** A Debut: the root record alone, with its address when it accepts connections. */
  public static Gossip debut(NeighborhoodDatabase db) {
    NodeRecord root = db.root();
    return new Gossip(List.of(root.toGossip(root.acceptsConnections())));
  }

  /** A Pass: one record, with its address, naming where the debutant should go instead. */
  static Gossip pass(NodeRecord target) {
    return new Gossip(List.of(target.toGossip(true)));
  }

  /** An Introduction: the root and the introducee, both with addresses. */
  static Gossip introduction(NeighborhoodDatabase db, NodeRecord introducee) {
    return new Gossip(List.of(db.root().toGossip(true), introducee.toGossip(true)));
  }

  /**
   * Standard Gossip for {@code target}: the root and every Node someone references, except the
   * target itself. When they are more than one Gossip carries, the ones nearest the target go: the
   * target learns only what lies within its patch of itself.
   */
  public static Gossip standardFor(NeighborhoodDatabase db, PublicKey target) {
    NodeRecord root = db.root();
    Set<PublicKey> referenced = new HashSet<>();
    for (NodeRecord r : db.records()) {
      referenced.addAll(r.neighbors());
    }
    List<NodeRecord> chosen = new ArrayList<>();
    for (NodeRecord r : db.records()) {
      if (!r.key().equals(root.key()) && !r.key().equals(target) && referenced.contains(r.key())) {
        chosen.add(r);
      }
    }
    if (chosen.size() >= Gossip.MAX_RECORDS) {
      Map<PublicKey, Integer> distance = distancesFrom(db, target);
      chosen.sort(
          Comparator.comparingInt(
                  (NodeRecord r) -> distance.getOrDefault(r.key(), Integer.MAX_VALUE))
              .thenComparing(NodeRecord::key));
      chosen = chosen.subList(0, Gossip.MAX_RECORDS - 1);
    }
    NavigableSet<PublicKey> targetKnows = db.neighborsOf(target);
    List<GossipNodeRecord> out = new ArrayList<>();
    out.add(root.toGossip(root.acceptsConnections()));
    for (NodeRecord r : chosen) {
      out.add(r.toGossip(r.acceptsConnections() && targetKnows.contains(r.key())));
    }
    return new Gossip(out);
  }

  /** Hops from {@code start} to every Node the database reaches, along the records' lists. */
  private static Map<PublicKey, Integer> distancesFrom(NeighborhoodDatabase db, PublicKey start) {
    Map<PublicKey, Integer> distance = new HashMap<>();
    Deque<PublicKey> queue = new ArrayDeque<>();
    distance.put(start, 0);
    queue.add(start);
    while (!queue.isEmpty()) {
      PublicKey at = queue.poll();
      for (PublicKey n : db.neighborsOf(at)) {
        if (distance.putIfAbsent(n, distance.get(at) + 1) == null) {
          queue.add(n);
        }
      }
    }
    return distance;
  }
}
