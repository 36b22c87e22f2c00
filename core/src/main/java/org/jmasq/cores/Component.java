package org.jmasq.cores;

import org.jmasq.wire.DecodeException;

/** What the Node that opens a hop must do with the package. Codes are the reference's. */
public enum Component {
  NEIGHBORHOOD(0),
  HOPPER(1),
  PROXY_SERVER(2),
  PROXY_CLIENT(3);

  private final int code;

  Component(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  static Component fromCode(int code) throws DecodeException {
    for (Component c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    throw new DecodeException(
        DecodeException.Kind.UNKNOWN_CODE, "component: " + code + " (expected: 0~3)");
  }
}
