package org.jmasq.payload;

import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * The exit resolved the target but did not reach it. A JMasq addition: the reference just closes
 * the stream, which leaves the user with an empty reply instead of a reason.
 *
 * <pre>
 *  +-----------------+-----------+------------------------------+
 *  | stream key (20) | reason u8 | detail: u8 len (≤ 200) UTF-8 |
 *  +-----------------+-----------+------------------------------+
 *  reason: 1 refused by exit policy, 2 connection refused, 3 unreachable, 4 timed out
 * </pre>
 */
public record ExitFailure(StreamKey streamKey, Reason reason, String detail)
    implements MessageType {
  static final int TYPE = 6;
  public static final int MAX_DETAIL = 200;

  /** Why the exit could not connect. */
  public enum Reason {
    REFUSED_BY_POLICY(1),
    CONNECTION_REFUSED(2),
    UNREACHABLE(3),
    TIMED_OUT(4);

    private final int code;

    Reason(int code) {
      this.code = code;
    }

    static Reason fromCode(int code) throws DecodeException {
      for (Reason r : values()) {
        if (r.code == code) {
          return r;
        }
      }
      throw new DecodeException(
          DecodeException.Kind.UNKNOWN_CODE, "exit_failure.reason: " + code + " (expected: 1~4)");
    }
  }

  public ExitFailure {
    if (streamKey == null || reason == null || detail == null) {
      throw new IllegalArgumentException("ExitFailure fields may not be null");
    }
    if (detail.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_DETAIL) {
      throw new IllegalArgumentException("detail: longer than " + MAX_DETAIL + " bytes");
    }
  }

  @Override
  public int typeCode() {
    return TYPE;
  }

  @Override
  public void encodeBody(WireWriter out) {
    out.fixed(streamKey.bytes()).u8(reason.code).textU8(detail, MAX_DETAIL);
  }

  static ExitFailure decodeBody(WireReader in) throws DecodeException {
    return new ExitFailure(
        MessageType.decodeStreamKey(in),
        Reason.fromCode(in.u8("exit_failure.reason")),
        in.textU8(MAX_DETAIL, "exit_failure.detail"));
  }
}
