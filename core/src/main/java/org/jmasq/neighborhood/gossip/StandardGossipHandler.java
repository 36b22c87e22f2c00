package org.jmasq.neighborhood.gossip;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.BanReason;
import org.jmasq.neighborhood.NeighborhoodDatabase;
import org.jmasq.neighborhood.NodeRecord;

/**
 * Standard Gossip: records a neighbor tells us about. Learn those within the patch ({@code
 * max(min_hops, 3)} hops of the root), replace known records by newer versions, and link back to
 * the sender while we have fewer than five full neighbors.
 */
final class StandardGossipHandler implements GossipHandler {

  @Override
  public Qualification qualifies(IncomingGossip gossip, GossipContext ctx) {
    if (gossip.records().isEmpty()) {
      return Qualification.UNMATCHED;
    }
    Set<InetAddress> seen = new HashSet<>();
    for (NodeRecord r : gossip.records()) {
      if (r.key().equals(ctx.db().rootKey())) {
        return Qualification.malformed(BanReason.CLAIMS_OUR_KEY, "a record claims our key");
      }
      if (r.nodeAddr().isPresent()) {
        InetAddress ip = r.nodeAddr().get().ip();
        // Only the sender's own claim is its doing. Another Node's record at our IP may be an
        // honest neighbor's copy of a Node behind the same NAT router as us (one that took our
        // IP while nobody knew us): it is left out (the database refuses a second key at our IP),
        // and nobody is banned.
        if (ctx.rootAcceptsConnections()
            && ctx.rootIp().filter(ip::equals).isPresent()
            && r.key().equals(gossip.sender())) {
          return Qualification.malformed(BanReason.CLAIMS_OUR_IP, r.key() + " claims our IP");
        }
        if (!seen.add(ip)) {
          return Qualification.malformed(
              BanReason.DUPLICATE_IP, "two records claim " + ip.getHostAddress());
        }
      }
    }
    return Qualification.MATCHED;
  }

  @Override
  public GossipOutcome handle(IncomingGossip gossip, GossipContext ctx) {
    NeighborhoodDatabase db = ctx.db();
    List<NodeRecord> acceptable = new ArrayList<>(gossip.records().size());
    for (NodeRecord r : gossip.records()) {
      Optional<NodeRecord> known = db.node(r.key());
      Optional<NeighborhoodDatabase.Refusal> deceptive =
          known.flatMap(k -> deception(k, r, gossip));
      if (deceptive.isEmpty()) {
        acceptable.add(r);
      } else if (isUnprovenMove(deceptive.get(), known.get(), r)) {
        acceptable.add(r.withNodeAddr(Optional.empty()));
      } else if (r.key().equals(gossip.sender())) {
        return banFor(deceptive.get(), r);
      }
      // Another Node's record that contradicts ours is its owner's doing or a stale copy, not the
      // sender's: an honest neighbor passes on what it holds. It is left out, and nobody banned.
    }
    // Only the key the link proved is linked back to; an IP alone proves nothing.
    Optional<PublicKey> sourceKey = db.keyAt(gossip.sourceIp()).filter(gossip.sender()::equals);
    boolean wasFull = sourceKey.map(k -> db.areFullNeighbors(db.rootKey(), k)).orElse(false);
    boolean changed = false;
    for (NodeRecord r : withinPatch(acceptable, db, ctx.patchSize())) {
      if (!db.contains(r.key())) {
        if (r.nodeAddr().isEmpty() || gossip.isAtSource(r)) {
          changed |= db.add(r).isEmpty();
        }
      } else {
        NodeRecord known = db.node(r.key()).orElseThrow();
        if (r.version() > known.version()) {
          boolean droppedUs = known.lists(db.rootKey()) && !r.lists(db.rootKey());
          changed |= replace(db, known, r, gossip).isEmpty();
          if (droppedUs) {
            // It let go of us: keep no one-sided link to it (it would count against nobody and
            // pull it back the next time it gossips).
            changed |= db.removeRootNeighbor(r.key());
          }
        } else if (known.nodeAddr().isEmpty() && gossip.isAtSource(r)) {
          // The sender's own address, seen at its source: as good as a newer record's.
          changed |= db.learnAddress(r.key(), r.nodeAddr().get()).isEmpty();
        } else if (!known.nodeAddr().equals(r.nodeAddr()) && isHonestMove(known, r, gossip)) {
          // The record it told of over its link from the old address, now from the new one.
          changed |= db.move(r).isEmpty();
        }
      }
    }
    sourceKey = db.keyAt(gossip.sourceIp()).filter(gossip.sender()::equals);
    if (sourceKey.isPresent()
        && !sourceKey.get().equals(db.rootKey())
        && ctx.rootFullNeighborCount() < GossipContext.MAX_DEGREE) {
      changed |= db.addRootNeighbor(sourceKey.get());
    }
    if (sourceKey.isPresent() && !wasFull && db.areFullNeighbors(db.rootKey(), sourceKey.get())) {
      if (ctx.rootFullNeighborCount() > GossipContext.MAX_DEGREE) {
        // Debuts accepted in parallel can overshoot; the newest neighborship yields.
        db.removeRootNeighbor(sourceKey.get());
        changed = true;
      } else {
        ctx.status().neighborshipEstablished(gossip.sourceIp());
      }
    }
    return changed ? GossipOutcome.Accepted.plain() : new GossipOutcome.Ignored("nothing new");
  }

  /**
   * What would make {@code r} a deceptive replacement for {@code known} in {@code gossip}, if
   * anything. A Node whose public IP changed sends its own newer record with the new address from
   * that address: that move is honest. Any other change of address (a Node's record naming an IP
   * its link does not come from, or an older version) is deceptive, as is a changed rate pack.
   */
  static Optional<NeighborhoodDatabase.Refusal> deception(
      NodeRecord known, NodeRecord r, IncomingGossip gossip) {
    Optional<NeighborhoodDatabase.Refusal> refusal = NeighborhoodDatabase.checkUnchanging(known, r);
    if (refusal.equals(Optional.of(NeighborhoodDatabase.Refusal.ADDRESS_CHANGED))
        && isHonestMove(known, r, gossip)) {
      return Optional.empty();
    }
    return refusal;
  }

  /**
   * A record of a Node that moved, not sent from its new address: passed on by a neighbor of it, or
   * sent by the Node itself over a link still open from its old address (its router's public IP
   * changed, and the links through the router break only as they are next used), first as a newer
   * version and then again as the version we hold. Its signed part is news or the same; the new
   * address is not shown to be its own, so the record is kept at the address we know until its
   * owner shows itself at the new one. Nobody is banned: an honest move looks so.
   */
  static boolean isUnprovenMove(
      NeighborhoodDatabase.Refusal refusal, NodeRecord known, NodeRecord r) {
    return refusal == NeighborhoodDatabase.Refusal.ADDRESS_CHANGED
        && (r.version() > known.version() || known.sameSignedRecord(r));
  }

  /**
   * The Node itself, over the link it authenticated, from the address its record names: a newer
   * version, or the version we hold (which it may have told over its link from the old address).
   */
  private static boolean isHonestMove(NodeRecord known, NodeRecord r, IncomingGossip gossip) {
    return r.key().equals(gossip.sender())
        && gossip.isAtSource(r)
        && r.version() >= known.version();
  }

  /** Replaces {@code known} by {@code r}, found not deceptive: a move where it is one. */
  static Optional<NeighborhoodDatabase.Refusal> replace(
      NeighborhoodDatabase db, NodeRecord known, NodeRecord r, IncomingGossip gossip) {
    boolean moves =
        known.nodeAddr().isPresent()
            && r.nodeAddr().isPresent()
            && !known.nodeAddr().equals(r.nodeAddr())
            && isHonestMove(known, r, gossip);
    return moves ? db.move(r) : db.update(r);
  }

  static GossipOutcome.Ban banFor(NeighborhoodDatabase.Refusal refusal, NodeRecord r) {
    return switch (refusal) {
      case ADDRESS_CHANGED ->
          new GossipOutcome.Ban(
              BanReason.ADDRESS_CHANGED, "record of " + r.key() + " moves its address");
      case OWN_KEY -> new GossipOutcome.Ban(BanReason.CLAIMS_OUR_KEY, "a record claims our key");
      default ->
          new GossipOutcome.Ban(
              BanReason.RATE_PACK_CHANGED, "record of " + r.key() + " changes its rate pack");
    };
  }

  /**
   * The records reachable from the root within {@code hops} hops, following the neighbor lists of
   * the incoming records where we have them and of our own records otherwise.
   */
  static Collection<NodeRecord> withinPatch(
      List<NodeRecord> records, NeighborhoodDatabase db, int hops) {
    Map<PublicKey, NodeRecord> incoming = new HashMap<>();
    records.forEach(r -> incoming.put(r.key(), r));
    Map<PublicKey, Integer> distance = new HashMap<>();
    Deque<PublicKey> queue = new ArrayDeque<>();
    distance.put(db.rootKey(), 0);
    queue.add(db.rootKey());
    Map<PublicKey, NodeRecord> kept = new HashMap<>();
    while (!queue.isEmpty()) {
      PublicKey at = queue.poll();
      int d = distance.get(at);
      NodeRecord fresh = incoming.get(at);
      if (fresh != null) {
        kept.put(at, fresh);
      }
      if (d == hops) {
        continue;
      }
      Set<PublicKey> next = new HashSet<>(db.neighborsOf(at));
      if (fresh != null) {
        next.addAll(fresh.neighbors());
      }
      if (d == 0) {
        // A Node that lists us is one hop away even though we do not list it (yet): a healing
        // Node's debutee that took it answers with exactly such Standard Gossip.
        records.stream().filter(r -> r.lists(db.rootKey())).forEach(r -> next.add(r.key()));
      }
      for (PublicKey n : next) {
        if (!distance.containsKey(n)) {
          distance.put(n, d + 1);
          queue.add(n);
        }
      }
    }
    return kept.values();
  }
}
