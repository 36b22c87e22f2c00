package org.jmasq.neighborhood.gossip;

import java.net.InetAddress;
import java.util.List;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.GossipSource;
import org.jmasq.neighborhood.NodeRecord;

/**
 * A Gossip whose records the handlers may use, all decoded and verified, with its sender.
 *
 * @param standardShape more records than any other shape has: only Standard Gossip can have it, and
 *     {@code records} holds only those of its records that would be used
 */
public record IncomingGossip(GossipSource source, List<NodeRecord> records, boolean standardShape) {
  /** The most records a Debut (1), Pass (1) or Introduction (2) has. */
  public static final int MAX_SPECIAL_RECORDS = 2;

  public IncomingGossip {
    records = List.copyOf(records);
  }

  /** The key the sender's link proved: whom a ban falls on. */
  PublicKey sender() {
    return source.key();
  }

  InetAddress sourceIp() {
    return source.ip();
  }

  /** Where to answer a sender we may not know: its socket address as a NodeAddr. */
  NodeAddr sourceAddr() {
    return source.nodeAddr();
  }

  boolean isAtSource(NodeRecord record) {
    return record.nodeAddr().map(a -> a.ip().equals(sourceIp())).orElse(false);
  }
}
