package org.jmasq.neighborhood.gossip;

/** One link of the acceptance chain: says whether a Gossip is its kind, and if so handles it. */
interface GossipHandler {
  Qualification qualifies(IncomingGossip gossip, GossipContext ctx);

  GossipOutcome handle(IncomingGossip gossip, GossipContext ctx);
}
