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

  /** The kind of address that makes {@code address} refused ("loopback", "private", ...), or empty when it may be used. */
  public Optional<String> refusal(InetAddress address) {
    if (allowPrivateTargets) {
      return Optional.empty();
    }
    return classify(address);
  }

  static Optional<String> classify(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      if (isIpv4Mapped(b)) {
        try {
          return classify(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (java.net.UnknownHostException e) {
          throw new IllegalStateException("4 bytes always form an IPv4 address", e);
        }
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
      if (first == 255) {
        return Optional.of("broadcast");
      }
    }
    return Optional.empty();
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
