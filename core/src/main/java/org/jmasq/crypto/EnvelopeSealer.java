package org.jmasq.crypto;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Seals messages to one recipient under one ephemeral key. A sender keeps one sealer per recipient
 * per stream: the first envelope costs the recipient one X25519 agreement, later ones only AES-GCM.
 *
 * <p>The envelope layout is in {@link Envelope}. Nonces are a random 4-byte prefix chosen per
 * sealer followed by a 64-bit counter, so they never repeat under one key.
 */
public final class EnvelopeSealer {
  private final byte[] ephemeralPublic;
  private final SessionKey key;
  private final byte[] noncePrefix = new byte[4];
  private final AtomicLong counter = new AtomicLong();

  private EnvelopeSealer(byte[] ephemeralPublic, SessionKey key, SecureRandom random) {
    this.ephemeralPublic = ephemeralPublic;
    this.key = key;
    random.nextBytes(noncePrefix);
  }

  /** A sealer to {@code recipient}'s encryption key under a fresh ephemeral key. */
  public static EnvelopeSealer to(PublicKey recipient, SecureRandom random) throws CryptoException {
    X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(random);
    byte[] ephemeralPublic = ephemeral.generatePublicKey().getEncoded();
    byte[] recipientKey = recipient.encryptionKey();
    X25519Agreement agreement = new X25519Agreement();
    agreement.init(ephemeral);
    byte[] secret = new byte[agreement.getAgreementSize()];
    try {
      agreement.calculateAgreement(new X25519PublicKeyParameters(recipientKey, 0), secret, 0);
    } catch (IllegalStateException e) {
      throw new CryptoException("recipient key " + recipient + " is a low-order point", e);
    }
    return new EnvelopeSealer(
        ephemeralPublic, SessionKey.derive(secret, ephemeralPublic, recipientKey), random);
  }

  /**
   * The session key this sealer shares with its recipient: the originator of a route adds and
   * removes each hop's layers with it (see {@link SessionKey#layerPayload}).
   */
  public SessionKey session() {
    return key;
  }

  public byte[] seal(byte[] plaintext) {
    byte[] nonce = new byte[SessionKey.NONCE_LENGTH];
    System.arraycopy(noncePrefix, 0, nonce, 0, noncePrefix.length);
    long n = counter.getAndIncrement();
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (n >>> (56 - 8 * i));
    }
    byte[] out = new byte[Envelope.OVERHEAD + plaintext.length];
    System.arraycopy(ephemeralPublic, 0, out, 0, PublicKey.HALF);
    System.arraycopy(nonce, 0, out, PublicKey.HALF, nonce.length);
    return key.encrypt(nonce, plaintext, out, Envelope.HEADER);
  }
}
