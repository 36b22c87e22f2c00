package org.jmasq.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.jmasq.testbed.Testbed;
import org.jmasq.testbed.TestbedException;

/**
 * An origin server on a testbed host: socat answers every connection to a port with an HTTP/1.0
 * response whose body is a file (pseudo-random bytes of a known SHA-256, for tests, or a page for
 * {@code jmasq testbed}), whatever the request. The file and the process live in the testbed's run
 * directory and namespaces, so its close removes them.
 */
public final class TestbedOrigin {
  private final String url;
  private final String sha256;

  private TestbedOrigin(String url, String sha256) {
    this.url = url;
    this.sha256 = sha256;
  }

  /** Serves {@code bytes} pseudo-random bytes on {@code host} and {@code port}. */
  public static TestbedOrigin start(Testbed testbed, String host, int port, int bytes)
      throws IOException, TestbedException {
    byte[] body = new byte[bytes];
    new Random(bytes).nextBytes(body);
    return start(testbed, host, port, body, "application/octet-stream");
  }

  /** Serves {@code body}, of type {@code contentType}, on {@code host} and {@code port}. */
  public static TestbedOrigin start(
      Testbed testbed, String host, int port, byte[] body, String contentType)
      throws IOException, TestbedException {
    int bytes = body.length;
    Path dir = Files.createDirectories(testbed.directory().resolve("origin-" + port));
    Path file = dir.resolve("body");
    Path head = dir.resolve("head");
    Files.write(file, body);
    Files.writeString(
        head,
        "HTTP/1.0 200 OK\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + bytes
            + "\r\n\r\n",
        StandardCharsets.US_ASCII);
    // The shell lives until the client closes: socat, seeing its child end, could drop the tail.
    testbed.start(
        host,
        "socat",
        "TCP-LISTEN:" + port + ",reuseaddr,fork",
        "SYSTEM:cat " + head + " " + file + "; cat >/dev/null");
    testbed.awaitTcpListening(host, port, Duration.ofSeconds(10));
    return new TestbedOrigin(
        "http://" + testbed.host(host).address() + ":" + port + "/body", sha256(body));
  }

  /** The file's URL, with the origin's address as an IP literal (no DNS on the testbed). */
  public String url() {
    return url;
  }

  public String sha256() {
    return sha256;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(Path file) throws IOException {
    return sha256(Files.readAllBytes(file));
  }
}
