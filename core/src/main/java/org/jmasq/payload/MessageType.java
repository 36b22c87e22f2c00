package org.jmasq.payload;

import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * Everything a CORES payload can carry, sealed to its final recipient.
 *
 * <pre>
 *  +---------+-----------+-----------+------------------------------+
 *  | type u8 | major u16 | minor u16 | body (per type)              |
 *  +---------+-----------+-----------+------------------------------+
 *  type: 1 ClientRequest, 2 ClientResponse, 3 DnsResolveFailure, 4 Gossip, 5 GossipFailure,
 *        6 ExitFailure, 7 StreamAck
 * </pre>
 *
 * A body of a newer minor version may carry fields after the known ones; they are skipped. A body
 * of the current version may carry nothing after them.
 */
public sealed interface MessageType
    permits ClientRequest,
        ClientResponse,
        DnsResolveFailure,
        Gossip,
        GossipFailure,
        ExitFailure,
        StreamAck {

  int typeCode();

  void encodeBody(WireWriter out);

  default DataVersion version() {
    return DataVersion.CURRENT;
  }

  /**
   * How long the encoding is, header included: exact for the types that carry a stream's data
   * (requests and responses), so their chunk is written once into an array of its size; a first
   * guess for the others, whose writer grows as it must.
   */
  default int encodedLength() {
    return 128;
  }

  default byte[] encode() {
    WireWriter out = new WireWriter(encodedLength());
    out.u8(typeCode()).u16(version().major()).u16(version().minor());
    encodeBody(out);
    return out.toByteArray();
  }

  static MessageType decode(byte[] bytes) throws DecodeException {
    WireReader in = new WireReader(bytes);
    int type = in.u8("payload.type");
    DataVersion version = new DataVersion(in.u16("payload.major"), in.u16("payload.minor"));
    if (version.major() != DataVersion.CURRENT.major()
        || version.minor() < DataVersion.CURRENT.minor()) {
      throw new DecodeException(
          DecodeException.Kind.UNSUPPORTED_VERSION,
          "payload version " + version + " (expected: 0.1 or a later 0.x)");
    }
    MessageType message =
        switch (type) {
          case ClientRequest.TYPE -> ClientRequest.decodeBody(in);
          case ClientResponse.TYPE -> ClientResponse.decodeBody(in);
          case DnsResolveFailure.TYPE -> DnsResolveFailure.decodeBody(in);
          case Gossip.TYPE -> Gossip.decodeBody(in);
          case GossipFailure.TYPE -> GossipFailure.decodeBody(in);
          case ExitFailure.TYPE -> ExitFailure.decodeBody(in);
          case StreamAck.TYPE -> StreamAck.decodeBody(in, version);
          default ->
              throw new DecodeException(
                  DecodeException.Kind.UNKNOWN_CODE, "payload.type: " + type + " (expected: 1~7)");
        };
    // A body of the version its type is at now, or an older one, may carry nothing more; a later
    // minor's extra fields are skipped.
    if (version.minor() <= message.version().minor()) {
      in.expectEnd("payload");
    }
    return message;
  }

  static StreamKey decodeStreamKey(WireReader in) throws DecodeException {
    return StreamKey.of(in.fixed(StreamKey.LENGTH, "stream_key"));
  }
}
