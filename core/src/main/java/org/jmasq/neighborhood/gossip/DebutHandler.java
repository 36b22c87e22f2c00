package org.jmasq.neighborhood.gossip;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.BanReason;
import org.jmasq.neighborhood.NeighborhoodDatabase;
import org.jmasq.neighborhood.NodeRecord;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;

/**
 * A Debut: one record describing a sender we do not know. Pass it to a less-connected neighbor,
 * take it (with an Introduction if it has no neighbors yet), or, when full, pass it to a half
 * neighbor or refuse it.
 */
final class DebutHandler implements GossipHandler {

  @Override
  public Qualification qualifies(IncomingGossip gossip, GossipContext ctx) {
    if (gossip.records().size() != 1) {
      return Qualification.UNMATCHED;
    }
    NodeRecord debutant = gossip.records().get(0);
    if (ctx.db().contains(debutant.key())) {
      return Qualification.UNMATCHED;
    }
    if (debutant.acceptsConnections()) {
      if (debutant.nodeAddr().isEmpty() || debutant.nodeAddr().get().ports().isEmpty()) {
        return Qualification.malformed(BanReason.DEBUT_WITHOUT_PORTS, "debut of " + debutant.key() + " accepts connections but gives no port");
      }
      if (!gossip.isAtSource(debutant)) {
        return Qualification.UNMATCHED;
      }
    } else if (debutant.nodeAddr().isPresent()) {
      return Qualification.malformed(BanReason.DEBUT_ADDRESS_WITHOUT_ACCEPTING, "debut of " + debutant.key() + " carries an address but accepts no connections");
    }
    return Qualification.MATCHED;
  }

  @Override
  public GossipOutcome handle(IncomingGossip gossip, GossipContext ctx) {
    NeighborhoodDatabase db = ctx.db();
    NodeRecord debutant = gossip.records().get(0);
    NodeAddr replyTo = debutant.nodeAddr().orElse(gossip.sourceAddr());
    Set<PublicKey> excluded = new HashSet<>(debutant.neighbors());
    excluded.add(debutant.key());
    List<NodeRecord> candidates =
        ctx.byDegree(db.fullNeighbors(db.rootKey()), excluded).stream().filter(NodeRecord::acceptsConnections).toList();
    int rootDegree = ctx.rootDegree();

    Optional<NodeRecord> moreAppropriate = candidates.stream().filter(r -> db.gossipTargetDegree(r.key()) > 2).findFirst();
    if (moreAppropriate.isPresent() && db.gossipTargetDegree(moreAppropriate.get().key()) < rootDegree) {
      return new GossipOutcome.Reply(GossipProducer.pass(moreAppropriate.get()), debutant.key(), replyTo);
    }
    if (rootDegree < GossipContext.MAX_DEGREE) {
      if (db.keyAt(replyTo.ip()).isPresent() && debutant.nodeAddr().isPresent()) {
        return new GossipOutcome.Ignored("IP " + replyTo.ip().getHostAddress() + " is held by another live Node");
      }
      if (db.add(debutant).isPresent()) {
        return new GossipOutcome.Ignored("debut of " + debutant.key() + " refused by the database");
      }
      db.addRootNeighbor(debutant.key());
      if (!debutant.neighbors().isEmpty()) {
        return GossipOutcome.Accepted.plain();
      }
      Gossip answer =
          candidates.isEmpty() ? GossipProducer.debut(db) : GossipProducer.introduction(db, candidates.get(0));
      return new GossipOutcome.Reply(answer, debutant.key(), replyTo);
    }
    List<PublicKey> halfNeighbors = List.copyOf(db.neighborsOf(db.rootKey()));
    List<NodeRecord> passTargets = ctx.byDegree(halfNeighbors, excluded).stream().filter(NodeRecord::acceptsConnections).toList();
    if (passTargets.isEmpty()) {
      return new GossipOutcome.Failed(GossipFailure.Reason.NO_SUITABLE_NEIGHBORS, debutant.key(), replyTo);
    }
    return new GossipOutcome.Reply(GossipProducer.pass(passTargets.get(0)), debutant.key(), replyTo);
  }
}
