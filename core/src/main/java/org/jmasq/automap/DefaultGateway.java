package org.jmasq.automap;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * Finds the IPv4 default gateway in the text of Linux's {@code /proc/net/route}: a header line,
 * then one line per route of whitespace-separated fields (interface, destination, gateway, flags,
 * ...) with addresses as 8 hex digits in the host's (little-endian) byte order.
 */
public final class DefaultGateway {
  /** The most text read: a routing table of some thousand routes. */
  public static final int MAX_TEXT = 256 * 1024;

  private static final int RTF_UP = 0x1;
  private static final int RTF_GATEWAY = 0x2;

  private DefaultGateway() {}

  /** A default route: its interface's name and its gateway. */
  public record Route(String interfaceName, Inet4Address gateway) {}

  /**
   * The first default route that is up and goes through a gateway, with the lowest metric; empty
   * when there is none or the text is not such a table (or longer than {@link #MAX_TEXT}).
   */
  public static Optional<Route> parse(String procNetRoute) {
    if (procNetRoute.length() > MAX_TEXT) {
      return Optional.empty();
    }
    Route best = null;
    long bestMetric = Long.MAX_VALUE;
    String[] lines = procNetRoute.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].trim().split("\\s+");
      if (fields.length < 7) {
        continue;
      }
      try {
        long destination = Long.parseLong(fields[1], 16);
        long gateway = Long.parseLong(fields[2], 16);
        int flags = Integer.parseInt(fields[3], 16);
        long metric = Long.parseLong(fields[6]);
        boolean isDefault = destination == 0 && fields[1].length() == 8;
        if (isDefault
            && fields[2].length() == 8
            && (flags & (RTF_UP | RTF_GATEWAY)) == (RTF_UP | RTF_GATEWAY)
            && gateway != 0
            && metric < bestMetric) {
          best = new Route(fields[0], littleEndian(gateway));
          bestMetric = metric;
        }
      } catch (NumberFormatException e) {
        // A line that is not a route: /proc/net/route has none, anything else is not the table.
      }
    }
    return Optional.ofNullable(best);
  }

  private static Inet4Address littleEndian(long hex) {
    byte[] four = {(byte) hex, (byte) (hex >>> 8), (byte) (hex >>> 16), (byte) (hex >>> 24)};
    return NatPmp.ipv4(four);
  }
}
