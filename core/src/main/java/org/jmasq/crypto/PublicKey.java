package org.jmasq.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A Node's public identity: a 32-byte X25519 encryption key followed by a 32-byte Ed25519 signing
 * key. A key learned from a descriptor has only the encryption half; its signing half is zero until
 * signed Gossip supplies it (a "first-contact" key, as in the reference).
 */
public final class PublicKey implements Comparable<PublicKey> {
  public static final int LENGTH = 64;
  public static final int HALF = 32;

  private final byte[] bytes;

  /** Cached: keys are looked up in hash maps constantly by the Neighborhood. */
  private final int hash;

  private PublicKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  public static PublicKey of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("public key: " + bytes.length + " bytes (expected: 64)");
    }
    return new PublicKey(bytes.clone());
  }

  public static PublicKey of(byte[] encryptionKey, byte[] signingKey) {
    if (encryptionKey.length != HALF || signingKey.length != HALF) {
      throw new IllegalArgumentException("public key halves must be 32 bytes each");
    }
    byte[] all = new byte[LENGTH];
    System.arraycopy(encryptionKey, 0, all, 0, HALF);
    System.arraycopy(signingKey, 0, all, HALF, HALF);
    return new PublicKey(all);
  }

  /** A key known only by its encryption half, as a descriptor gives it. */
  public static PublicKey firstContact(byte[] encryptionKey) {
    return of(encryptionKey, new byte[HALF]);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public byte[] encryptionKey() {
    return Arrays.copyOfRange(bytes, 0, HALF);
  }

  public byte[] signingKey() {
    return Arrays.copyOfRange(bytes, HALF, LENGTH);
  }

  /** True when the signing half is unknown. */
  public boolean isFirstContact() {
    for (int i = HALF; i < LENGTH; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Two keys name the same Node when their encryption halves agree. */
  public boolean sameNodeAs(PublicKey other) {
    return Arrays.equals(bytes, 0, HALF, other.bytes, 0, HALF);
  }

  /** The 43-character base64url form of the encryption half, as descriptors print it. */
  public String toDescriptorForm() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(encryptionKey());
  }

  /** The 86-character base64url form of the whole key. */
  String toBase64() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(PublicKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** Short form for logs: the first 8 bytes of the encryption half in hex. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes, 0, 8);
  }
}
