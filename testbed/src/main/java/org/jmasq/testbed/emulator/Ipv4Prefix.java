package org.jmasq.testbed.emulator;

/** A block of IPv4 addresses, such as {@code 192.0.2.0/24}: where the testbed's hosts live. */
public record Ipv4Prefix(Ipv4Address network, int length) {

  /** Checks the length and that no bit is set past it. */
  public Ipv4Prefix {
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("length: " + length + " (expected: 0~32)");
    }
    if ((network.bits() & ~mask(length)) != 0) {
      throw new IllegalArgumentException(
          "prefix: " + network + "/" + length + " (expected: no host bits set)");
    }
  }

  /** Parses {@code a.b.c.d/n}. */
  public static Ipv4Prefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || !text.substring(slash + 1).matches("[0-9]{1,2}")) {
      throw new IllegalArgumentException("prefix: " + text + " (expected: a.b.c.d/n)");
    }
    return new Ipv4Prefix(
        Ipv4Address.parse(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
  }

  /** Whether {@code address} lies in this block. */
  public boolean contains(Ipv4Address address) {
    return (address.bits() & mask(length)) == network.bits();
  }

  private static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  @Override
  public String toString() {
    return network + "/" + length;
  }
}
