package org.jmasq.identity;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * Where a Node listens: one IP address and its clandestine ports (at least one for a Node that
 * accepts connections; none for one that does not).
 *
 * <pre>
 *  +--------+----------------------+----------+----------------------+
 *  | family | address              | count    | ports                |
 *  | u8 4|6 | 4 or 16 bytes        | u8 (≤8)  | count × u16          |
 *  +--------+----------------------+----------+----------------------+
 * </pre>
 */
public record NodeAddr(InetAddress ip, List<Integer> ports) {
  public static final int MAX_PORTS = 8;

  public NodeAddr {
    if (ip == null) {
      throw new IllegalArgumentException("ip: null");
    }
    ports = List.copyOf(ports);
    if (ports.size() > MAX_PORTS) {
      throw new IllegalArgumentException(
          "ports: " + ports.size() + " (expected: at most " + MAX_PORTS + ")");
    }
    for (int port : ports) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 1~65535)");
      }
    }
  }

  public static NodeAddr of(InetAddress ip, int... ports) {
    return new NodeAddr(ip, java.util.Arrays.stream(ports).boxed().toList());
  }

  public void encode(WireWriter out) {
    byte[] raw = ip.getAddress();
    out.u8(raw.length == 4 ? 4 : 6).fixed(raw).u8(ports.size());
    ports.forEach(out::u16);
  }

  public static NodeAddr decode(WireReader in) throws DecodeException {
    int family = in.u8("node_addr.family");
    byte[] raw;
    if (family == 4) {
      raw = in.fixed(4, "node_addr.ipv4");
    } else if (family == 6) {
      raw = in.fixed(16, "node_addr.ipv6");
    } else {
      throw new DecodeException(
          DecodeException.Kind.UNKNOWN_CODE, "node_addr.family: " + family + " (expected: 4 or 6)");
    }
    int count = in.u8("node_addr.count");
    if (count > MAX_PORTS) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG,
          "node_addr.count: " + count + " (expected: at most " + MAX_PORTS + ")");
    }
    Integer[] ports = new Integer[count];
    for (int i = 0; i < count; i++) {
      int port = in.u16("node_addr.port");
      if (port == 0) {
        throw new DecodeException(
            DecodeException.Kind.INVALID_FIELD, "node_addr.port: 0 (expected: 1~65535)");
      }
      ports[i] = port;
    }
    try {
      return new NodeAddr(InetAddress.getByAddress(raw), List.of(ports));
    } catch (UnknownHostException e) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "node_addr: " + e.getMessage());
    }
  }

  /** {@code ip:port/port/...}; IPv6 addresses in brackets. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(formatIp(ip)).append(':');
    for (int i = 0; i < ports.size(); i++) {
      sb.append(i == 0 ? "" : "/").append(ports.get(i));
    }
    return sb.toString();
  }

  static String formatIp(InetAddress ip) {
    if (ip instanceof Inet6Address) {
      return "[" + ip.getHostAddress() + "]";
    }
    if (ip instanceof Inet4Address) {
      return ip.getHostAddress();
    }
    throw new IllegalArgumentException("unknown address family: " + ip);
  }
}
