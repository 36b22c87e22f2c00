package org.jmasq.neighborhood.gossip;

import java.net.InetAddress;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.NodeRecord;

/**
 * A Pass: one record at another IP than the sender's, meaning "debut there instead". A second Pass
 * to the same IP within 60 s, or a Pass back to where a join attempt began, is a loop and ends that
 * attempt.
 */
final class PassHandler implements GossipHandler {

  @Override
  public Qualification qualifies(IncomingGossip gossip, GossipContext ctx) {
    if (gossip.records().size() != 1) {
      return Qualification.UNMATCHED;
    }
    NodeRecord target = gossip.records().get(0);
    if (target.nodeAddr().isEmpty()
        || target.nodeAddr().get().ports().isEmpty()
        || gossip.isAtSource(target)) {
      return Qualification.UNMATCHED;
    }
    return Qualification.MATCHED;
  }

  @Override
  public GossipOutcome handle(IncomingGossip gossip, GossipContext ctx) {
    NodeRecord target = gossip.records().get(0);
    NodeAddr addr = target.nodeAddr().orElseThrow();
    InetAddress ip = addr.ip();
    if (ctx.rootIp().filter(ip::equals).isPresent() || target.key().equals(ctx.db().rootKey())) {
      ctx.status().passLoopFound(gossip.sourceIp());
      return new GossipOutcome.Ignored("passed to ourselves");
    }
    if (ctx.passMemory().recentlyPassedTo(ip, ctx.now()) || ctx.status().isInitialAttempt(ip)) {
      ctx.status().passLoopFound(gossip.sourceIp());
      return new GossipOutcome.Ignored("pass loop: already passed to " + ip.getHostAddress());
    }
    ctx.passMemory().remember(ip, ctx.now());
    ctx.status().passReceived(gossip.sourceIp(), ip);
    return new GossipOutcome.Reply(GossipProducer.debut(ctx.db()), target.key(), addr);
  }
}
