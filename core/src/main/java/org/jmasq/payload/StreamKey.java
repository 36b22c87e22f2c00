package org.jmasq.payload;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jmasq.crypto.PublicKey;

/**
 * Names one client connection across the network: SHA-1(originator key ‖ client IP ‖ client port
 * little-endian ‖ per-process salt), 20 bytes, as in the reference. The salt keeps keys of two runs
 * from colliding and stops an exit from guessing the client's port.
 */
public final class StreamKey {
  public static final int LENGTH = 20;
  private final byte[] bytes;

  private StreamKey(byte[] bytes) {
    this.bytes = bytes;
  }

  public static StreamKey of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("stream key: " + bytes.length + " bytes (expected: 20)");
    }
    return new StreamKey(bytes.clone());
  }

  public static StreamKey derive(PublicKey originator, InetSocketAddress client, byte[] salt) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(originator.bytes());
      sha1.update(client.getAddress().getAddress());
      sha1.update((byte) client.getPort());
      sha1.update((byte) (client.getPort() >>> 8));
      sha1.update(salt);
      return new StreamKey(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JDK", e);
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes, 0, 6);
  }
}
