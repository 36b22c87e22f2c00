package org.jmasq.sim;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.NeighborhoodDriver;

/**
 * One simulated Node: the real Neighborhood engine, driven as a real Node drives it, plus what the
 * simulator measures about it.
 */
final class SimNode {
  final int index;
  final NodeKeyPair keys;
  final NodeAddr addr;
  final NeighborhoodDriver driver;
  final boolean malicious;
  boolean alive = true;
  boolean joined;
  Instant joinedAt;
  Instant routeFoundAt;
  long messagesSent;
  long bytesSent;
  boolean shutdown;
  List<NodeDescriptor> pastNeighbors = List.of();

  SimNode(
      int index, NodeKeyPair keys, NodeAddr addr, NeighborhoodDriver driver, boolean malicious) {
    this.index = index;
    this.keys = keys;
    this.addr = addr;
    this.driver = driver;
    this.malicious = malicious;
  }

  PublicKey key() {
    return keys.publicKey();
  }

  InetAddress ip() {
    return addr.ip();
  }

  NodeDescriptor descriptor(org.jmasq.identity.Chain chain) {
    return new NodeDescriptor(chain, key(), Optional.of(addr));
  }
}
