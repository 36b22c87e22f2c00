package org.jmasq.crypto;

import java.nio.ByteBuffer;

/**
 * Layout of a sealed envelope, the unit of public-key encryption in JMasq (hop blocks and
 * payloads).
 *
 * <pre>
 *  0                   32            44                         n-16        n
 *  +-------------------+-------------+--------------------------+-----------+
 *  | ephemeral X25519  | nonce (12)  | AES-256-GCM ciphertext   | tag (16)  |
 *  | public key (32)   |             | (same length as plain)   |           |
 *  +-------------------+-------------+--------------------------+-----------+
 * </pre>
 *
 * The AES key is HKDF-SHA256(X25519(ephemeral, recipient), salt = ephemeral ‖ recipient, info =
 * "jmasq/1 envelope").
 */
public final class Envelope {
  /** Where the nonce starts in an envelope: after the ephemeral key. */
  public static final int NONCE_OFFSET = PublicKey.HALF;

  static final int HEADER = NONCE_OFFSET + SessionKey.NONCE_LENGTH;
  public static final int OVERHEAD = HEADER + SessionKey.TAG_BITS / 8;

  private Envelope() {}

  /**
   * The sealer that made an envelope: its ephemeral key (the session) and its nonce prefix. An
   * honest sealer numbers its envelopes 0, 1, 2, … under one such identity ({@link
   * EnvelopeSealer}).
   */
  public record SealerId(long key0, long key1, long key2, long key3, int noncePrefix) {}

  /**
   * Where an envelope stands in its sealer's sequence. Two envelopes at one position are one
   * envelope sent twice: under one key a nonce seals only once, and neither part can be changed
   * without the recipient's decryption failing.
   */
  public record Position(SealerId sealer, long counter) {}

  /**
   * Reads the position of the envelope that starts at {@code offset} in {@code bytes}, without
   * opening it.
   *
   * @throws IllegalArgumentException when fewer than {@link #OVERHEAD} bytes follow {@code offset}
   */
  public static Position positionOf(byte[] bytes, int offset) {
    if (offset < 0 || bytes.length - offset < OVERHEAD) {
      throw new IllegalArgumentException(
          "envelope at "
              + offset
              + " of "
              + bytes.length
              + " bytes (expected: at least "
              + OVERHEAD
              + ")");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, HEADER);
    SealerId sealer =
        new SealerId(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getInt());
    return new Position(sealer, in.getLong());
  }
}
