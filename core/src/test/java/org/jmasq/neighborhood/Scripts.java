package org.jmasq.neighborhood;

import java.util.List;
import org.jmasq.crypto.PublicKey;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.wire.DecodeException;

/** Small steps the scripted-peer tests repeat. */
public final class Scripts {
  private Scripts() {}

  /** {@code peer} debuts to {@code node}, then confirms the neighborship with Standard Gossip. */
  public static void befriend(Neighborhood node, ScriptedPeer peer) {
    node.gossipReceived(peer.source(), peer.debut());
    node.flush();
    peer.listing(node.key());
    node.gossipReceived(peer.source(), peer.standard());
    node.flush();
  }

  public static <T extends NeighborhoodEffect> List<T> only(
      Class<T> type, List<NeighborhoodEffect> effects) {
    return effects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The keys of the records in {@code gossip}, in order. */
  public static List<PublicKey> keysOf(Gossip gossip) {
    return gossip.records().stream().map(Scripts::keyOf).toList();
  }

  public static PublicKey keyOf(GossipNodeRecord record) {
    try {
      return NodeRecordInner.decode(record.signedData()).publicKey();
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
  }
}
