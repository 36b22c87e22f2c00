package org.jmasq.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * The AES-256-GCM key that one ephemeral X25519 key shares with one recipient. Both ends derive it
 * once per stream and keep it, so every later package costs only symmetric work.
 */
public final class SessionKey {
  static final int NONCE_LENGTH = 12;
  static final int TAG_BITS = 128;
  private static final byte[] ENVELOPE_INFO =
      "jmasq/1 envelope".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] PADDING_INFO =
      "jmasq/1 padding".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] PADDING_BODY_INFO =
      "jmasq/2 padding body".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] ROUTE_LAYER_INFO =
      "jmasq/2 route layer".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] PAYLOAD_LAYER_INFO =
      "jmasq/2 payload layer".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int BLOCK = 16;

  private final SecretKeySpec aes;
  private final byte[] rawKey;
  private volatile byte[] paddingPrefix;
  private volatile byte[] paddingBlock;
  private volatile SecretKeySpec routeLayer;
  private volatile PayloadLayer payloadLayer;

  private SessionKey(byte[] rawKey) {
    this.rawKey = rawKey;
    this.aes = new SecretKeySpec(rawKey, "AES");
  }

  /** HKDF-SHA256 over the X25519 secret, salted with both public halves so keys never collide. */
  static SessionKey derive(byte[] sharedSecret, byte[] ephemeralPublic, byte[] recipientPublic) {
    byte[] salt = new byte[ephemeralPublic.length + recipientPublic.length];
    System.arraycopy(ephemeralPublic, 0, salt, 0, ephemeralPublic.length);
    System.arraycopy(recipientPublic, 0, salt, ephemeralPublic.length, recipientPublic.length);
    return new SessionKey(hkdf(sharedSecret, salt, ENVELOPE_INFO));
  }

  private static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
    return hkdf(ikm, salt, info, 32);
  }

  private static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
    generator.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    generator.generateBytes(out, 0, out.length);
    return out;
  }

  /**
   * A real X25519 public key derived from this session. A Node that shifts a route pads it with a
   * block that starts with this key, so padding looks like a hop block (a valid curve point that
   * stays the same for the whole stream, as real hop blocks do) and cannot reveal a position.
   */
  public byte[] paddingPrefix() {
    byte[] prefix = paddingPrefix;
    if (prefix == null) {
      byte[] seed = hkdf(rawKey, new byte[0], PADDING_INFO);
      prefix = new X25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
      paddingPrefix = prefix;
    }
    return prefix.clone();
  }

  /**
   * The padding block a Node appends when it shifts a route under this session: {@link
   * #paddingPrefix} and then bytes derived from the session, the same for every package. Not
   * random: on the way back every response of a route crosses each link under the same route layers
   * (the exit holds the blocks), and padding that differed from one response to the next would show
   * the same difference on every later link, for colluding Nodes to match responses by. Padding the
   * same for every package shows nothing but the route, which each block shows anyway.
   */
  public byte[] paddingBlock(int length) {
    byte[] block = paddingBlock;
    if (block == null || block.length != length) {
      byte[] prefix = paddingPrefix();
      block = new byte[length];
      System.arraycopy(prefix, 0, block, 0, prefix.length);
      byte[] body = hkdf(rawKey, new byte[0], PADDING_BODY_INFO, length - prefix.length);
      System.arraycopy(body, 0, block, prefix.length, body.length);
      paddingBlock = block;
    }
    return block.clone();
  }

  /**
   * Adds or removes (the same XOR) this hop's layer over the route blocks that follow its own: an
   * AES-256-CTR keystream under a key of its own, started at the nonce of the hop's block ({@code
   * nonce} at {@code nonceOffset}, 12 bytes). Every package of a route the originator sends has a
   * fresh block nonce; the blocks an exit holds for the way back keep theirs, and so their layer,
   * which covers only those same blocks and the same padding ({@link #paddingBlock}).
   */
  public void layerRoute(byte[] nonce, int nonceOffset, byte[] bytes, int offset, int length) {
    byte[] iv = new byte[BLOCK];
    System.arraycopy(nonce, nonceOffset, iv, 0, NONCE_LENGTH);
    xor(routeLayerKey(), iv, bytes, offset, length);
  }

  /**
   * Adds or removes this hop's layer over a payload: an AES-256-CTR keystream under a key of its
   * own, started at the package's tag as this hop sees it. A hop takes each tag once per session
   * (the replay memory), so no keystream covers two payloads.
   */
  public void layerPayload(long tag, byte[] bytes, int offset, int length) {
    payloadLayer().apply(tag, bytes, offset, length);
  }

  /** This session's payload layer alone, for an originator to keep without the session. */
  public PayloadLayer payloadLayer() {
    PayloadLayer layer = payloadLayer;
    if (layer == null) {
      layer =
          new PayloadLayer(new SecretKeySpec(hkdf(rawKey, new byte[0], PAYLOAD_LAYER_INFO), "AES"));
      payloadLayer = layer;
    }
    return layer;
  }

  private SecretKeySpec routeLayerKey() {
    SecretKeySpec key = routeLayer;
    if (key == null) {
      key = new SecretKeySpec(hkdf(rawKey, new byte[0], ROUTE_LAYER_INFO), "AES");
      routeLayer = key;
    }
    return key;
  }

  static void xor(SecretKeySpec key, byte[] iv, byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IllegalArgumentException(
          "layer over " + length + " bytes at " + offset + " of " + bytes.length);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      cipher.doFinal(bytes, offset, length, bytes, offset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR is unavailable in this JDK", e);
    }
  }

  byte[] encrypt(byte[] nonce, byte[] plaintext, byte[] out, int outOffset) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.doFinal(plaintext, 0, plaintext.length, out, outOffset);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JDK", e);
    }
  }

  byte[] decrypt(byte[] envelope, int nonceOffset, int ciphertextOffset) throws CryptoException {
    return decrypt(envelope, nonceOffset, ciphertextOffset, envelope.length);
  }

  /** Decrypts the ciphertext (tag included) from {@code ciphertextOffset} up to {@code end}. */
  byte[] decrypt(byte[] envelope, int nonceOffset, int ciphertextOffset, int end)
      throws CryptoException {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          aes,
          new GCMParameterSpec(TAG_BITS, envelope, nonceOffset, NONCE_LENGTH));
      return cipher.doFinal(envelope, ciphertextOffset, end - ciphertextOffset);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new CryptoException("envelope failed authentication", e);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("envelope could not be decrypted", e);
    }
  }
}
