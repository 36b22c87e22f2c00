package org.jmasq.node.link;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;

/**
 * What two Nodes say inside a fresh TLS link before any package: who they are, proven. TLS has
 * proven that each side holds the P-256 key of the certificate it presented ({@link LinkIdentity});
 * the Hello's key signature proves that the Ed25519 half of the Node key vouches for that P-256
 * key, and the Proof proves the X25519 half, which only the key's owner can use to compute the
 * static secret.
 *
 * <pre>
 * Hello  (each side, at once)              Proof (each side, after the peer's Hello)
 *  0   version u8 = 2                        0  HMAC-SHA256 (32)
 *  1   public key (64)
 *  65  clandestine port u16 (0 = none)       key  = HKDF-SHA256(X25519(own, peer),
 *  67  nonce (32)                                   salt "jmasq/1 link",
 *  99  key signature (64)                           info = initiator key ‖ responder key)
 * 163                                        data = role u8 (1 initiator, 2 responder) ‖
 *                                                   initiator nonce ‖ responder nonce
 * key signature = Ed25519 by the public key's signing half over
 *                 "jmasq/2 link certificate key" ‖ 0x00 ‖ the sender's certificate's
 *                 SubjectPublicKeyInfo (DER)
 * </pre>
 *
 * <p>Why it is sound: a peer that claims a Node key must present a certificate whose P-256 key that
 * Node key signed, and TLS's CertificateVerify shows it holds that P-256 key's private half. Each
 * Node makes its P-256 key fresh for a run and never lets it out, so only the Node key's holder (or
 * whoever it gave that private half to) can do both. A key signature copied from another Node's
 * Hello names that Node's certificate key, not the copier's, and is refused. The signature is bound
 * to the certificate key, not the session, and needs no more: a peer in the middle would have to
 * present the victim's certificate, which it cannot prove.
 */
final class LinkHandshake {
  static final int VERSION = 2;

  /** The bytes of a Hello. */
  static final int HELLO_LENGTH = 1 + PublicKey.LENGTH + 2 + 32 + 64;

  private static final byte[] SALT = "jmasq/1 link".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEY_SIGNATURE_LABEL =
      "jmasq/2 link certificate key\0".getBytes(StandardCharsets.US_ASCII);

  /** The peer as the handshake proved it. */
  record Peer(PublicKey key, int clandestinePort) {}

  /**
   * The DER SubjectPublicKeyInfo of the TLS certificate each side presented, whose private halves
   * TLS has proven.
   */
  record CertificateKeys(byte[] own, byte[] peer) {}

  /**
   * What a side claims before proving anything: its key, its clandestine port, a nonce, and its
   * key's signature over its certificate's key (checked by {@link #run}, not here).
   */
  record Hello(PublicKey key, int clandestinePort, byte[] nonce, byte[] keySignature) {
    static final int NONCE_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;
    static final int LENGTH = HELLO_LENGTH;

    Hello {
      if (clandestinePort < 0
          || clandestinePort > 0xffff
          || nonce.length != NONCE_LENGTH
          || keySignature.length != SIGNATURE_LENGTH) {
        throw new IllegalArgumentException("hello: port " + clandestinePort + ", field lengths");
      }
      nonce = nonce.clone();
      keySignature = keySignature.clone();
    }

    @Override
    public byte[] nonce() {
      return nonce.clone();
    }

    @Override
    public byte[] keySignature() {
      return keySignature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hello h
          && key.equals(h.key)
          && clandestinePort == h.clandestinePort
          && Arrays.equals(nonce, h.nonce)
          && Arrays.equals(keySignature, h.keySignature);
    }

    @Override
    public int hashCode() {
      return (key.hashCode() * 31 + clandestinePort) * 31
          + Arrays.hashCode(nonce)
          + Arrays.hashCode(keySignature);
    }

    @Override
    public String toString() {
      return "Hello[" + key + ", port " + clandestinePort + "]";
    }

    /**
     * One array, so TLS sends the Hello as one record: a record per field would show its layout.
     */
    byte[] encode() {
      return ByteBuffer.allocate(LENGTH)
          .put((byte) VERSION)
          .put(key.bytes())
          .putShort((short) clandestinePort)
          .put(nonce)
          .put(keySignature)
          .array();
    }

    /** Reads a hello, refusing a wrong version before waiting for the rest of it. */
    static Hello read(DataInputStream in) throws IOException {
      byte[] hello = new byte[LENGTH];
      hello[0] = (byte) in.readUnsignedByte();
      checkVersion(hello[0] & 0xff);
      // readFully: a hello that ends early is an IOException like any broken link.
      in.readFully(hello, 1, LENGTH - 1);
      return parse(hello);
    }

    /** Parses a whole hello; every malformed one is a {@link LinkRefusedException}. */
    static Hello parse(byte[] hello) throws LinkRefusedException {
      if (hello.length != LENGTH) {
        throw new LinkRefusedException(
            "hello of " + hello.length + " bytes (expected: " + LENGTH + ")");
      }
      checkVersion(hello[0] & 0xff);
      ByteBuffer in = ByteBuffer.wrap(hello, 1, LENGTH - 1);
      byte[] keyBytes = new byte[PublicKey.LENGTH];
      in.get(keyBytes);
      PublicKey key;
      try {
        key = PublicKey.of(keyBytes);
      } catch (IllegalArgumentException e) {
        throw new LinkRefusedException("the peer's key is malformed: " + e.getMessage());
      }
      int port = in.getShort() & 0xffff;
      byte[] nonce = new byte[NONCE_LENGTH];
      in.get(nonce);
      byte[] signature = new byte[SIGNATURE_LENGTH];
      in.get(signature);
      return new Hello(key, port, nonce, signature);
    }

    private static void checkVersion(int version) throws LinkRefusedException {
      if (version != VERSION) {
        throw new LinkRefusedException("link version " + version + " (expected: " + VERSION + ")");
      }
    }
  }

  private LinkHandshake() {}

  /**
   * Runs the exchange on an established TLS connection.
   *
   * @param certificates the keys of the TLS certificates both sides presented
   * @param expected the key the caller meant to reach (outbound links), compared by its encryption
   *     half when only that half is known
   */
  static Peer run(
      DataInputStream in,
      DataOutputStream out,
      NodeKeyPair own,
      int ownClandestinePort,
      boolean initiator,
      CertificateKeys certificates,
      Optional<PublicKey> expected,
      SecureRandom random)
      throws IOException {
    byte[] ownNonce = new byte[Hello.NONCE_LENGTH];
    random.nextBytes(ownNonce);
    out.write(
        new Hello(
                own.publicKey(),
                ownClandestinePort,
                ownNonce,
                own.sign(keySignatureMessage(certificates.own())))
            .encode());
    out.flush();

    Hello hello = Hello.read(in);
    PublicKey peer = hello.key();
    int peerPort = hello.clandestinePort();
    byte[] peerNonce = hello.nonce();
    if (!NodeKeyPair.verify(peer, keySignatureMessage(certificates.peer()), hello.keySignature())) {
      throw new LinkRefusedException(
          "the peer claims a key that did not sign its TLS certificate's key");
    }
    if (peer.sameNodeAs(own.publicKey())) {
      throw new LinkRefusedException("the peer claims this Node's own key");
    }
    if (expected.isPresent() && !matches(expected.get(), peer)) {
      throw new LinkRefusedException("reached " + peer + " instead of " + expected.get());
    }
    byte[] initiatorNonce = initiator ? ownNonce : peerNonce;
    byte[] responderNonce = initiator ? peerNonce : ownNonce;
    byte[] linkKey = linkKey(own, peer, initiator);
    out.write(proof(linkKey, initiator ? 1 : 2, initiatorNonce, responderNonce));
    out.flush();
    byte[] peerProof = in.readNBytes(32);
    if (!MessageDigest.isEqual(
        peerProof, proof(linkKey, initiator ? 2 : 1, initiatorNonce, responderNonce))) {
      throw new LinkRefusedException("the peer could not prove its encryption key");
    }
    return new Peer(peer, peerPort);
  }

  /** What a Node key signs to vouch for the key of its TLS certificate. */
  static byte[] keySignatureMessage(byte[] certificateKey) {
    byte[] message =
        Arrays.copyOf(KEY_SIGNATURE_LABEL, KEY_SIGNATURE_LABEL.length + certificateKey.length);
    System.arraycopy(certificateKey, 0, message, KEY_SIGNATURE_LABEL.length, certificateKey.length);
    return message;
  }

  private static boolean matches(PublicKey expected, PublicKey actual) {
    return expected.isFirstContact() ? expected.sameNodeAs(actual) : expected.equals(actual);
  }

  private static byte[] linkKey(NodeKeyPair own, PublicKey peer, boolean initiator)
      throws IOException {
    byte[] secret;
    try {
      secret = own.staticSecretWith(peer);
    } catch (CryptoException e) {
      throw new LinkRefusedException("the peer's encryption key is unusable: " + e.getMessage());
    }
    byte[] first = initiator ? own.publicKey().bytes() : peer.bytes();
    byte[] second = initiator ? peer.bytes() : own.publicKey().bytes();
    byte[] info = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, info, first.length, second.length);
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(secret, SALT, info));
    byte[] key = new byte[32];
    hkdf.generateBytes(key, 0, key.length);
    return key;
  }

  private static byte[] proof(byte[] key, int role, byte[] initiatorNonce, byte[] responderNonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((byte) role);
      mac.update(initiatorNonce);
      mac.update(responderNonce);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
    }
  }
}
