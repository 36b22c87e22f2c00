package org.jmasq.payload;

import org.jmasq.wire.DecodeException;

/** What the client speaks on a stream; it chooses how a failure is impersonated. */
public enum ProxyProtocol {
  HTTP(0),
  TLS(1);

  /** The wire code, fixed here so that reordering the constants cannot change the protocol. */
  final int code;

  ProxyProtocol(int code) {
    this.code = code;
  }

  static ProxyProtocol fromCode(int code) throws DecodeException {
    for (ProxyProtocol p : values()) {
      if (p.code == code) {
        return p;
      }
    }
    throw new DecodeException(
        DecodeException.Kind.UNKNOWN_CODE, "protocol: " + code + " (expected: 0 HTTP or 1 TLS)");
  }
}
