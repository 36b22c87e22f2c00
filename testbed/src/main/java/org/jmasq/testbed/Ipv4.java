package org.jmasq.testbed;

/** An IPv4 address of the testbed, kept as its 32 bits so that ranges are plain arithmetic. */
public record Ipv4(int bits) {

  /** Parses dotted-quad notation, such as {@code 192.0.2.10}. */
  public static Ipv4 parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("address: " + text + " (expected: a.b.c.d)");
    }
    int bits = 0;
    for (String part : parts) {
      int octet;
      try {
        octet = Integer.parseInt(part);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("address: " + text + " (expected: a.b.c.d)", e);
      }
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("address: " + text + " (expected: octets 0~255)");
      }
      bits = (bits << 8) | octet;
    }
    return new Ipv4(bits);
  }

  /** The address {@code n} above this one. */
  public Ipv4 plus(int n) {
    return new Ipv4(bits + n);
  }

  /**
   * The four octets, most significant first: for packets a test writes. Not an {@code InetAddress}
   * on purpose: a socket of this JVM lives in the root namespace, which must never reach a testbed
   * address.
   */
  public byte[] octets() {
    return new byte[] {
      (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits
    };
  }

  @Override
  public String toString() {
    return (bits >>> 24)
        + "."
        + ((bits >>> 16) & 255)
        + "."
        + ((bits >>> 8) & 255)
        + "."
        + (bits & 255);
  }
}
