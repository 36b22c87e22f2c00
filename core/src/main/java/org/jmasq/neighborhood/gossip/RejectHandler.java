package org.jmasq.neighborhood.gossip;

import org.jmasq.neighborhood.BanReason;

/** The catch-all: Gossip no other handler recognized is deceptive. */
final class RejectHandler implements GossipHandler {
  @Override
  public Qualification qualifies(IncomingGossip gossip, GossipContext ctx) {
    return Qualification.malformed(
        BanReason.UNRECOGNIZED_SHAPE,
        "gossip of " + gossip.records().size() + " records fits no known shape");
  }

  @Override
  public GossipOutcome handle(IncomingGossip gossip, GossipContext ctx) {
    throw new IllegalStateException("the reject handler never matches");
  }
}
