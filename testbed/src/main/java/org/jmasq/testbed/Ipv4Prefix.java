package org.jmasq.testbed;

/**
 * An IPv4 network, such as {@code 198.51.100.0/24}: the testbed's ranges and the routes it reads.
 */
public record Ipv4Prefix(Ipv4 network, int length) {

  public Ipv4Prefix {
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("length: " + length + " (expected: 0~32)");
    }
    if ((network.bits() & ~mask(length)) != 0) {
      throw new IllegalArgumentException(
          "network: " + network + "/" + length + " has host bits set");
    }
  }

  /** Parses {@code a.b.c.d/n}, or a bare address as a /32. */
  public static Ipv4Prefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return new Ipv4Prefix(Ipv4.parse(text), 32);
    }
    int length;
    try {
      length = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("prefix: " + text + " (expected: a.b.c.d/n)", e);
    }
    return new Ipv4Prefix(Ipv4.parse(text.substring(0, slash)), length);
  }

  public boolean contains(Ipv4 address) {
    return (address.bits() & mask(length)) == network.bits();
  }

  /** Whether one of the two holds the other, that is, whether they share an address. */
  public boolean overlaps(Ipv4Prefix other) {
    int shorter = Math.min(length, other.length);
    return (network.bits() & mask(shorter)) == (other.network.bits() & mask(shorter));
  }

  private static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  @Override
  public String toString() {
    return network + "/" + length;
  }
}
