package org.jmasq.node.proxyclient;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses an exit will connect to. By default it refuses every address that would reach
 * into the exit's own machine or network (loopback, private, link-local, unspecified, multicast,
 * carrier-grade NAT, unique-local IPv6, the exit's own public address), so a Node cannot be used to
 * probe its owner's LAN or its own services. An IPv6 address that carries an IPv4 address (mapped,
 * compatible, translated, NAT64, 6to4, Teredo) is judged by the IPv4 address inside too.
 */
public final class ExitPolicy {
  private final boolean allowPrivateTargets;
  private final Set<InetAddress> ownAddresses;

  public ExitPolicy(boolean allowPrivateTargets) {
    this(allowPrivateTargets, Set.of());
  }

  /**
   * @param ownAddresses the exit's own public addresses ({@code --ip}): a connection to one would
   *     reach the exit's machine, or its router, from the inside
   */
  public ExitPolicy(boolean allowPrivateTargets, Set<InetAddress> ownAddresses) {
    this.allowPrivateTargets = allowPrivateTargets;
    this.ownAddresses = Set.copyOf(ownAddresses);
  }

  /**
   * The kind of address that makes {@code address} refused ("loopback", "private", ...), or empty
   * when it may be used.
   */
  public Optional<String> refusal(InetAddress address) {
    if (allowPrivateTargets) {
      return Optional.empty();
    }
    Optional<String> kind = classify(address);
    if (kind.isPresent()) {
      return kind;
    }
    List<InetAddress> forms = new ArrayList<>(List.of(address));
    if (address instanceof Inet6Address) {
      forms.addAll(embeddedIpv4(address.getAddress()));
    }
    return forms.stream().anyMatch(ownAddresses::contains)
        ? Optional.of("the exit's own address")
        : Optional.empty();
  }

  /**
   * The kind of {@code address} when it reaches into a machine or a network of its own ("loopback",
   * "private (unique local)", ...; the words before a parenthesis name the family), or empty for an
   * address of the open internet. Links use it too, for the addresses other Nodes name.
   */
  public static Optional<String> classify(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      Optional<String> kind = classify6(v6.getAddress());
      if (kind.isPresent()) {
        return kind;
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
      return classify4(address.getAddress());
    }
    return Optional.empty();
  }

  private static Optional<String> classify4(byte[] b) {
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
    return Optional.empty();
  }

  /** What makes an IPv6 address refused before the checks it shares with IPv4. */
  private static Optional<String> classify6(byte[] b) {
    // An IPv4 address inside reaches that address: judge the address inside.
    for (InetAddress inner : embeddedIpv4(b)) {
      Optional<String> kind = classify(inner);
      if (kind.isPresent()) {
        return kind;
      }
    }
    if (b[0] == 0 && !isZeroPrefixed(b, 15) && embeddedIpv4(b).isEmpty()) {
      // Beyond ::, ::1 and the forms above, 0::/8 is reserved; its NAT64 space is the local
      // network's own (64:ff9b:1::/48, RFC 8215) or not assigned, and may lead anywhere inside.
      return Optional.of(isLocalUseNat64(b) ? "private (local-use NAT64)" : "reserved");
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return Optional.of("private (unique local)");
    }
    return Optional.empty();
  }

  /**
   * The IPv4 addresses an IPv6 address carries in a standard form: {@code ::ffff:a.b.c.d} (mapped),
   * {@code ::a.b.c.d} (compatible, deprecated but still routed by some stacks), {@code
   * ::ffff:0:a.b.c.d} (translated, RFC 2765), {@code 64:ff9b::a.b.c.d} (NAT64's well-known prefix,
   * RFC 6052), {@code 2002:AABB:CCDD::/48} (6to4) and Teredo's server and client ({@code
   * 2001:0::/32}, the client's bits inverted).
   */
  private static List<InetAddress> embeddedIpv4(byte[] b) {
    if (isZeroPrefixed(b, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return List.of(ipv4(b, 12, 0)); // mapped
    }
    if (isZeroPrefixed(b, 12) && (b[12] | b[13]) != 0) {
      return List.of(ipv4(b, 12, 0)); // compatible; not :: or ::1
    }
    if (isZeroPrefixed(b, 8)
        && (b[8] & 0xff) == 0xff
        && (b[9] & 0xff) == 0xff
        && b[10] == 0
        && b[11] == 0) {
      return List.of(ipv4(b, 12, 0)); // translated
    }
    if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
      boolean wellKnown = true;
      for (int i = 4; i < 12; i++) {
        wellKnown &= b[i] == 0;
      }
      return wellKnown ? List.of(ipv4(b, 12, 0)) : List.of();
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return List.of(ipv4(b, 2, 0)); // 6to4
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
      return List.of(ipv4(b, 4, 0), ipv4(b, 12, 0xff)); // Teredo: server, client
    }
    return List.of();
  }

  /** Whether the first {@code count} bytes are all zero. */
  private static boolean isZeroPrefixed(byte[] b, int count) {
    for (int i = 0; i < count; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The local-use NAT64 prefix {@code 64:ff9b:1::/48}. */
  private static boolean isLocalUseNat64(byte[] b) {
    return b[0] == 0
        && b[1] == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b
        && b[4] == 0
        && b[5] == 1;
  }

  private static InetAddress ipv4(byte[] b, int offset, int mask) {
    byte[] four = Arrays.copyOfRange(b, offset, offset + 4);
    for (int i = 0; i < 4; i++) {
      four[i] ^= (byte) mask;
    }
    try {
      return InetAddress.getByAddress(four);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("4 bytes always form an IPv4 address", e);
    }
  }
}
