package org.jmasq.neighborhood.gossip;

import java.util.List;

/**
 * Runs the handler chain Debut, Pass, Introduction, Standard, Reject: the first handler that
 * recognizes the Gossip decides; one that finds it deceptive turns it into a {@link
 * GossipOutcome.Ban}.
 */
public final class GossipAcceptor {
  private final List<GossipHandler> chain =
      List.of(
          new DebutHandler(),
          new PassHandler(),
          new IntroductionHandler(),
          new StandardGossipHandler(),
          new RejectHandler());

  public GossipOutcome accept(IncomingGossip gossip, GossipContext ctx) {
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
}
