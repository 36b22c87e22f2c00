package org.jmasq.automap;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jmasq.wire.DecodeException;

/**
 * SSDP, the discovery step of UPnP: the M-SEARCH a Node multicasts to 239.255.255.250:1900 for an
 * Internet Gateway Device, and the unicast HTTP-over-UDP answer whose {@code LOCATION} header gives
 * the URL of the device's description. Answers are ISO-8859-1 text of at most {@link #MAX_ANSWER}
 * bytes and {@link #MAX_HEADERS} header lines.
 */
public final class Ssdp {
  /** SSDP's multicast group and port. */
  public static final String GROUP = "239.255.255.250";

  public static final int PORT = 1900;

  /** The search target of a version 1 Internet Gateway Device. */
  public static final String IGD_1 = "urn:schemas-upnp-org:device:InternetGatewayDevice:1";

  /** The largest answer read: one datagram of an ordinary link. */
  public static final int MAX_ANSWER = 2048;

  public static final int MAX_HEADERS = 32;

  private Ssdp() {}

  /** An answer to a search: what was found, and where its description is. */
  public record SearchAnswer(String searchTarget, URI location) {
    public SearchAnswer {
      if (location == null || !"http".equals(location.getScheme()) || location.getHost() == null) {
        throw new IllegalArgumentException("location: " + location + " (expected: an http URL)");
      }
    }
  }

  /** The M-SEARCH for {@code searchTarget}, answered within {@code waitSeconds} (1 to 5). */
  public static byte[] search(String searchTarget, int waitSeconds) {
    if (waitSeconds < 1 || waitSeconds > 5 || searchTarget.contains("\r")) {
      throw new IllegalArgumentException("waitSeconds: " + waitSeconds + " (expected: 1~5)");
    }
    String text =
        "M-SEARCH * HTTP/1.1\r\n"
            + "HOST: "
            + GROUP
            + ":"
            + PORT
            + "\r\n"
            + "MAN: \"ssdp:discover\"\r\n"
            + "MX: "
            + waitSeconds
            + "\r\n"
            + "ST: "
            + searchTarget
            + "\r\n\r\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The bytes of an answer, as a device sends it (the fake routers of the tests). */
  public static byte[] encode(SearchAnswer answer) {
    String text =
        "HTTP/1.1 200 OK\r\n"
            + "CACHE-CONTROL: max-age=120\r\n"
            + "ST: "
            + answer.searchTarget()
            + "\r\n"
            + "USN: uuid:00000000-0000-0000-0000-000000000000::"
            + answer.searchTarget()
            + "\r\n"
            + "EXT:\r\n"
            + "LOCATION: "
            + answer.location()
            + "\r\n\r\n";
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The answer in {@code bytes}.
   *
   * @throws DecodeException if they are not a 200 answer with an http {@code LOCATION}
   */
  public static SearchAnswer decodeAnswer(byte[] bytes) throws DecodeException {
    if (bytes.length > MAX_ANSWER) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG,
          "SSDP answer: " + bytes.length + " bytes (max " + MAX_ANSWER + ")");
    }
    String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
    if (!lines[0].startsWith("HTTP/1.1 200") && !lines[0].startsWith("HTTP/1.0 200")) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD, "SSDP answer: not a 200 answer");
    }
    String location = null;
    String target = "";
    int headers = 0;
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      if (++headers > MAX_HEADERS) {
        throw new DecodeException(DecodeException.Kind.TOO_LONG, "SSDP answer: too many headers");
      }
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "SSDP answer: a bad header");
      }
      String name = lines[i].substring(0, colon).strip().toUpperCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).strip();
      if (name.equals("LOCATION")) {
        location = value;
      } else if (name.equals("ST")) {
        target = value;
      }
    }
    if (location == null) {
      throw new DecodeException(DecodeException.Kind.TRUNCATED, "SSDP answer: no LOCATION");
    }
    return new SearchAnswer(target, httpUrl(location, "LOCATION"));
  }

  /** {@code text} as an absolute http URL with a host, or a refusal naming {@code what}. */
  static URI httpUrl(String text, String what) throws DecodeException {
    URI uri;
    try {
      uri = new URI(text);
      if ("http".equalsIgnoreCase(uri.getScheme()) && !uri.getScheme().equals("http")) {
        // Scheme in lower case, so that records compare equal and the JDK's client accepts it.
        uri = new URI("http" + text.substring(uri.getScheme().length()));
      }
    } catch (URISyntaxException e) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, what + ": not a URL");
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() > 0xffff) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, what + ": not an http URL");
    }
    return uri;
  }
}
