package org.jmasq.neighborhood.gossip;

import java.util.Comparator;
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
 *
 * <p>Unlike the reference, a Node we know that does not list us also counts as debuting: that is a
 * Node rejoining after losing its neighbors (possibly one we still list), and it needs a Pass, an
 * Introduction or our Gossip as much as a newcomer does.
 */
final class DebutHandler implements GossipHandler {

  @Override
  public Qualification qualifies(IncomingGossip gossip, GossipContext ctx) {
    if (gossip.records().size() != 1) {
      return Qualification.UNMATCHED;
    }
    NodeRecord debutant = gossip.records().get(0);
    if (ctx.db().contains(debutant.key())
        && isLinked(debutant, ctx)
        && !isIntroductionRequest(debutant, ctx)) {
      return Qualification.UNMATCHED;
    }
    if (debutant.key().equals(ctx.db().rootKey())) {
      return Qualification.UNMATCHED;
    }
    if (debutant.acceptsConnections()) {
      if (debutant.nodeAddr().isEmpty() || debutant.nodeAddr().get().ports().isEmpty()) {
        return Qualification.malformed(
            BanReason.DEBUT_WITHOUT_PORTS,
            "debut of " + debutant.key() + " accepts connections but gives no port");
      }
      if (!gossip.isAtSource(debutant)) {
        return Qualification.UNMATCHED;
      }
    } else if (debutant.nodeAddr().isPresent()) {
      return Qualification.malformed(
          BanReason.DEBUT_ADDRESS_WITHOUT_ACCEPTING,
          "debut of " + debutant.key() + " carries an address but accepts no connections");
    }
    return Qualification.MATCHED;
  }

  /** The debutant already claims us as a neighbor: then this is Standard Gossip, not a Debut. */
  private static boolean isLinked(NodeRecord debutant, GossipContext ctx) {
    return debutant.lists(ctx.db().rootKey());
  }

  /**
   * JMasq's extension for healing: a neighbor sends us its record alone, asking to be introduced to
   * one of our other neighbors (one with fewer than three neighbors to gain a neighbor, one with
   * more to learn the address of a Node beyond its own neighbors, kept for the day its neighbors
   * die). Honest Standard Gossip from a Node with neighbors besides us always carries their records
   * too, so it never has this shape.
   */
  private static boolean isIntroductionRequest(NodeRecord debutant, GossipContext ctx) {
    return ctx.db().neighborsOf(ctx.db().rootKey()).contains(debutant.key());
  }

  /**
   * Adds or refreshes the record of a Node that is becoming our neighbor (a debutant, or an
   * introducer); a value when that must not happen: a deceptive change is banned, an IP held by
   * another live Node or a record the database refuses is ignored (a debutant's IP was checked
   * before, see {@link #ipTaken}).
   */
  static Optional<GossipOutcome> learn(
      NodeRecord debutant, NodeAddr replyTo, NeighborhoodDatabase db, IncomingGossip gossip) {
    if (debutant.nodeAddr().isPresent()
        && db.keyAt(replyTo.ip()).filter(k -> !k.equals(debutant.key())).isPresent()) {
      return Optional.of(
          new GossipOutcome.Ignored(
              "IP " + replyTo.ip().getHostAddress() + " is held by another live Node"));
    }
    Optional<NodeRecord> known = db.node(debutant.key());
    if (known.isPresent()) {
      Optional<NeighborhoodDatabase.Refusal> deceptive =
          StandardGossipHandler.deception(known.get(), debutant, gossip);
      if (deceptive.isPresent()) {
        return Optional.of(StandardGossipHandler.banFor(deceptive.get(), debutant));
      }
      StandardGossipHandler.replace(db, known.get(), debutant, gossip);
      if (known.get().nodeAddr().isEmpty()
          && debutant.nodeAddr().isPresent()
          && db.learnAddress(debutant.key(), debutant.nodeAddr().get()).isPresent()) {
        return Optional.of(
            new GossipOutcome.Ignored(
                "IP " + replyTo.ip().getHostAddress() + " is held by another live Node"));
      }
    } else if (db.add(debutant).isPresent()) {
      return Optional.of(
          new GossipOutcome.Ignored(
              "the record of " + debutant.key() + " refused by the database"));
    }
    return Optional.empty();
  }

  /**
   * One Node per public IP: a debutant whose address is at an IP another live Node holds in our
   * database is told so ({@link GossipFailure.Reason#IP_TAKEN}) rather than taken or passed on; the
   * Node that holds the IP keeps it. Typically two Nodes behind one NAT router, which share its
   * public IP.
   */
  private static Optional<GossipOutcome> ipTaken(
      NodeRecord debutant, NodeAddr replyTo, NeighborhoodDatabase db) {
    if (debutant.nodeAddr().isPresent()
        && db.keyAt(replyTo.ip()).filter(k -> !k.equals(debutant.key())).isPresent()) {
      return Optional.of(
          new GossipOutcome.Failed(GossipFailure.Reason.IP_TAKEN, debutant.key(), replyTo));
    }
    return Optional.empty();
  }

  /**
   * JMasq's answer to a saturated region (the reference passes, and where everyone has five
   * neighbors the Passes wander until the loop detector ends them). A full Node takes a debutant
   * with no neighbors at all in place of its best-connected neighbor N and introduces the two: our
   * degree stays five, N trades us for the debutant, the debutant gains two neighbors. N gets our
   * new record at once, sees we let go of it, and drops its side of the link.
   */
  private static GossipOutcome splice(
      NodeRecord debutant,
      NodeRecord dropped,
      NodeAddr replyTo,
      NeighborhoodDatabase db,
      IncomingGossip gossip) {
    Optional<GossipOutcome> refused = learn(debutant, replyTo, db, gossip);
    if (refused.isPresent()) {
      return refused.get();
    }
    db.removeRootNeighbor(dropped.key());
    db.addRootNeighbor(debutant.key());
    return new GossipOutcome.Accepted(
        List.of(
            new GossipOutcome.Reply(
                GossipProducer.introduction(db, dropped), debutant.key(), replyTo),
            new GossipOutcome.Reply(
                GossipProducer.standardFor(db, dropped.key()),
                dropped.key(),
                dropped.nodeAddr().orElseThrow())));
  }

  /**
   * The request is also the neighbor's latest record (it may be its only Standard Gossip), so the
   * record is learned first; then the least connected other neighbor is introduced (a full one
   * passes the request on toward spare capacity).
   */
  private static GossipOutcome introductionRequest(
      NodeRecord debutant,
      List<NodeRecord> candidates,
      NodeAddr replyTo,
      GossipContext ctx,
      IncomingGossip gossip) {
    NeighborhoodDatabase db = ctx.db();
    NodeRecord known = db.node(debutant.key()).orElseThrow();
    Optional<NeighborhoodDatabase.Refusal> deceptive =
        StandardGossipHandler.deception(known, debutant, gossip);
    if (deceptive.isPresent()) {
      return StandardGossipHandler.banFor(deceptive.get(), debutant);
    }
    boolean changed =
        debutant.version() > known.version()
            && StandardGossipHandler.replace(db, known, debutant, gossip).isEmpty();
    if (changed && db.areFullNeighbors(db.rootKey(), debutant.key())) {
      ctx.status().neighborshipEstablished(replyTo.ip());
    }
    if (candidates.isEmpty()) {
      return changed
          ? GossipOutcome.Accepted.plain()
          : new GossipOutcome.Ignored("no other neighbor to introduce " + debutant.key() + " to");
    }
    GossipOutcome.Reply introduction =
        new GossipOutcome.Reply(
            GossipProducer.introduction(db, candidates.get(0)), debutant.key(), replyTo);
    return changed ? new GossipOutcome.Accepted(List.of(introduction)) : introduction;
  }

  @Override
  public GossipOutcome handle(IncomingGossip gossip, GossipContext ctx) {
    NeighborhoodDatabase db = ctx.db();
    NodeRecord debutant = gossip.records().get(0);
    NodeAddr replyTo = debutant.nodeAddr().orElse(gossip.sourceAddr());
    Set<PublicKey> excluded = new HashSet<>(debutant.neighbors());
    excluded.add(debutant.key());
    List<NodeRecord> candidates =
        ctx.byDegree(db.fullNeighbors(db.rootKey()), excluded).stream()
            .filter(NodeRecord::acceptsConnections)
            .toList();
    if (db.contains(debutant.key()) && isLinked(debutant, ctx)) {
      return introductionRequest(debutant, candidates, replyTo, ctx, gossip);
    }
    // Before any Pass: a Node that would be refused for its IP here is refused everywhere its
    // holder is known, and passing it on only delays the answer.
    Optional<GossipOutcome> taken = ipTaken(debutant, replyTo, db);
    if (taken.isPresent()) {
      return taken.get();
    }
    int rootDegree = ctx.rootDegree();

    Optional<NodeRecord> moreAppropriate =
        candidates.stream().filter(r -> db.gossipTargetDegree(r.key()) > 2).findFirst();
    if (moreAppropriate.isPresent()
        && db.gossipTargetDegree(moreAppropriate.get().key()) < rootDegree) {
      return new GossipOutcome.Reply(
          GossipProducer.pass(moreAppropriate.get()), debutant.key(), replyTo);
    }
    if (rootDegree < GossipContext.MAX_DEGREE) {
      Optional<GossipOutcome> refused = learn(debutant, replyTo, db, gossip);
      if (refused.isPresent()) {
        return refused.get();
      }
      db.addRootNeighbor(debutant.key());
      if (ctx.status().isCurrentAttempt(gossip.sourceIp())) {
        // The Node we debuted to had nobody to introduce and debuted back.
        ctx.status().neighborshipEstablished(gossip.sourceIp());
      }
      if (!debutant.neighbors().isEmpty()) {
        return GossipOutcome.Accepted.plain();
      }
      Gossip answer =
          candidates.isEmpty()
              ? GossipProducer.debut(db)
              : GossipProducer.introduction(db, candidates.get(0));
      return new GossipOutcome.Reply(answer, debutant.key(), replyTo);
    }
    if (debutant.neighbors().isEmpty()) {
      Optional<NodeRecord> spliced =
          candidates.stream()
              .filter(r -> db.gossipTargetDegree(r.key()) >= 3)
              .max(Comparator.comparingInt(r -> db.gossipTargetDegree(r.key())));
      if (spliced.isPresent()) {
        return splice(debutant, spliced.get(), replyTo, db, gossip);
      }
    }
    List<PublicKey> halfNeighbors = List.copyOf(db.neighborsOf(db.rootKey()));
    List<NodeRecord> passTargets =
        ctx.byDegreeTowardSpareCapacity(halfNeighbors, excluded).stream()
            .filter(NodeRecord::acceptsConnections)
            .toList();
    if (passTargets.isEmpty()) {
      return new GossipOutcome.Failed(
          GossipFailure.Reason.NO_SUITABLE_NEIGHBORS, debutant.key(), replyTo);
    }
    return new GossipOutcome.Reply(
        GossipProducer.pass(passTargets.get(0)), debutant.key(), replyTo);
  }
}
