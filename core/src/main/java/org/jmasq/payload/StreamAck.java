package org.jmasq.payload;

import org.jmasq.crypto.PublicKey;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * Flow control for one direction of a stream (a JMasq addition): the receiving end has written
 * {@code written} bytes of the stream's data to its socket, so the sender may have up to a window
 * beyond that in flight. Without it a slow client would fill its Node's buffers and stall every
 * other stream on the same links.
 *
 * <pre>
 *  +-----------------+------------------------+------------------+
 *  | stream key (20) | originator key (64)    | written u64      |
 *  |                 | (alias; names the      | (cumulative,     |
 *  |                 | stream at the exit)    | < 2^63)          |
 *  +-----------------+------------------------+------------------+
 * </pre>
 */
public record StreamAck(StreamKey streamKey, PublicKey originatorKey, long written)
    implements MessageType {
  static final int TYPE = 7;

  public StreamAck {
    if (streamKey == null || originatorKey == null) {
      throw new IllegalArgumentException("StreamAck fields may not be null");
    }
    if (written < 0) {
      throw new IllegalArgumentException("written: " + written + " (expected: at least 0)");
    }
  }

  @Override
  public int typeCode() {
    return TYPE;
  }

  @Override
  public void encodeBody(WireWriter out) {
    out.fixed(streamKey.bytes()).fixed(originatorKey.bytes()).u64(written);
  }

  static StreamAck decodeBody(WireReader in) throws DecodeException {
    StreamKey key = MessageType.decodeStreamKey(in);
    PublicKey originator = PublicKey.of(in.fixed(PublicKey.LENGTH, "ack.originator_key"));
    long written = in.u64("ack.written");
    if (written < 0) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "ack.written: above 2^63");
    }
    return new StreamAck(key, originator, written);
  }
}
