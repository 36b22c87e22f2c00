package org.jmasq.node.proxyserver;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What a client is told when its stream fails, in the client's own protocol: an HTTP error page
 * (the reference's layout and wording), a fatal TLS alert inside a tunnel, or a SOCKS5 reply code.
 */
public final class Impersonator {
  /** TLS alert descriptions (RFC 8446 §6). */
  static final int ALERT_ACCESS_DENIED = 0x31;

  static final int ALERT_INTERNAL_ERROR = 0x50;
  static final int ALERT_UNRECOGNIZED_NAME = 0x70;

  private Impersonator() {}

  /** An HTTP/1.1 response with the reference's error page for {@code failure}. */
  public static byte[] httpResponse(StreamFailure failure) {
    Page page = page(failure);
    String body =
        "<html><head><title>Error "
            + page.status
            + "</title></head><body>"
            + "<h1>Error "
            + page.status
            + "</h1>"
            + "<h2>Title: "
            + escape(page.title)
            + "</h2>"
            + "<h3>Subtitle: "
            + escape(page.subtitle)
            + "</h3>"
            + "<p>"
            + escape(page.text)
            + "</p></body></html>\n";
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + page.status
            + " Routing Error\r\n"
            + "Content-Type: text/html\r\n"
            + "Content-Length: "
            + bodyBytes.length
            + "\r\n"
            + "Connection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[headBytes.length + bodyBytes.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
    return all;
  }

  /** A fatal TLS alert record: {@code 15 03 03 00 02 02 <description>}. */
  public static byte[] tlsAlert(StreamFailure failure) {
    int description =
        switch (failure.kind()) {
          case DNS_FAILURE -> ALERT_UNRECOGNIZED_NAME;
          case REFUSED_BY_POLICY, NO_EXIT_IN_COUNTRY -> ALERT_ACCESS_DENIED;
          default -> ALERT_INTERNAL_ERROR;
        };
    return new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, (byte) description};
  }

  private static final List<String> HTTP_METHODS =
      List.of("GET ", "HEAD ", "POST ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ", "TRACE ");

  /**
   * The failure as the protocol a client speaks inside its stream says it, told by the first bytes
   * the client sent: a TLS record (a handshake, {@code 0x16}) gets a TLS alert, an HTTP request (a
   * method and its space) the error page. Nothing for a client that sent nothing yet or speaks
   * another protocol (SSH's {@code SSH-2.0} is no HTTP): the entry can then only close.
   */
  public static Optional<byte[]> inProtocolOf(byte[] firstBytes, StreamFailure failure) {
    if (firstBytes.length == 0) {
      return Optional.empty();
    }
    if (firstBytes[0] == 0x16) {
      return Optional.of(tlsAlert(failure));
    }
    String start = new String(firstBytes, StandardCharsets.ISO_8859_1);
    for (String method : HTTP_METHODS) {
      // The first read may hold only part of the method: it still has to match as far as it goes.
      if (method.startsWith(start) || start.startsWith(method)) {
        return Optional.of(httpResponse(failure));
      }
    }
    return Optional.empty();
  }

  /** The SOCKS5 reply code (RFC 1928 §6) for {@code kind}. */
  public static int socksReply(StreamFailure.Kind kind) {
    return switch (kind) {
      case NO_ROUTE -> 0x03; // network unreachable
      case DNS_FAILURE, UNREACHABLE -> 0x04; // host unreachable
      case REFUSED_BY_POLICY, NO_CONSUMING_WALLET, CONSUMING_WALLET_UNFUNDED, NO_EXIT_IN_COUNTRY ->
          0x02; // connection not allowed by ruleset
      case CONNECTION_REFUSED -> 0x05; // connection refused
      case TIMED_OUT -> 0x06; // TTL expired
    };
  }

  private record Page(int status, String title, String subtitle, String text) {}

  private static Page page(StreamFailure f) {
    String host = f.host();
    return switch (f.kind()) {
      case NO_ROUTE ->
          new Page(
              503,
              "Routing Problem",
              "Can't find a route to " + host,
              "Your Node could not find a route to an exit for this request. "
                  + "It may not have enough neighbors yet; wait a little and try again. "
                  + f.detail());
      case NO_EXIT_IN_COUNTRY ->
          new Page(
              503, "Exit Location Problem", "No exit in your countries for " + host, f.detail());
      case DNS_FAILURE ->
          new Page(
              503,
              "DNS Resolution Problem",
              "Exit Nodes couldn't resolve \"" + host + "\"",
              "DNS Failure, We have tried multiple Exit Nodes and all have failed to resolve this address "
                  + host);
      case REFUSED_BY_POLICY ->
          new Page(
              403,
              "Target Refused",
              "The exit Node will not connect to \"" + host + "\"",
              f.detail()
                  + ". Exits refuse loopback, private and link-local addresses unless they are "
                  + "started with --allow-private-targets.");
      case CONNECTION_REFUSED ->
          new Page(
              502, "Connection Refused", "\"" + host + "\" refused the connection", f.detail());
      case UNREACHABLE ->
          new Page(
              502, "Target Unreachable", "The exit Node cannot reach \"" + host + "\"", f.detail());
      case TIMED_OUT ->
          new Page(504, "Timed Out", "No answer in time for \"" + host + "\"", f.detail());
      case NO_CONSUMING_WALLET ->
          new Page(
              402,
              "Consuming Wallet Required",
              "Your Node cannot pay for the route to " + host,
              "Other Nodes relay and exit only for a Node that pays them. Start this Node with "
                  + "--consuming-private-key, or in zero-hop mode.");
      case CONSUMING_WALLET_UNFUNDED ->
          new Page(
              402,
              "Consuming Wallet Unfunded",
              "Other Nodes will not serve your consuming wallet for " + host,
              f.detail()
                  + " Nodes serve a wallet that cannot pay only a small credit"
                  + " (--new-payer-credit, 10 MiB by default). Send MASQ and gas to the"
                  + " wallet, then try again in a few minutes.");
    };
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
