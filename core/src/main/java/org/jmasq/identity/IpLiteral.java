package org.jmasq.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads IP address literals without ever asking DNS. {@link InetAddress#getByName} treats anything
 * that is not a literal it recognizes ("cafe", "999.1.1.1") as a host name and looks it up, and
 * reads legacy short forms ("1.2.3") as other addresses; only strict dotted quads and IPv6 literals
 * reach it here.
 */
public final class IpLiteral {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final String IPV4 = OCTET + "(\\." + OCTET + "){3}";

  private IpLiteral() {}

  /**
   * The address {@code text} spells (IPv6 with or without brackets), or empty when it is not a
   * literal.
   */
  public static Optional<InetAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String literal =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean v4 = literal.matches(IPV4);
    // With a colon the JDK parses IPv6 and never looks the text up.
    boolean v6 = literal.contains(":") && literal.matches("[0-9a-fA-F.:]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
