package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.gossip.GossipAcceptor;
import org.jmasq.neighborhood.gossip.GossipContext;
import org.jmasq.neighborhood.gossip.GossipOutcome;
import org.jmasq.neighborhood.gossip.GossipVerifier;
import org.jmasq.neighborhood.gossip.PassMemory;
import org.jmasq.payload.Gossip;

/**
 * Takes in one Gossip message for a {@link Neighborhood}: verifies it, hands it to the handler
 * chain, carries out the outcome (replies, failures, bans) and trims the full neighbors back to the
 * maximum. Owned by the Neighborhood's thread.
 */
final class GossipIntake {
  private final LocalNode local;
  private final NeighborhoodDatabase db;
  private final BanList bans;
  private final OverallConnectionStatus status;
  private final Healing healing;
  private final RandomGenerator random;
  private final GossipVerifier verifier;
  private final GossipAcceptor acceptor = new GossipAcceptor();
  private final PassMemory passMemory = new PassMemory();
  private boolean changed;

  GossipIntake(
      LocalNode local,
      NeighborhoodDatabase db,
      BanList bans,
      OverallConnectionStatus status,
      Healing healing,
      SignatureVerifier signatures,
      RandomGenerator random) {
    this.local = local;
    this.db = db;
    this.bans = bans;
    this.status = status;
    this.healing = healing;
    this.random = random;
    this.verifier = new GossipVerifier(signatures);
  }

  /**
   * Gossip from {@code source}, whose IP is not banned; adds the effects to {@code out} and returns
   * whether the database changed so that Standard Gossip is due.
   */
  boolean receive(
      InetSocketAddress source,
      Gossip gossip,
      int minHops,
      Instant now,
      List<NeighborhoodEffect> out) {
    changed = false;
    GossipVerifier.Result verified = verifier.verify(source, gossip, db, bans, now);
    GossipOutcome outcome =
        switch (verified) {
          case GossipVerifier.Result.Rejected r -> r.ban();
          case GossipVerifier.Result.OnlyBannedRecords o ->
              new GossipOutcome.Ignored("only records of banned Nodes");
          case GossipVerifier.Result.Verified v ->
              acceptor.accept(
                  v.gossip(),
                  new GossipContext(
                      db, local.nodeAddr(), status, passMemory, minHops, now, random));
        };
    apply(outcome, source.getAddress(), out);
    if (verified instanceof GossipVerifier.Result.Verified v
        && !(outcome instanceof GossipOutcome.Ban)) {
      healing.heardFrom(v.gossip());
    }
    enforceMaxDegree();
    return changed;
  }

  /**
   * Never more than five full neighbors: half links offered in parallel can all be answered, and
   * then the best-connected excess neighbors lose their link (they can most easily spare it).
   */
  private void enforceMaxDegree() {
    List<PublicKey> full = db.fullNeighbors(local.key());
    if (full.size() <= GossipContext.MAX_DEGREE) {
      return;
    }
    List<PublicKey> byDegree = new ArrayList<>(full);
    byDegree.sort(
        Comparator.comparingInt((PublicKey k) -> db.gossipTargetDegree(k))
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    for (PublicKey k : byDegree.subList(0, full.size() - GossipContext.MAX_DEGREE)) {
      db.removeRootNeighbor(k);
    }
    changed = true;
  }

  private void apply(GossipOutcome outcome, InetAddress source, List<NeighborhoodEffect> out) {
    switch (outcome) {
      case GossipOutcome.Accepted a -> {
        changed = true;
        a.followUps().forEach(r -> apply(r, source, out));
      }
      case GossipOutcome.Reply r -> {
        if (isOurDebut(r.gossip()) && !bans.isBanned(r.addr().ip())) {
          healing.heardOf(new NodeDescriptor(local.chain(), r.to(), Optional.of(r.addr())));
          if (healing.answersContactRequest(source)) {
            return;
          }
        }
        out.add(new NeighborhoodEffect.SendGossip(r.to(), Optional.of(r.addr()), r.gossip()));
      }
      case GossipOutcome.Failed f ->
          out.add(new NeighborhoodEffect.SendGossipFailure(f.to(), f.addr(), f.reason()));
      case GossipOutcome.Ignored i -> {}
      case GossipOutcome.Ban b -> ban(source, b, out);
    }
  }

  private boolean isOurDebut(Gossip gossip) {
    return gossip.records().size() == 1
        && NodeRecordInner.peekKey(gossip.records().get(0).signedData())
            .filter(local.key()::equals)
            .isPresent();
  }

  private void ban(InetAddress ip, GossipOutcome.Ban ban, List<NeighborhoodEffect> out) {
    Optional<PublicKey> key = db.keyAt(ip).filter(k -> !k.equals(local.key()));
    bans.ban(ip, key, ban.reason());
    if (key.isPresent()) {
      db.removeRootNeighbor(key.get());
      db.remove(key.get());
      changed = true;
    }
    out.add(new NeighborhoodEffect.Disconnect(ip, key, ban.reason(), ban.detail()));
  }
}
