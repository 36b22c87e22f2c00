package org.jmasq.node.proxyserver;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Which streams may share a route: those whose clients gave the same credentials, the SOCKS5
 * username and password or the HTTP proxy's {@code Proxy-Authorization}, as Tor's {@code
 * IsolateSOCKSAuth} keeps them apart. The entry accepts any credentials; they only name an identity
 * the user wants kept apart from the others. Only a keyed digest is kept (HMAC-SHA256 under a key
 * made each run), so no password stays in memory, and what a log shows of it tells nothing.
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

  /**
   * Made anew each run: the digest, and the part of it a log shows, must not let anyone who reads
   * the logs test guesses of a password. Within one run, equal credentials give equal digests, all
   * that isolation needs.
   */
  private static final SecretKeySpec KEY = runKey();

  private static SecretKeySpec runKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new SecretKeySpec(key, "HmacSHA256");
  }

  private static String digest(String kind, byte[] first, byte[] second) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(KEY);
      mac.update(kind.getBytes(StandardCharsets.US_ASCII));
      mac.update(lengthOf(first));
      mac.update(first);
      mac.update(second);
      return HexFormat.of().formatHex(mac.doFinal(), 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is in every JDK", e);
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
