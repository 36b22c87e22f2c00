package org.jmasq.neighborhood;

import java.time.Instant;
import java.util.Optional;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeAddr;

/**
 * This Node's identity as the Neighborhood needs it: the key pair that signs the root record, the
 * chain the signatures are bound to, and the address it listened on at start (none unless it
 * accepts connections; the Neighborhood's database keeps where it listens now).
 */
public final class LocalNode {
  private final NodeKeyPair keyPair;
  private final Chain chain;
  private final Optional<NodeAddr> nodeAddr;

  public LocalNode(NodeKeyPair keyPair, Chain chain, Optional<NodeAddr> nodeAddr) {
    if (keyPair == null || chain == null || nodeAddr == null) {
      throw new IllegalArgumentException("local node parts may not be null");
    }
    this.keyPair = keyPair;
    this.chain = chain;
    this.nodeAddr = nodeAddr;
  }

  PublicKey key() {
    return keyPair.publicKey();
  }

  Chain chain() {
    return chain;
  }

  Optional<NodeAddr> nodeAddr() {
    return nodeAddr;
  }

  /**
   * Encodes and signs {@code inner}, which must describe this Node, with the address it started at.
   */
  public NodeRecord sign(NodeRecordInner inner, Instant now) {
    return sign(inner, nodeAddr, now);
  }

  /**
   * Encodes and signs {@code inner}, which must describe this Node, beside {@code addr}: where the
   * Node listens now, which may differ from where it started once its public IP changed.
   */
  public NodeRecord sign(NodeRecordInner inner, Optional<NodeAddr> addr, Instant now) {
    if (!inner.publicKey().equals(key())) {
      throw new IllegalArgumentException("the local Node can sign only its own record");
    }
    byte[] data = inner.encode();
    byte[] signature = keyPair.sign(SignatureVerifier.chainBound(data, chain));
    return new NodeRecord(inner, data, signature, addr, now);
  }
}
