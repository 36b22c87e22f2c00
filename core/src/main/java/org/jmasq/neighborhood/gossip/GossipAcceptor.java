package org.jmasq.neighborhood.gossip;

import java.util.List;

/**
 * Runs the handler chain Debut, Pass, Introduction, Standard, Reject: the first handler that
 * recognizes the Gossip decides; one that finds it deceptive turns it into a {@link
 * GossipOutcome.Ban}. Gossip of the Standard shape (more records than any other shape has) goes to
 * the Standard handler alone: the verifier has already cut it down to the records it would use.
 */
public final class GossipAcceptor {
  private final StandardGossipHandler standard = new StandardGossipHandler();
  private final List<GossipHandler> chain =
      List.of(
          new DebutHandler(),
          new PassHandler(),
          new IntroductionHandler(),
          standard,
          new RejectHandler());

  public GossipOutcome accept(IncomingGossip gossip, GossipContext ctx) {
    if (gossip.standardShape()) {
      if (gossip.records().isEmpty()) {
        return new GossipOutcome.Ignored("no record this Node would use");
      }
      return decide(standard, gossip, ctx);
    }
    for (GossipHandler handler : chain) {
      Qualification q = handler.qualifies(gossip, ctx);
      if (q instanceof Qualification.Malformed m) {
        return new GossipOutcome.Ban(m.reason(), m.detail());
      }
      if (q instanceof Qualification.Matched) {
        return handler.handle(gossip, ctx);
      }
    }
    throw new IllegalStateException("the reject handler matches everything");
  }

  private static GossipOutcome decide(
      GossipHandler handler, IncomingGossip gossip, GossipContext ctx) {
    return switch (handler.qualifies(gossip, ctx)) {
      case Qualification.Malformed m -> new GossipOutcome.Ban(m.reason(), m.detail());
      case Qualification.Matched m -> handler.handle(gossip, ctx);
      case Qualification.Unmatched u -> new GossipOutcome.Ignored("not Standard Gossip");
    };
  }
}
