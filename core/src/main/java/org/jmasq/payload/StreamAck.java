package org.jmasq.payload;

import org.jmasq.crypto.PublicKey;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * Flow control for one direction of a stream (a JMasq addition): the receiving end has written
 * {@code written} bytes of the stream's data to its socket, and the sender may have up to {@code
 * window} bytes beyond that in flight. Without it a slow client would fill its Node's buffers and
 * stall every other stream on the same links.
 *
 * <pre>
 *  version 0.2 (0.1 had no window: read as {@value #DEFAULT_WINDOW} bytes)
 *  +-----------------+------------------------+------------------+-------------------------+
 *  | stream key (20) | originator key (64)    | written u64      | window u32              |
 *  |                 | (alias; names the      | (cumulative,     | (64 KiB ~ 64 MiB: what  |
 *  |                 | stream at the exit)    | < 2^63)          | the receiver will hold) |
 *  +-----------------+------------------------+------------------+-------------------------+
 * </pre>
 */
public record StreamAck(StreamKey streamKey, PublicKey originatorKey, long written, long window)
    implements MessageType {
  static final int TYPE = 7;

  /** The window of a stream before its receiver says otherwise, and of every 0.1 ack. */
  public static final long DEFAULT_WINDOW = 2L << 20;

  public static final long MIN_WINDOW = 64L << 10;
  public static final long MAX_WINDOW = 64L << 20;

  private static final DataVersion VERSION = new DataVersion(0, 2);

  public StreamAck {
    if (streamKey == null || originatorKey == null) {
      throw new IllegalArgumentException("StreamAck fields may not be null");
    }
    if (written < 0) {
      throw new IllegalArgumentException("written: " + written + " (expected: at least 0)");
    }
    if (window < MIN_WINDOW || window > MAX_WINDOW) {
      throw new IllegalArgumentException(
          "window: " + window + " (expected: " + MIN_WINDOW + "~" + MAX_WINDOW + ")");
    }
  }

  @Override
  public DataVersion version() {
    return VERSION;
  }

  @Override
  public int typeCode() {
    return TYPE;
  }

  @Override
  public void encodeBody(WireWriter out) {
    out.fixed(streamKey.bytes()).fixed(originatorKey.bytes()).u64(written).u32(window);
  }

  static StreamAck decodeBody(WireReader in, DataVersion version) throws DecodeException {
    StreamKey key = MessageType.decodeStreamKey(in);
    PublicKey originator = PublicKey.of(in.fixed(PublicKey.LENGTH, "ack.originator_key"));
    long written = in.u64("ack.written");
    if (written < 0) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "ack.written: above 2^63");
    }
    long window = DEFAULT_WINDOW;
    if (version.minor() >= VERSION.minor()) {
      window = in.u32("ack.window");
      if (window < MIN_WINDOW || window > MAX_WINDOW) {
        throw new DecodeException(
            DecodeException.Kind.INVALID_FIELD,
            "ack.window: " + window + " (expected: " + MIN_WINDOW + "~" + MAX_WINDOW + ")");
      }
    }
    return new StreamAck(key, originator, written, window);
  }
}
