package org.jmasq.neighborhood.gossip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmasq.crypto.PublicKey;
import org.jmasq.geo.CountryOf;
import org.jmasq.neighborhood.BanList;
import org.jmasq.neighborhood.BanReason;
import org.jmasq.neighborhood.GossipSource;
import org.jmasq.neighborhood.NeighborhoodDatabase;
import org.jmasq.neighborhood.NodeRecord;
import org.jmasq.neighborhood.NodeRecordInner;
import org.jmasq.neighborhood.SignatureVerifier;
import org.jmasq.neighborhood.TokenBucket;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.wire.DecodeException;

/**
 * The first rule of receiving Gossip: every record the Node will use must decode and carry its own
 * key's signature; one bad record condemns the whole Gossip and its sender. Signatures are the dear
 * part, so the verifier first decides which records would be used, and checks only those:
 *
 * <ul>
 *   <li>every record must decode (cheap, and honest Nodes never send one that does not);
 *   <li>a record held byte for byte was verified when it arrived, and records of banned keys are
 *       dropped;
 *   <li>Standard Gossip (more records than a Debut, Pass or Introduction has) is cut down to the
 *       records within this Node's patch, the only ones it learns; of those, a record no newer than
 *       the one held is replaced by the held one (it would change nothing), so only records that
 *       would change the database are verified;
 *   <li>answers are remembered in a bounded {@link VerificationCache}, and each sender has a budget
 *       of signature checks ({@link #CHECKS_PER_SECOND} a second, {@link #CHECK_BURST} at once):
 *       Gossip that needs more than is left is ignored, and nobody is banned for it;
 *   <li>last, the countries the used records claim are held to this Node's IP-to-country table
 *       ({@link CountryCheck}): the sender's own false claim bans it, another Node's is left out.
 * </ul>
 */
public final class GossipVerifier {
  /** Signature answers remembered: many times a Node's patch at the default minimum hops. */
  static final int CACHE_CAPACITY = 4096;

  /**
   * A sender may have this many records checked at once: one Gossip as large as any may be, as when
   * a new neighbor sends its whole database.
   */
  static final int CHECK_BURST = Gossip.MAX_RECORDS;

  /**
   * And this many a second for as long as it likes: an honest neighbor's Gossip, once it has sent
   * its database, brings a few changed records at a time.
   */
  static final int CHECKS_PER_SECOND = 64;

  /** Senders whose budgets are remembered; a forgotten one starts again full, as a new one does. */
  static final int BUDGETS = 1024;

  private final VerificationCache cache;
  private final CountryCheck countries;
  private final Map<PublicKey, TokenBucket> budgets =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicKey, TokenBucket> eldest) {
          return size() > BUDGETS;
        }
      };
  private long recordsNotUsed;
  private long overBudget;

  public GossipVerifier(SignatureVerifier signatures) {
    this(signatures, CountryOf.NONE);
  }

  /**
   * A verifier that also holds the countries records claim to {@code countries} ({@link
   * CountryCheck}).
   */
  public GossipVerifier(SignatureVerifier signatures, CountryOf countries) {
    this.cache = new VerificationCache(signatures, CACHE_CAPACITY);
    this.countries = new CountryCheck(countries);
  }

  /** The outcome of checking one Gossip. */
  public sealed interface Result {
    record Verified(IncomingGossip gossip) implements Result {}

    record Rejected(GossipOutcome.Ban ban) implements Result {}

    /** Every record named a banned key: nothing left to consider, nobody to blame. */
    record OnlyBannedRecords() implements Result {}

    /** The sender has used up its signature checks for now: ignored, nobody is banned. */
    record OverBudget(int checks) implements Result {}

    /** A record of another Node claims a country its IP is not in: ignored, nobody is banned. */
    record FalseCountryRelayed(int records) implements Result {}
  }

  /** Checks {@code gossip} from {@code source} against {@code ctx}'s database and time. */
  public Result verify(GossipSource source, Gossip gossip, GossipContext ctx, BanList bans) {
    NeighborhoodDatabase db = ctx.db();
    Instant now = ctx.now();
    boolean standardShape = gossip.records().size() > IncomingGossip.MAX_SPECIAL_RECORDS;
    List<NodeRecord> decoded = new ArrayList<>(gossip.records().size());
    Set<NodeRecord> trusted = Collections.newSetFromMap(new IdentityHashMap<>());
    for (GossipNodeRecord raw : gossip.records()) {
      byte[] data = raw.signedData();
      byte[] signature = raw.signature();
      Optional<NodeRecord> known = NodeRecordInner.peekKey(data).flatMap(db::node);
      NodeRecord record;
      if (known.isPresent() && known.get().sameSignedBytes(data, signature)) {
        record = new NodeRecord(known.get().inner(), data, signature, raw.nodeAddr(), now);
        trusted.add(record);
      } else {
        NodeRecordInner inner;
        try {
          inner = NodeRecordInner.decode(data);
        } catch (DecodeException e) {
          return new Result.Rejected(
              new GossipOutcome.Ban(BanReason.UNDECODABLE_RECORD, e.getMessage()));
        }
        if (standardShape
            && known.isPresent()
            && known.get().key().equals(inner.publicKey())
            && inner.version() <= known.get().version()) {
          // Nothing newer than what we hold: use what we hold, with the address that came along.
          GossipNodeRecord held = known.get().toGossip(false);
          record =
              new NodeRecord(
                  known.get().inner(), held.signedData(), held.signature(), raw.nodeAddr(), now);
          trusted.add(record);
        } else {
          record = new NodeRecord(inner, data, signature, raw.nodeAddr(), now);
        }
      }
      if (!bans.isBanned(record.key(), now)) {
        decoded.add(record);
      }
    }
    if (decoded.isEmpty() && !gossip.records().isEmpty()) {
      return new Result.OnlyBannedRecords();
    }
    List<NodeRecord> used = standardShape ? inPatch(decoded, db, ctx.patchSize()) : decoded;
    recordsNotUsed += decoded.size() - used.size();
    List<NodeRecord> toCheck = used.stream().filter(r -> !trusted.contains(r)).toList();
    if (!toCheck.isEmpty() && !budget(source.key(), now).tryTake(toCheck.size(), now)) {
      overBudget++;
      return new Result.OverBudget(toCheck.size());
    }
    for (NodeRecord r : toCheck) {
      GossipNodeRecord raw = r.toGossip(false);
      if (!cache.verify(r.key(), raw.signedData(), raw.signature())) {
        return new Result.Rejected(
            new GossipOutcome.Ban(BanReason.FORGED_SIGNATURE, "record of " + r.key()));
      }
    }
    return switch (countries.check(source, used, db)) {
      case CountryCheck.Verdict.Liar liar -> new Result.Rejected(liar.ban());
      case CountryCheck.Verdict.Kept kept when kept.refused() > 0 && !standardShape ->
          // A Debut, Pass or Introduction without one of its records is another shape: drop it all.
          new Result.FalseCountryRelayed(kept.refused());
      case CountryCheck.Verdict.Kept kept ->
          new Result.Verified(new IncomingGossip(source, kept.records(), standardShape));
    };
  }

  /** The records Standard Gossip would learn from, in the order they came. */
  private static List<NodeRecord> inPatch(
      List<NodeRecord> records, NeighborhoodDatabase db, int patchSize) {
    Set<NodeRecord> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    kept.addAll(StandardGossipHandler.withinPatch(records, db, patchSize));
    return records.stream().filter(kept::contains).toList();
  }

  private TokenBucket budget(PublicKey sender, Instant now) {
    return budgets.computeIfAbsent(
        sender, k -> new TokenBucket(CHECK_BURST, CHECKS_PER_SECOND, now));
  }

  /** Signatures actually checked so far. */
  public long signaturesChecked() {
    return cache.checked();
  }

  /** Signature answers given from memory so far. */
  public long signaturesRemembered() {
    return cache.remembered();
  }

  /** Records of Standard Gossip left unverified because they would not be used. */
  public long recordsNotUsed() {
    return recordsNotUsed;
  }

  /** Gossip ignored because its sender had no signature checks left. */
  public long overBudget() {
    return overBudget;
  }
}
