package org.jmasq.neighborhood.gossip;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.BanList;
import org.jmasq.neighborhood.BanReason;
import org.jmasq.neighborhood.NeighborhoodDatabase;
import org.jmasq.neighborhood.NodeRecord;
import org.jmasq.neighborhood.NodeRecordInner;
import org.jmasq.neighborhood.SignatureVerifier;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.wire.DecodeException;

/**
 * The first rule of receiving Gossip: every record must decode and carry its own key's signature.
 * One bad record condemns the whole Gossip and its sender. Records we already hold byte for byte
 * were verified when they arrived and are not verified again; records of banned keys are dropped.
 */
public final class GossipVerifier {
  private final SignatureVerifier signatures;

  public GossipVerifier(SignatureVerifier signatures) {
    this.signatures = signatures;
  }

  /** The outcome of checking one Gossip. */
  public sealed interface Result {
    record Verified(IncomingGossip gossip) implements Result {}

    record Rejected(GossipOutcome.Ban ban) implements Result {}

    /** Every record named a banned key: nothing left to consider, nobody to blame. */
    record OnlyBannedRecords() implements Result {}
  }

  public Result verify(
      InetSocketAddress source, Gossip gossip, NeighborhoodDatabase db, BanList bans, Instant now) {
    List<NodeRecord> records = new ArrayList<>(gossip.records().size());
    for (GossipNodeRecord raw : gossip.records()) {
      byte[] data = raw.signedData();
      byte[] signature = raw.signature();
      Optional<PublicKey> peeked = NodeRecordInner.peekKey(data);
      Optional<NodeRecord> known = peeked.flatMap(db::node);
      NodeRecordInner inner;
      if (known.isPresent() && known.get().sameSignedBytes(data, signature)) {
        inner = known.get().inner();
      } else {
        try {
          inner = NodeRecordInner.decode(data);
        } catch (DecodeException e) {
          return new Result.Rejected(
              new GossipOutcome.Ban(BanReason.UNDECODABLE_RECORD, e.getMessage()));
        }
        if (!signatures.verify(inner.publicKey(), data, signature)) {
          return new Result.Rejected(
              new GossipOutcome.Ban(BanReason.FORGED_SIGNATURE, "record of " + inner.publicKey()));
        }
      }
      if (!bans.isBanned(inner.publicKey())) {
        records.add(new NodeRecord(inner, data, signature, raw.nodeAddr(), now));
      }
    }
    if (records.isEmpty() && !gossip.records().isEmpty()) {
      return new Result.OnlyBannedRecords();
    }
    return new Result.Verified(new IncomingGossip(source, records));
  }
}
