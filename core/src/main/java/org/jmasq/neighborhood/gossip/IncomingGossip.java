package org.jmasq.neighborhood.gossip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.NodeRecord;

/**
 * A Gossip whose records all decoded and verified, with the socket address it came from.
 *
 * @param source the sender's socket address as the connection shows it
 */
public record IncomingGossip(InetSocketAddress source, List<NodeRecord> records) {
  public IncomingGossip {
    records = List.copyOf(records);
  }

  InetAddress sourceIp() {
    return source.getAddress();
  }

  /** Where to answer a sender we may not know: its socket address as a NodeAddr. */
  NodeAddr sourceAddr() {
    return NodeAddr.of(source.getAddress(), source.getPort());
  }

  boolean isAtSource(NodeRecord record) {
    return record.nodeAddr().map(a -> a.ip().equals(sourceIp())).orElse(false);
  }
}
