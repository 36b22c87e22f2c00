package org.jmasq.payload;

import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * The exit could not resolve the stream's target host.
 *
 * <pre>
 *  +-----------------+
 *  | stream key (20) |
 *  +-----------------+
 * </pre>
 */
public record DnsResolveFailure(StreamKey streamKey) implements MessageType {
  static final int TYPE = 3;

  public DnsResolveFailure {
    if (streamKey == null) {
      throw new IllegalArgumentException("streamKey: null");
    }
  }

  @Override
  public int typeCode() {
    return TYPE;
  }

  @Override
  public void encodeBody(WireWriter out) {
    out.fixed(streamKey.bytes());
  }

  static DnsResolveFailure decodeBody(WireReader in) throws DecodeException {
    return new DnsResolveFailure(MessageType.decodeStreamKey(in));
  }
}
