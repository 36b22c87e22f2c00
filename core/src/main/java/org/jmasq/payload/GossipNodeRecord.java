package org.jmasq.payload;

import java.util.Arrays;
import java.util.Optional;
import org.jmasq.identity.NodeAddr;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * One Node record as Gossip carries it: the signed bytes exactly as their owner signed them
 * (relayed byte for byte, never re-encoded), the Ed25519 signature, and the unsigned address beside
 * them.
 *
 * <pre>
 *  +-----------------------------+----------------+---------+-------------------+
 *  | signed data: u16 len ≤ 2048 | signature (64) | has u8  | NodeAddr if has=1 |
 *  +-----------------------------+----------------+---------+-------------------+
 * </pre>
 */
public record GossipNodeRecord(byte[] signedData, byte[] signature, Optional<NodeAddr> nodeAddr) {
  public static final int MAX_SIGNED_DATA = 2048;
  public static final int SIGNATURE_LENGTH = 64;

  public GossipNodeRecord {
    if (signedData.length > MAX_SIGNED_DATA) {
      throw new IllegalArgumentException(
          "signed data: "
              + signedData.length
              + " bytes (expected: at most "
              + MAX_SIGNED_DATA
              + ")");
    }
    if (signature.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException(
          "signature: " + signature.length + " bytes (expected: 64)");
    }
    if (nodeAddr == null) {
      throw new IllegalArgumentException("nodeAddr: null (use Optional.empty())");
    }
    signedData = signedData.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] signedData() {
    return signedData.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  void encode(WireWriter out) {
    out.bytesU16(signedData, MAX_SIGNED_DATA).fixed(signature).bool(nodeAddr.isPresent());
    nodeAddr.ifPresent(a -> a.encode(out));
  }

  static GossipNodeRecord decode(WireReader in) throws DecodeException {
    byte[] signed = in.bytesU16(MAX_SIGNED_DATA, "record.signed_data");
    byte[] signature = in.fixed(SIGNATURE_LENGTH, "record.signature");
    Optional<NodeAddr> addr =
        in.bool("record.has_node_addr") ? Optional.of(NodeAddr.decode(in)) : Optional.empty();
    return new GossipNodeRecord(signed, signature, addr);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GossipNodeRecord r
        && Arrays.equals(signedData, r.signedData)
        && Arrays.equals(signature, r.signature)
        && nodeAddr.equals(r.nodeAddr);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(signedData) * 31 + Arrays.hashCode(signature) + nodeAddr.hashCode();
  }

  @Override
  public String toString() {
    return "GossipNodeRecord["
        + signedData.length
        + " signed bytes, "
        + nodeAddr.map(NodeAddr::toString).orElse("no address")
        + "]";
  }
}
