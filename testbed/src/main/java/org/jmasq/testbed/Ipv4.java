package org.jmasq.testbed;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

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

  /** The same address as the JDK's type, for sockets. */
  public InetAddress toInetAddress() {
    byte[] octets = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    try {
      return Inet4Address.getByAddress(octets);
    } catch (UnknownHostException e) {
      throw new AssertionError("four octets are always an address", e);
    }
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
