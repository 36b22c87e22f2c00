package org.jmasq.node.proxyserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which streams may share a route: those whose clients gave the same credentials, the SOCKS5
 * username and password or the HTTP proxy's {@code Proxy-Authorization}, as Tor's {@code
 * IsolateSOCKSAuth} keeps them apart. The entry accepts any credentials; they only name an identity
 * the user wants kept apart from the others. Only a digest is kept, so no password stays in memory
 * or reaches a log.
 */
public record StreamIsolation(String digest) {
  /** Clients that gave no credentials: they share routes with each other. */
  public static final StreamIsolation NONE = new StreamIsolation("");

  /**
   * The group of a username and password, from SOCKS5 or from HTTP Basic: both name the same
   * identity, so a user may switch between the two protocols and keep it.
   */
  public static StreamIsolation of(byte[] username, byte[] password) {
    return new StreamIsolation(digest("user\0", username, password));
  }

  /** The group of a {@code Proxy-Authorization} value that is not Basic. */
  public static StreamIsolation ofToken(String credentials) {
    return new StreamIsolation(
        digest("token\0", credentials.getBytes(StandardCharsets.UTF_8), new byte[0]));
  }

  private static String digest(String kind, byte[] first, byte[] second) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(kind.getBytes(StandardCharsets.US_ASCII));
      sha.update(lengthOf(first));
      sha.update(first);
      sha.update(second);
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }

  private static byte[] lengthOf(byte[] bytes) {
    int n = bytes.length;
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }

  @Override
  public String toString() {
    return digest.isEmpty() ? "none" : digest.substring(0, 8);
  }
}
