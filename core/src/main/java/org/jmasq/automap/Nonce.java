package org.jmasq.automap;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A PCP mapping nonce: 96 random bits that tie a router's answers to the client that made the
 * mapping; renewals and the removal must send the same nonce.
 */
public record Nonce(byte[] bytes) {
  /** Its length in bytes. */
  public static final int LENGTH = 12;

  public Nonce {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("nonce: " + bytes.length + " bytes (expected: 12)");
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Nonce that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Nonce[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
