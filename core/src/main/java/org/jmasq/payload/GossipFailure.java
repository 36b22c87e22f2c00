package org.jmasq.payload;

import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * A Node's refusal to take a debutant, with the reference's reasons.
 *
 * <pre>
 *  +-----------+
 *  | reason u8 |  0 NoNeighbors, 1 NoSuitableNeighbors, 2 ManualRejection, 3 Unknown
 *  +-----------+
 * </pre>
 */
public record GossipFailure(Reason reason) implements MessageType {
  static final int TYPE = 5;

  /** The reference's GossipFailure_0v1 variants. */
  public enum Reason {
    NO_NEIGHBORS(0),
    NO_SUITABLE_NEIGHBORS(1),
    MANUAL_REJECTION(2),
    UNKNOWN(3);

    /** The wire code, fixed here so that reordering the constants cannot change the protocol. */
    final int code;

    Reason(int code) {
      this.code = code;
    }
  }

  public GossipFailure {
    if (reason == null) {
      throw new IllegalArgumentException("reason: null");
    }
  }

  @Override
  public int typeCode() {
    return TYPE;
  }

  @Override
  public void encodeBody(WireWriter out) {
    out.u8(reason.code);
  }

  static GossipFailure decodeBody(WireReader in) throws DecodeException {
    int code = in.u8("gossip_failure.reason");
    for (Reason reason : Reason.values()) {
      if (reason.code == code) {
        return new GossipFailure(reason);
      }
    }
    throw new DecodeException(
        DecodeException.Kind.UNKNOWN_CODE, "gossip_failure.reason: " + code + " (expected: 0~3)");
  }
}
