package org.jmasq.sim;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.LocalNode;
import org.jmasq.neighborhood.NodeRecord;
import org.jmasq.neighborhood.NodeRecordInner;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;

/**
 * The malicious Node's forgeries. Each attack is Gossip an honest Node never sends: a relayed
 * record altered under its owner's signature, a change of the attacker's own rate pack, a record
 * claiming the target's IP, and the target's own record sent back to it.
 */
final class Attacker {
  enum Attack {
    FORGED_SIGNATURE,
    CHANGED_RATE_PACK,
    CLAIMS_TARGET_IP,
    CLAIMS_TARGET_KEY
  }

  private Attacker() {}

  static Gossip craft(Attack attack, SimNode attacker, SimNode target, Instant now, long seed) {
    NodeRecord own = attacker.driver.database().root();
    GossipNodeRecord ownWithAddr = own.toGossip(true);
    return switch (attack) {
      case FORGED_SIGNATURE -> {
        NodeRecord victim = target.driver.database().root();
        NodeRecordInner inner = victim.inner();
        NodeRecordInner altered =
            new NodeRecordInner(
                inner.publicKey(),
                inner.earningWallet(),
                RatePack.ZERO,
                inner.neighbors(),
                inner.acceptsConnections(),
                inner.routesData(),
                inner.version() + 1,
                inner.countryCode());
        yield new Gossip(
            List.of(
                ownWithAddr,
                new GossipNodeRecord(altered.encode(), victim.signature(), Optional.empty())));
      }
      case CHANGED_RATE_PACK -> {
        NodeRecordInner inner = own.inner();
        RatePack cheaper = new RatePack(1, 1, 1, 1);
        NodeRecordInner altered =
            new NodeRecordInner(
                inner.publicKey(),
                inner.earningWallet(),
                cheaper,
                inner.neighbors(),
                inner.acceptsConnections(),
                inner.routesData(),
                inner.version() + 1,
                inner.countryCode());
        NodeRecord signed =
            new LocalNode(attacker.keys, SimNetwork.CHAIN, Optional.of(attacker.addr))
                .sign(altered, now);
        yield new Gossip(List.of(signed.toGossip(true)));
      }
      case CLAIMS_TARGET_IP -> {
        NodeKeyPair sybil = NodeKeyPair.generate(new SeededSecureRandom(seed));
        NodeRecordInner inner =
            new NodeRecordInner(
                sybil.publicKey(),
                own.inner().earningWallet(),
                own.ratePack(),
                new java.util.TreeSet<>(),
                true,
                true,
                0,
                Optional.empty());
        NodeAddr stolen = NodeAddr.of(target.ip(), SimNetwork.PORT);
        NodeRecord signed =
            new LocalNode(sybil, SimNetwork.CHAIN, Optional.of(stolen)).sign(inner, now);
        yield new Gossip(List.of(ownWithAddr, signed.toGossip(true)));
      }
      case CLAIMS_TARGET_KEY ->
          new Gossip(List.of(ownWithAddr, target.driver.database().root().toGossip(false)));
    };
  }
}
