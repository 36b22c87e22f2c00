package org.jmasq.neighborhood;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jmasq.crypto.PublicKey;
import org.jmasq.geo.CountryOf;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.gossip.GossipAcceptor;
import org.jmasq.neighborhood.gossip.GossipContext;
import org.jmasq.neighborhood.gossip.GossipOutcome;
import org.jmasq.neighborhood.gossip.GossipVerifier;
import org.jmasq.neighborhood.gossip.IncomingGossip;
import org.jmasq.neighborhood.gossip.PassMemory;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;

/**
 * Takes in one Gossip message for a {@link Neighborhood}: refuses what it need not look at,
 * verifies the rest, hands it to the handler chain, carries out the outcome (replies, failures,
 * bans) and trims the full neighbors back to the maximum. Owned by the Neighborhood's thread.
 *
 * <p>Before any signature is checked, two rules refuse Gossip without banning anyone: Gossip that
 * names another Node as its sender than the key its link proved (a record at the link's IP, or the
 * lone record of a Debut without an address, under another key), and Standard Gossip (more records
 * than a Debut, Pass or Introduction has) from a stranger: a Node that is not listed by us, does
 * not list us as far as we know, and that we have not sent Gossip to directly in the last {@link
 * DirectSends#ANSWER_WINDOW}. Honest Standard Gossip comes only from Nodes that list us, and they
 * listed us either because we listed them, or after we debuted to them or answered them directly.
 */
final class GossipIntake {
  private final LocalNode local;
  private final NeighborhoodDatabase db;
  private final BanList bans;
  private final OverallConnectionStatus status;
  private final Healing healing;
  private final RandomGenerator random;
  private final GossipVerifier verifier;
  private final DirectSends directSends;
  private final GossipAcceptor acceptor = new GossipAcceptor();
  private final PassMemory passMemory = new PassMemory();
  private long received;
  private long fromStrangers;
  private long otherSender;
  private long fromBanned;
  private boolean changed;

  GossipIntake(
      LocalNode local,
      NeighborhoodDatabase db,
      BanList bans,
      OverallConnectionStatus status,
      Healing healing,
      DirectSends directSends,
      SignatureVerifier signatures,
      CountryOf countries,
      RandomGenerator random) {
    this.local = local;
    this.db = db;
    this.bans = bans;
    this.status = status;
    this.healing = healing;
    this.directSends = directSends;
    this.random = random;
    this.verifier = new GossipVerifier(signatures, countries);
  }

  /**
   * Gossip from {@code source}; adds the effects to {@code out} and returns whether the database
   * changed so that Standard Gossip is due.
   */
  boolean receive(
      GossipSource source, Gossip gossip, int minHops, Instant now, List<NeighborhoodEffect> out) {
    changed = false;
    received++;
    if (isBanned(source, now)) {
      fromBanned++;
      return false;
    }
    if (claimsAnotherSender(source, gossip)) {
      otherSender++;
      return false;
    }
    if (gossip.records().size() > IncomingGossip.MAX_SPECIAL_RECORDS
        && !isNeighbor(source.key(), now)) {
      fromStrangers++;
      return false;
    }
    GossipContext ctx =
        new GossipContext(db, db.rootAddr(), status, passMemory, minHops, now, random);
    GossipVerifier.Result verified = verifier.verify(source, gossip, ctx, bans);
    GossipOutcome outcome =
        switch (verified) {
          case GossipVerifier.Result.Rejected r -> r.ban();
          case GossipVerifier.Result.OnlyBannedRecords o ->
              new GossipOutcome.Ignored("only records of banned Nodes");
          case GossipVerifier.Result.FalseCountryRelayed f ->
              new GossipOutcome.Ignored(
                  f.records() + " records claim a country their IP is not in");
          case GossipVerifier.Result.OverBudget o ->
              new GossipOutcome.Ignored(o.checks() + " signatures over the sender's budget");
          case GossipVerifier.Result.Verified v -> acceptor.accept(v.gossip(), ctx);
        };
    apply(outcome, source, now, out);
    if (verified instanceof GossipVerifier.Result.Verified v
        && !(outcome instanceof GossipOutcome.Ban)) {
      healing.heardFrom(v.gossip());
    }
    enforceMaxDegree();
    return changed;
  }

  boolean isBanned(GossipSource source, Instant now) {
    return bans.isBanned(source.key(), now) || bans.isBanned(source.ip(), now);
  }

  /**
   * Whether the Gossip names someone else as its sender: a record at the link's IP under another
   * key, or a lone record without an address (a Debut of a Node that accepts no connections, whose
   * record is always the sender's own) under another key.
   */
  private static boolean claimsAnotherSender(GossipSource source, Gossip gossip) {
    for (GossipNodeRecord r : gossip.records()) {
      boolean atSource = r.nodeAddr().map(a -> a.ip().equals(source.ip())).orElse(false);
      boolean lone = gossip.records().size() == 1 && r.nodeAddr().isEmpty();
      if ((atSource || lone)
          && NodeRecordInner.peekKey(r.signedData())
              .filter(k -> !k.equals(source.key()))
              .isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Whether Standard Gossip from {@code key} is expected (see the class comment). */
  private boolean isNeighbor(PublicKey key, Instant now) {
    return db.neighborsOf(local.key()).contains(key)
        || db.node(key).map(r -> r.lists(local.key())).orElse(false)
        || directSends.recentlySentTo(key, now);
  }

  /** What this intake has done so far. */
  GossipCounts counts() {
    return new GossipCounts(
        received,
        fromBanned,
        otherSender,
        fromStrangers,
        verifier.overBudget(),
        verifier.recordsNotUsed(),
        verifier.signaturesChecked(),
        verifier.signaturesRemembered());
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

  private void apply(
      GossipOutcome outcome, GossipSource source, Instant now, List<NeighborhoodEffect> out) {
    switch (outcome) {
      case GossipOutcome.Accepted a -> {
        changed = true;
        a.followUps().forEach(r -> apply(r, source, now, out));
      }
      case GossipOutcome.Reply r -> {
        if (isOurDebut(r.gossip()) && !bans.isBanned(r.addr().ip(), now)) {
          healing.heardOf(new NodeDescriptor(local.chain(), r.to(), Optional.of(r.addr())));
          if (healing.answersContactRequest(source.ip())) {
            return;
          }
        }
        out.add(new NeighborhoodEffect.SendGossip(r.to(), Optional.of(r.addr()), r.gossip()));
      }
      case GossipOutcome.Failed f ->
          out.add(new NeighborhoodEffect.SendGossipFailure(f.to(), f.addr(), f.reason()));
      case GossipOutcome.Ignored i -> {}
      case GossipOutcome.Ban b -> ban(source, b, now, out);
    }
  }

  private boolean isOurDebut(Gossip gossip) {
    return gossip.records().size() == 1
        && NodeRecordInner.peekKey(gossip.records().get(0).signedData())
            .filter(local.key()::equals)
            .isPresent();
  }

  /** The sender (the key its link proved) is banned, and forgotten: the next Gossip says so. */
  private void ban(
      GossipSource source, GossipOutcome.Ban ban, Instant now, List<NeighborhoodEffect> out) {
    BanList.Ban decided = bans.ban(source.key(), source.ip(), ban.reason(), now);
    for (PublicKey k : List.copyOf(db.keys())) {
      if (!k.equals(local.key()) && k.sameNodeAs(source.key())) {
        db.removeRootNeighbor(k);
        db.remove(k);
        changed = true;
      }
    }
    out.add(
        new NeighborhoodEffect.Disconnect(
            source.key(), source.ip(), ban.reason(), ban.detail(), decided));
  }
}
