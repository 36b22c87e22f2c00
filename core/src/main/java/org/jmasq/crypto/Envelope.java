package org.jmasq.crypto;

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
  static final int HEADER = PublicKey.HALF + SessionKey.NONCE_LENGTH;
  public static final int OVERHEAD = HEADER + SessionKey.TAG_BITS / 8;

  private Envelope() {}
}
