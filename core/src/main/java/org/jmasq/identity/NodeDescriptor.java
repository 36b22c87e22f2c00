package org.jmasq.identity;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;

/**
 * How a Node is named to people and on the command line: {@code masq://<chain>:<base64url
 * key>@<ip>:<port>[/<port>...]}, or {@code ...@:} for a Node that does not accept connections. The
 * key is the 43-character encryption half (as the reference prints it); the 86-character whole key
 * is also accepted.
 */
public record NodeDescriptor(Chain chain, PublicKey key, Optional<NodeAddr> nodeAddr) {
  private static final String SCHEME = "masq://";

  public NodeDescriptor {
    if (chain == null || key == null || nodeAddr == null) {
      throw new IllegalArgumentException("descriptor parts may not be null");
    }
    if (nodeAddr.isPresent() && nodeAddr.get().ports().isEmpty()) {
      throw new IllegalArgumentException("a descriptor with an address needs at least one port");
    }
  }

  /** Parses a descriptor, or explains in one sentence what is wrong with it. */
  public static NodeDescriptor parse(String text) {
    if (text == null || !text.startsWith(SCHEME)) {
      throw bad(text, "it must start with " + SCHEME);
    }
    String rest = text.substring(SCHEME.length());
    int colon = rest.indexOf(':');
    int at = rest.lastIndexOf('@');
    if (colon < 0 || at < colon) {
      throw bad(text, "expected masq://<chain>:<key>@<ip>:<port>");
    }
    String chainId = rest.substring(0, colon);
    Chain chain =
        Chain.fromIdentifier(chainId)
            .orElseThrow(
                () ->
                    bad(
                        text,
                        "unknown chain '"
                            + chainId
                            + "' (expected one of "
                            + Chain.identifiers()
                            + ")"));
    PublicKey key = parseKey(text, rest.substring(colon + 1, at));
    return new NodeDescriptor(chain, key, parseAddress(text, rest.substring(at + 1)));
  }

  private static PublicKey parseKey(String text, String encoded) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw bad(text, "the key is not base64url");
    }
    return switch (raw.length) {
      case PublicKey.HALF -> PublicKey.firstContact(raw);
      case PublicKey.LENGTH -> PublicKey.of(raw);
      default -> throw bad(text, "the key holds " + raw.length + " bytes (expected: 32 or 64)");
    };
  }

  private static Optional<NodeAddr> parseAddress(String text, String address) {
    if (address.equals(":")) {
      return Optional.empty();
    }
    int split = address.lastIndexOf(':');
    if (split <= 0) {
      throw bad(text, "expected <ip>:<port> after '@'");
    }
    String host = address.substring(0, split);
    if (!(host.startsWith("[") && host.endsWith("]")) && host.contains(":")) {
      throw bad(text, "an IPv6 address must be in brackets");
    }
    String bare = unbracket(host);
    // A bracketed address must be IPv6: "[1.2.3.4]" is not a literal a descriptor uses.
    Optional<InetAddress> parsed =
        host.startsWith("[") && !bare.contains(":") ? Optional.empty() : IpLiteral.parse(host);
    InetAddress ip = parsed.orElseThrow(() -> bad(text, "'" + bare + "' is not an IP address"));
    List<Integer> ports = new ArrayList<>();
    for (String part : address.substring(split + 1).split("/", -1)) {
      // ASCII digits only: Integer.parseInt also takes "+80" and non-ASCII digits such as "８０".
      if (!part.matches("[0-9]{1,5}")) {
        throw bad(text, "port '" + part + "' is not a number");
      }
      int port = Integer.parseInt(part);
      if (port < 1 || port > 65535) {
        throw bad(text, "port " + port + " is out of range (expected: 1~65535)");
      }
      ports.add(port);
    }
    if (ports.size() > NodeAddr.MAX_PORTS) {
      throw bad(text, "more than " + NodeAddr.MAX_PORTS + " ports");
    }
    return Optional.of(new NodeAddr(ip, ports));
  }

  private static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException("malformed node descriptor '" + text + "': " + why);
  }

  @Override
  public String toString() {
    return SCHEME
        + chain.identifier()
        + ":"
        + key.toDescriptorForm()
        + "@"
        + nodeAddr.map(NodeAddr::toString).orElse(":");
  }
}
