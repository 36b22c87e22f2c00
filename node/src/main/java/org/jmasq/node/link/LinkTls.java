package org.jmasq.node.link;

import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The TLS parameters of both ends of a link, chosen to resemble a browser talking to a web server:
 * TLS 1.3, its three cipher suites, key-exchange groups and signature schemes in Chrome's order,
 * ALPN offering {@code h2} and {@code http/1.1} (the server picks {@code h2}, as web servers do),
 * and the server's host name as SNI. What still tells a link from a browser's connection is in
 * {@code docs/LINKS.md}.
 */
final class LinkTls {
  private static final String[] PROTOCOLS = {"TLSv1.3"};

  /**
   * Chrome's order. AES-128-GCM first also suits relays, which spend most of their time in the link
   * cipher: AES-128 does fewer rounds than AES-256.
   */
  static final List<String> CIPHER_SUITES =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

  /**
   * Chrome's classical groups, in its order; the JDK sends a key share for x25519 and for P-256.
   */
  static final List<String> NAMED_GROUPS = List.of("x25519", "secp256r1", "secp384r1");

  /** Chrome's signature algorithms, in its order; a link signs with the first. */
  static final List<String> SIGNATURE_SCHEMES =
      List.of(
          "ecdsa_secp256r1_sha256",
          "rsa_pss_rsae_sha256",
          "rsa_pkcs1_sha256",
          "ecdsa_secp384r1_sha384",
          "rsa_pss_rsae_sha384",
          "rsa_pkcs1_sha384",
          "rsa_pss_rsae_sha512",
          "rsa_pkcs1_sha512");

  /** What browsers offer; a server picks its first that the client offers. */
  static final List<String> APPLICATION_PROTOCOLS = List.of("h2", "http/1.1");

  private LinkTls() {}

  /** Makes {@code socket} the client of a link to the Node named {@code host}. */
  static void client(SSLSocket socket, String host) {
    socket.setUseClientMode(true);
    SSLParameters parameters = common(socket.getSSLParameters());
    parameters.setServerNames(List.of(new SNIHostName(host)));
    socket.setSSLParameters(parameters);
  }

  /** Makes {@code server}'s accepted sockets the server side of links; they need a client's key. */
  static void server(SSLServerSocket server) {
    SSLParameters parameters = common(server.getSSLParameters());
    parameters.setNeedClientAuth(true);
    server.setSSLParameters(parameters);
  }

  private static SSLParameters common(SSLParameters parameters) {
    parameters.setProtocols(PROTOCOLS);
    parameters.setCipherSuites(CIPHER_SUITES.toArray(String[]::new));
    parameters.setNamedGroups(NAMED_GROUPS.toArray(String[]::new));
    parameters.setSignatureSchemes(SIGNATURE_SCHEMES.toArray(String[]::new));
    parameters.setApplicationProtocols(APPLICATION_PROTOCOLS.toArray(String[]::new));
    return parameters;
  }
}
