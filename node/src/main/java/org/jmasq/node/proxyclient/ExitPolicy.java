package org.jmasq.node.proxyclient;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses an exit will connect to. By default it refuses every address that would reach
 * into the exit's own machine or network (loopback, private, link-local, unspecified, multicast,
 * carrier-grade NAT, unique-local IPv6), so a Node cannot be used to probe its owner's LAN.
 */
public final class ExitPolicy {
  private final boolean allowPrivateTargets;

  public ExitPolicy(boolean allowPrivateTargets) {
    this.allowPrivateTargets = allowPrivateTargets;
  }

  /**
   * The kind of address that makes {@code address} refused ("loopback", "private", ...), or empty
   * when it may be used.
   */
  public Optional<String> refusal(InetAddress address) {
    if (allowPrivateTargets) {
      return Optional.empty();
    }
    return classify(address);
  }

  /**
   * The kind of {@code address} when it reaches into a machine or a network of its own ("loopback",
   * "private (unique local)", ...; the words before a parenthesis name the family), or empty for an
   * address of the open internet. Links use it too, for the addresses other Nodes name.
   */
  public static Optional<String> classify(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      // IPv6 forms that carry an IPv4 address reach that address: judge the address inside.
      if (isIpv4Mapped(b) || isIpv4Compatible(b) || isNat64(b)) {
        return classify(ipv4(b, 12));
      }
      if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
        return classify(ipv4(b, 2)); // 6to4
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return Optional.of("private (unique local)");
      }
    }
    if (address.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("unspecified");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("private");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    if (address instanceof Inet4Address) {
      byte[] b = address.getAddress();
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0) {
        return Optional.of("unspecified");
      }
      if (first == 100 && second >= 64 && second < 128) {
        return Optional.of("private (carrier-grade NAT)");
      }
      if (first >= 240) {
        return Optional.of(first == 255 && second == 255 ? "broadcast" : "reserved");
      }
      if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
        return Optional.of("reserved (IETF protocol assignments)");
      }
      if (first == 198 && (second == 18 || second == 19)) {
        return Optional.of("reserved (benchmarking)");
      }
    }
    return Optional.empty();
  }

  private static InetAddress ipv4(byte[] b, int offset) {
    try {
      return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, offset, offset + 4));
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("4 bytes always form an IPv4 address", e);
    }
  }

  /**
   * {@code ::a.b.c.d} (deprecated, but still routed by some stacks); {@code ::} and {@code ::1} are
   * not.
   */
  private static boolean isIpv4Compatible(byte[] b) {
    for (int i = 0; i < 12; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[12] | b[13]) != 0;
  }

  /** The NAT64 well-known prefix {@code 64:ff9b::/96}. */
  private static boolean isNat64(byte[] b) {
    if (b[0] != 0 || b[1] != 0x64 || (b[2] & 0xff) != 0xff || (b[3] & 0xff) != 0x9b) {
      return false;
    }
    for (int i = 4; i < 12; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
