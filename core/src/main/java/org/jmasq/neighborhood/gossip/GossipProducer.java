package org.jmasq.neighborhood.gossip;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
   * target itself.
   */
  public static Gossip standardFor(NeighborhoodDatabase db, PublicKey target) {
    NodeRecord root = db.root();
    Set<PublicKey> referenced = new HashSet<>();
    for (NodeRecord r : db.records()) {
      referenced.addAll(r.neighbors());
    }
    NavigableSet<PublicKey> targetKnows = db.neighborsOf(target);
    List<GossipNodeRecord> out = new ArrayList<>();
    out.add(root.toGossip(root.acceptsConnections()));
    for (NodeRecord r : db.records()) {
      if (r.key().equals(root.key()) || r.key().equals(target) || !referenced.contains(r.key())) {
        continue;
      }
      boolean reveal = r.acceptsConnections() && targetKnows.contains(r.key());
      out.add(r.toGossip(reveal));
      if (out.size() == Gossip.MAX_RECORDS) {
        break;
      }
    }
    return new Gossip(out);
  }
}
