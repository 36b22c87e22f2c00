package org.jmasq.node.entry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jmasq.node.proxyserver.StreamIsolation;

/**
 * The head of an HTTP/1.x request as a proxy sees it: request line and header lines. It knows the
 * three shapes a proxy entry serves: {@code CONNECT host:port}, an absolute URI ({@code GET
 * http://host/path}), and an origin-form request with a {@code Host} header.
 */
record HttpRequestHead(String method, String target, String version, List<String> headers) {
  static final int MAX_HEAD = 64 * 1024;

  /** A request the entry cannot serve, with the status to answer. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** The server a request is for. */
  record Destination(String host, int port) {}

  /** Reads up to and including the blank line; refuses heads over {@value #MAX_HEAD} bytes. */
  static HttpRequestHead read(InputStream in, int firstByte) throws IOException, BadRequest {
    StringBuilder head = new StringBuilder();
    head.append((char) firstByte);
    int b;
    // The end is checked in place: a substring per byte read made ~50 bytes of garbage per byte.
    while (!endsWithBlankLine(head)) {
      if ((b = in.read()) < 0) {
        throw new BadRequest(400, "the request ended inside its head");
      }
      if (head.length() >= MAX_HEAD) {
        throw new BadRequest(431, "the request head is larger than " + MAX_HEAD + " bytes");
      }
      head.append((char) b);
    }
    String[] lines = head.substring(0, head.length() - 4).split("\r\n", -1);
    String[] requestLine = lines[0].split(" ", -1);
    if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
      throw new BadRequest(400, "malformed request line '" + lines[0] + "'");
    }
    List<String> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].indexOf(':') <= 0) {
        throw new BadRequest(400, "malformed header line '" + lines[i] + "'");
      }
      headers.add(lines[i]);
    }
    return new HttpRequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
  }

  private static boolean endsWithBlankLine(StringBuilder head) {
    int n = head.length();
    return n >= 4
        && head.charAt(n - 4) == '\r'
        && head.charAt(n - 3) == '\n'
        && head.charAt(n - 2) == '\r'
        && head.charAt(n - 1) == '\n';
  }

  boolean isConnect() {
    return method.equals("CONNECT");
  }

  Optional<String> header(String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    return headers.stream()
        .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
        .map(h -> h.substring(prefix.length()).trim())
        .findFirst();
  }

  /**
   * Where the request goes: the CONNECT authority, the absolute URI's authority, or the Host
   * header.
   */
  Destination destination() throws BadRequest {
    if (isConnect()) {
      return authority(target, -1);
    }
    if (target.regionMatches(true, 0, "http://", 0, 7)) {
      try {
        URI uri = new URI(target);
        if (uri.getHost() == null) {
          throw new BadRequest(400, "no host in '" + target + "'");
        }
        String host =
            uri.getHost().startsWith("[")
                ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new Destination(host, uri.getPort() < 0 ? 80 : uri.getPort());
      } catch (URISyntaxException e) {
        throw new BadRequest(400, "malformed URI '" + target + "'");
      }
    }
    if (target.contains("://")) {
      throw new BadRequest(400, "only http:// URIs can be proxied this way; use CONNECT for https");
    }
    String host =
        header("Host").orElseThrow(() -> new BadRequest(400, "no Host header and no absolute URI"));
    return authority(host, 80);
  }

  private static Destination authority(String authority, int defaultPort) throws BadRequest {
    String host = authority;
    int port = defaultPort;
    int colon = authority.lastIndexOf(':');
    if (colon > 0 && authority.indexOf(']') < colon) {
      host = authority.substring(0, colon);
      try {
        port = Integer.parseInt(authority.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "malformed port in '" + authority + "'");
      }
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (port < 1 || port > 65535) {
      throw new BadRequest(400, "port missing or out of range in '" + authority + "'");
    }
    return new Destination(host, port);
  }

  /**
   * The head to send to the origin server: origin-form request target, proxy-only headers removed,
   * and {@code Connection: close}, since each client connection carries one request's stream.
   */
  byte[] forOrigin() {
    String path = target;
    boolean absolute = target.regionMatches(true, 0, "http://", 0, 7);
    int authorityEnd = absolute ? authorityEnd() : -1;
    if (absolute) {
      path =
          authorityEnd == target.length()
              ? "/"
              : target.charAt(authorityEnd) == '/'
                  ? target.substring(authorityEnd)
                  : "/" + target.substring(authorityEnd);
    }
    StringBuilder out =
        new StringBuilder()
            .append(method)
            .append(' ')
            .append(path)
            .append(' ')
            .append(version)
            .append("\r\n");
    boolean hasHost = false;
    for (String h : headers) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("proxy-connection:")
          || lower.startsWith("proxy-authorization:")
          || lower.startsWith("connection:")
          || lower.startsWith("keep-alive:")) {
        continue;
      }
      hasHost |= lower.startsWith("host:");
      out.append(h).append("\r\n");
    }
    if (!hasHost && absolute) {
      String authority = target.substring(7, authorityEnd);
      // RFC 9110 §7.2: Host is host[:port]; user info in the URI is not for the origin.
      out.append("Host: ")
          .append(authority.substring(authority.lastIndexOf('@') + 1))
          .append("\r\n");
    }
    out.append("Connection: close\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The identity a {@code Proxy-Authorization} header names, whose streams share routes only with
   * each other: Basic credentials as their username and password (so SOCKS5 with the same pair is
   * the same identity), any other scheme as its whole value. No header: {@link
   * StreamIsolation#NONE}. The entry accepts every value; it asks for none.
   */
  StreamIsolation isolation() {
    for (String h : headers) {
      int colon = h.indexOf(':');
      if (!h.substring(0, colon).trim().equalsIgnoreCase("proxy-authorization")) {
        continue;
      }
      String value = h.substring(colon + 1).trim();
      int space = value.indexOf(' ');
      if (space > 0 && value.substring(0, space).equalsIgnoreCase("basic")) {
        try {
          byte[] decoded = Base64.getDecoder().decode(value.substring(space + 1).trim());
          int sep = indexOf(decoded, (byte) ':');
          if (sep > 0) {
            return StreamIsolation.of(
                Arrays.copyOfRange(decoded, 0, sep),
                Arrays.copyOfRange(decoded, sep + 1, decoded.length));
          }
        } catch (IllegalArgumentException e) {
          // Not base64: the value as a whole names the identity.
        }
      }
      return StreamIsolation.ofToken(value);
    }
    return StreamIsolation.NONE;
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where an absolute URI's authority ends: at its path, its query or fragment, or the end of the
   * target.
   */
  private int authorityEnd() {
    for (int i = 7; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        return i;
      }
    }
    return target.length();
  }
}
