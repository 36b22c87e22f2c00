package org.jmasq.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A Node's secret keys: an X25519 key for decryption and an Ed25519 key for signing. The main pair
 * is the identity the network knows; an alias pair, made fresh each run, receives responses so an
 * exit cannot link them to the originator. BouncyCastle does the curve work because it is several
 * times faster than the JDK's provider here.
 */
public final class NodeKeyPair {
  private final X25519PrivateKeyParameters encryption;
  private final Ed25519PrivateKeyParameters signing;
  private final PublicKey publicKey;

  private NodeKeyPair(X25519PrivateKeyParameters encryption, Ed25519PrivateKeyParameters signing) {
    this.encryption = encryption;
    this.signing = signing;
    this.publicKey =
        PublicKey.of(
            encryption.generatePublicKey().getEncoded(), signing.generatePublicKey().getEncoded());
  }

  public static NodeKeyPair generate(SecureRandom random) {
    return new NodeKeyPair(
        new X25519PrivateKeyParameters(random), new Ed25519PrivateKeyParameters(random));
  }

  /** Restores a pair from {@link #toSecretString()}. */
  public static NodeKeyPair fromSecretString(String secret) {
    String[] parts = secret.split(",", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "node secret: expected two base64url parts separated by ','");
    }
    Base64.Decoder decoder = Base64.getUrlDecoder();
    byte[] box;
    byte[] sign;
    try {
      box = decoder.decode(parts[0]);
      sign = decoder.decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("node secret: a part is not base64url");
    }
    if (box.length != 32 || sign.length != 32) {
      throw new IllegalArgumentException("node secret: each part must hold 32 bytes");
    }
    return new NodeKeyPair(
        new X25519PrivateKeyParameters(box, 0), new Ed25519PrivateKeyParameters(sign, 0));
  }

  /** The persisted form: {@code base64url(x25519 secret) "," base64url(ed25519 seed)}. */
  public String toSecretString() {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    return encoder.encodeToString(encryption.getEncoded())
        + ","
        + encoder.encodeToString(signing.getEncoded());
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The X25519 shared secret with {@code peerEncryptionKey}; fails on low-order points. */
  byte[] agree(byte[] peerEncryptionKey) throws CryptoException {
    if (peerEncryptionKey.length != PublicKey.HALF) {
      throw new CryptoException(
          "X25519 key: " + peerEncryptionKey.length + " bytes (expected: 32)");
    }
    X25519Agreement agreement = new X25519Agreement();
    agreement.init(encryption);
    byte[] secret = new byte[agreement.getAgreementSize()];
    try {
      agreement.calculateAgreement(new X25519PublicKeyParameters(peerEncryptionKey, 0), secret, 0);
    } catch (IllegalStateException e) {
      throw new CryptoException("X25519 agreement refused a low-order key", e);
    }
    return secret;
  }

  /**
   * The X25519 shared secret between this pair and {@code peer}; both ends compute the same one.
   */
  public byte[] staticSecretWith(PublicKey peer) throws CryptoException {
    return agree(peer.encryptionKey());
  }

  /** An Ed25519 signature over {@code message}. */
  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, signing);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** True when {@code signature} is {@code signer}'s Ed25519 signature over {@code message}. */
  public static boolean verify(PublicKey signer, byte[] message, byte[] signature) {
    if (signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE || signer.isFirstContact()) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    try {
      verifier.init(false, new Ed25519PublicKeyParameters(signer.signingKey(), 0));
    } catch (IllegalArgumentException e) {
      return false;
    }
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  @Override
  public String toString() {
    return "NodeKeyPair[" + publicKey + "]";
  }
}
