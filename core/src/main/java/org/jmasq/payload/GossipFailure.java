package org.jmasq.payload;

import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * A Node's refusal to take a debutant, with the reference's reasons.
 *
 * <pre>
 *  +-----------+
 *  | reason u8 |  0 NoNeighbors, 1 NoSuitableNeighbors, 2 ManualRejection, 3 Unknown,
 *  +-----------+  4 IpTaken (JMasq's own)
 * </pre>
 *
 * <p>{@link Reason#IP_TAKEN} is not the reference's: it tells a debutant that another live Node
 * already holds its public IP (one Node per public IP), so that it can say why it is not joining.
 */
public record GossipFailure(Reason reason) implements MessageType {
  static final int TYPE = 5;

  /** The reference's GossipFailure_0v1 variants, and JMasq's {@link #IP_TAKEN}. */
  public enum Reason {
    NO_NEIGHBORS(0),
    NO_SUITABLE_NEIGHBORS(1),
    MANUAL_REJECTION(2),
    UNKNOWN(3),
    /** Another live Node already holds the debutant's IP: a second Node there is not taken. */
    IP_TAKEN(4);

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
        DecodeException.Kind.UNKNOWN_CODE, "gossip_failure.reason: " + code + " (expected: 0~4)");
  }
}
