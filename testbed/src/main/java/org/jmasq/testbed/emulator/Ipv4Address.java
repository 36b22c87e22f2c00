package org.jmasq.testbed.emulator;

/** An IPv4 address as its 32 bits, as the emulator reads it from packet headers. */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

  /** Parses dotted-quad text such as {@code 192.0.2.1}; nothing else (no names, no shorthand). */
  public static Ipv4Address parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("address: " + text + " (expected: a.b.c.d)");
    }
    int bits = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("address: " + text + " (expected: a.b.c.d)");
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw new IllegalArgumentException("address: " + text + " (expected: octets 0~255)");
      }
      bits = (bits << 8) | octet;
    }
    return new Ipv4Address(bits);
  }

  /** Reads four bytes, network order, at {@code offset}. */
  static Ipv4Address read(byte[] bytes, int offset) {
    return new Ipv4Address(
        (bytes[offset] & 0xff) << 24
            | (bytes[offset + 1] & 0xff) << 16
            | (bytes[offset + 2] & 0xff) << 8
            | (bytes[offset + 3] & 0xff));
  }

  @Override
  public int compareTo(Ipv4Address other) {
    return Integer.compareUnsigned(bits, other.bits);
  }

  @Override
  public String toString() {
    return (bits >>> 24)
        + "."
        + (bits >>> 16 & 0xff)
        + "."
        + (bits >>> 8 & 0xff)
        + "."
        + (bits & 0xff);
  }
}
