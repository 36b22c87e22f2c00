package org.jmasq.neighborhood;

import java.time.Instant;
import java.util.Arrays;
import java.util.NavigableSet;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.payload.GossipNodeRecord;

/**
 * A Node as this Node knows it: the signed inner part with the exact bytes and signature it arrived
 * with, plus what travels or lives beside the signature (the address and when the record last
 * changed). Immutable; the database replaces a record instead of editing it.
 */
public final class NodeRecord {
  private final NodeRecordInner inner;
  private final byte[] signedData;
  private final byte[] signature;
  private final Optional<NodeAddr> nodeAddr;
  private final Instant lastUpdate;

  public NodeRecord(
      NodeRecordInner inner,
      byte[] signedData,
      byte[] signature,
      Optional<NodeAddr> nodeAddr,
      Instant lastUpdate) {
    if (inner == null || nodeAddr == null || lastUpdate == null) {
      throw new IllegalArgumentException("node record parts may not be null");
    }
    if (signature.length != GossipNodeRecord.SIGNATURE_LENGTH) {
      throw new IllegalArgumentException(
          "signature: " + signature.length + " bytes (expected: 64)");
    }
    this.inner = inner;
    this.signedData = signedData.clone();
    this.signature = signature.clone();
    this.nodeAddr = nodeAddr;
    this.lastUpdate = lastUpdate;
  }

  public NodeRecordInner inner() {
    return inner;
  }

  public PublicKey key() {
    return inner.publicKey();
  }

  public long version() {
    return inner.version();
  }

  public NavigableSet<PublicKey> neighbors() {
    return inner.neighbors();
  }

  public boolean lists(PublicKey other) {
    return inner.neighbors().contains(other);
  }

  public boolean acceptsConnections() {
    return inner.acceptsConnections();
  }

  boolean routesData() {
    return inner.routesData();
  }

  public RatePack ratePack() {
    return inner.ratePack();
  }

  public Optional<NodeAddr> nodeAddr() {
    return nodeAddr;
  }

  Instant lastUpdate() {
    return lastUpdate;
  }

  byte[] signedData() {
    return signedData.clone();
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** True when {@code other} is this very signed record, whatever address is beside it. */
  public boolean sameSignedRecord(NodeRecord other) {
    return sameSignedBytes(other.signedData, other.signature);
  }

  /** True when {@code other} carries byte-for-byte the same signed part and signature. */
  public boolean sameSignedBytes(byte[] otherSignedData, byte[] otherSignature) {
    return Arrays.equals(signedData, otherSignedData) && Arrays.equals(signature, otherSignature);
  }

  /** The same signed record beside another address (the address is not signed). */
  public NodeRecord withNodeAddr(Optional<NodeAddr> addr) {
    return new NodeRecord(inner, signedData, signature, addr, lastUpdate);
  }

  NodeRecord withLastUpdate(Instant when) {
    return new NodeRecord(inner, signedData, signature, nodeAddr, when);
  }

  /** This record as Gossip carries it, with or without its address. */
  public GossipNodeRecord toGossip(boolean revealAddress) {
    return new GossipNodeRecord(signedData, signature, revealAddress ? nodeAddr : Optional.empty());
  }

  @Override
  public String toString() {
    return "NodeRecord["
        + key()
        + " v"
        + version()
        + " "
        + nodeAddr.map(NodeAddr::toString).orElse("-")
        + " neighbors="
        + neighbors().size()
        + "]";
  }
}
