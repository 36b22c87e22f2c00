package org.jmasq.neighborhood.gossip;

import java.util.List;
import java.util.Optional;
import org.jmasq.neighborhood.BanReason;
import org.jmasq.neighborhood.NeighborhoodDatabase;
import org.jmasq.neighborhood.NodeRecord;

/**
 * An Introduction: the introducer (at the sender's IP) and an introducee we do not know. Take the
 * introducer as a neighbor and debut to the introducee, unless we already have five full neighbors.
 * (JMasq also takes an introducee it knows but does not list, the answer to a healing Node's
 * request; honest Standard Gossip reveals addresses only of Nodes we list, so it never has this
 * shape.)
 */
final class IntroductionHandler implements GossipHandler {

  private record Pair(NodeRecord introducer, NodeRecord introducee) {}

  private static Optional<Pair> pair(IncomingGossip gossip) {
    if (gossip.records().size() != 2) {
      return Optional.empty();
    }
    NodeRecord a = gossip.records().get(0);
    NodeRecord b = gossip.records().get(1);
    if (a.nodeAddr().isEmpty() || b.nodeAddr().isEmpty()) {
      return Optional.empty();
    }
    if (gossip.isAtSource(a) && !gossip.isAtSource(b)) {
      return Optional.of(new Pair(a, b));
    }
    if (gossip.isAtSource(b) && !gossip.isAtSource(a)) {
      return Optional.of(new Pair(b, a));
    }
    return Optional.empty();
  }

  @Override
  public Qualification qualifies(IncomingGossip gossip, GossipContext ctx) {
    Optional<Pair> pair = pair(gossip);
    if (pair.isEmpty()
        || ctx.db().neighborsOf(ctx.db().rootKey()).contains(pair.get().introducee().key())) {
      return Qualification.UNMATCHED;
    }
    NodeRecord introducer = pair.get().introducer();
    NodeRecord introducee = pair.get().introducee();
    if (introducer.key().equals(ctx.db().rootKey())) {
      return Qualification.malformed(BanReason.CLAIMS_OUR_KEY, "introducer claims our key");
    }
    if (introducer.nodeAddr().get().ports().isEmpty()
        || introducee.nodeAddr().get().ports().isEmpty()) {
      return Qualification.malformed(
          BanReason.INTRODUCTION_WITHOUT_PORTS, "introduction without ports");
    }
    for (NodeRecord r : List.of(introducer, introducee)) {
      if (ctx.rootAcceptsConnections()
          && ctx.rootIp().filter(r.nodeAddr().get().ip()::equals).isPresent()) {
        return Qualification.malformed(BanReason.CLAIMS_OUR_IP, r.key() + " claims our IP");
      }
    }
    return Qualification.MATCHED;
  }

  @Override
  public GossipOutcome handle(IncomingGossip gossip, GossipContext ctx) {
    NeighborhoodDatabase db = ctx.db();
    Pair pair = pair(gossip).orElseThrow();
    NodeRecord introducer = pair.introducer();
    if (ctx.rootFullNeighborCount() >= GossipContext.MAX_DEGREE) {
      return new GossipOutcome.Ignored("already " + GossipContext.MAX_DEGREE + " full neighbors");
    }
    // The same rules as for a debutant: an introducer whose IP another live Node holds is not
    // made a neighbor.
    Optional<GossipOutcome> refused =
        DebutHandler.learn(introducer, introducer.nodeAddr().get(), db, gossip);
    if (refused.isPresent()) {
      return refused.get();
    }
    db.addRootNeighbor(introducer.key());
    ctx.status().neighborshipEstablished(gossip.sourceIp());
    NodeRecord introducee = pair.introducee();
    return new GossipOutcome.Accepted(
        List.of(
            new GossipOutcome.Reply(
                GossipProducer.debut(db), introducee.key(), introducee.nodeAddr().get())));
  }
}
