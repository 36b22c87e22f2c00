package org.jmasq.payload;

import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * Data from the target server, on its way back to the originator.
 *
 * <pre>
 *  +-----------------+------------------+
 *  | stream key (20) | SequencedPacket  |
 *  +-----------------+------------------+
 * </pre>
 */
public record ClientResponse(StreamKey streamKey, SequencedPacket packet) implements MessageType {
  static final int TYPE = 2;

  public ClientResponse {
    if (streamKey == null || packet == null) {
      throw new IllegalArgumentException("ClientResponse fields may not be null");
    }
  }

  @Override
  public int typeCode() {
    return TYPE;
  }

  @Override
  public int encodedLength() {
    return 5 + StreamKey.LENGTH + packet.encodedLength();
  }

  @Override
  public void encodeBody(WireWriter out) {
    out.fixed(streamKey.bytes());
    packet.encode(out);
  }

  static ClientResponse decodeBody(WireReader in) throws DecodeException {
    return new ClientResponse(MessageType.decodeStreamKey(in), SequencedPacket.decode(in));
  }
}
