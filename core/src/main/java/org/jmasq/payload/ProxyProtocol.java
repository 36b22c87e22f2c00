package org.jmasq.payload;

import org.jmasq.wire.DecodeException;

/** What the client speaks on a stream; it chooses how a failure is impersonated. */
public enum ProxyProtocol {
  HTTP,
  TLS;

  static ProxyProtocol fromCode(int code) throws DecodeException {
    if (code < 0 || code >= values().length) {
      throw new DecodeException(DecodeException.Kind.UNKNOWN_CODE, "protocol: " + code + " (expected: 0 HTTP or 1 TLS)");
    }
    return values()[code];
  }
}
