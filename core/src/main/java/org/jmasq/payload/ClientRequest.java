package org.jmasq.payload;

import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * Data from a client for the exit to forward to the target server. {@code originatorKey} is the
 * originator's alias key: the exit seals responses to it without learning who the originator is.
 *
 * <pre>
 *  +-----------------+------------------+------------------------+-----------+-------------+-----------------+
 *  | stream key (20) | SequencedPacket  | host: u8 len (0=none,  | port u16  | protocol u8 | originator key  |
 *  |                 |                  | ≤ 253) + ASCII         |           | 0 HTTP 1 TLS| (64)            |
 *  +-----------------+------------------+------------------------+-----------+-------------+-----------------+
 * </pre>
 */
public record ClientRequest(
    StreamKey streamKey,
    SequencedPacket packet,
    Optional<String> targetHostname,
    int targetPort,
    ProxyProtocol protocol,
    PublicKey originatorKey)
    implements MessageType {
  static final int TYPE = 1;
  public static final int MAX_HOSTNAME = 253;

  public ClientRequest {
    if (streamKey == null
        || packet == null
        || targetHostname == null
        || protocol == null
        || originatorKey == null) {
      throw new IllegalArgumentException("ClientRequest fields may not be null");
    }
    targetHostname.ifPresent(ClientRequest::checkHostname);
    if (targetPort < 0 || targetPort > 65535) {
      throw new IllegalArgumentException("targetPort: " + targetPort + " (expected: 0~65535)");
    }
  }

  /** Hostnames and IP literals only: nothing a resolver or a log line could misread. */
  public static void checkHostname(String host) {
    if (host.isEmpty() || host.length() > MAX_HOSTNAME || !host.matches("[A-Za-z0-9._:%\\-]+")) {
      throw new IllegalArgumentException(
          "target hostname '" + host + "' is not a host name or IP address");
    }
  }

  @Override
  public int typeCode() {
    return TYPE;
  }

  @Override
  public int encodedLength() {
    return 5
        + StreamKey.LENGTH
        + packet.encodedLength()
        + 1
        + targetHostname.map(String::length).orElse(0)
        + 2
        + 1
        + PublicKey.LENGTH;
  }

  @Override
  public void encodeBody(WireWriter out) {
    out.fixed(streamKey.bytes());
    packet.encode(out);
    out.textU8(targetHostname.orElse(""), MAX_HOSTNAME);
    out.u16(targetPort).u8(protocol.code).fixed(originatorKey.bytes());
  }

  static ClientRequest decodeBody(WireReader in) throws DecodeException {
    StreamKey key = MessageType.decodeStreamKey(in);
    SequencedPacket packet = SequencedPacket.decode(in);
    String host = in.textU8(MAX_HOSTNAME, "request.hostname");
    int port = in.u16("request.port");
    ProxyProtocol protocol = ProxyProtocol.fromCode(in.u8("request.protocol"));
    PublicKey originator = PublicKey.of(in.fixed(PublicKey.LENGTH, "request.originator_key"));
    try {
      return new ClientRequest(
          key,
          packet,
          host.isEmpty() ? Optional.empty() : Optional.of(host),
          port,
          protocol,
          originator);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, e.getMessage());
    }
  }
}
