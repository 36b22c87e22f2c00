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
    NO_NEIGHBORS,
    NO_SUITABLE_NEIGHBORS,
    MANUAL_REJECTION,
    UNKNOWN
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
    out.u8(reason.ordinal());
  }

  static GossipFailure decodeBody(WireReader in) throws DecodeException {
    int code = in.u8("gossip_failure.reason");
    if (code >= Reason.values().length) {
      throw new DecodeException(DecodeException.Kind.UNKNOWN_CODE, "gossip_failure.reason: " + code + " (expected: 0~3)");
    }
    return new GossipFailure(Reason.values()[code]);
  }
}
