package org.jmasq.node.link;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
 * already proven the Ed25519 half of each key (it signs the link certificate); the proof below
 * proves the X25519 half, which only the key's owner can use to compute the static secret.
 *
 * <pre>
 * Hello  (each side, at once)           Proof (each side, after the peer's Hello)
 *  0   version u8 = 1                     0  HMAC-SHA256 (32)
 *  1   public key (64)
 *  65  clandestine port u16 (0 = none)    key  = HKDF-SHA256(X25519(own, peer), salt "jmasq/1 link",
 *  67  nonce (32)                                info = initiator key ‖ responder key)
 *                                         data = role u8 (1 initiator, 2 responder) ‖
 *                                                initiator nonce ‖ responder nonce
 * </pre>
 */
final class LinkHandshake {
  static final int VERSION = 1;
  private static final byte[] SALT = "jmasq/1 link".getBytes(StandardCharsets.US_ASCII);

  /** The peer as the handshake proved it. */
  record Peer(PublicKey key, int clandestinePort) {}

  /** What a side claims before proving anything: its key, its clandestine port and a nonce. */
  record Hello(PublicKey key, int clandestinePort, byte[] nonce) {
    static final int NONCE_LENGTH = 32;
    static final int LENGTH = 1 + PublicKey.LENGTH + 2 + NONCE_LENGTH;

    Hello {
      if (clandestinePort < 0 || clandestinePort > 0xffff || nonce.length != NONCE_LENGTH) {
        throw new IllegalArgumentException("hello: port " + clandestinePort + ", nonce length");
      }
      nonce = nonce.clone();
    }

    @Override
    public byte[] nonce() {
      return nonce.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hello h
          && key.equals(h.key)
          && clandestinePort == h.clandestinePort
          && Arrays.equals(nonce, h.nonce);
    }

    @Override
    public int hashCode() {
      return key.hashCode() * 31 + clandestinePort + Arrays.hashCode(nonce);
    }

    @Override
    public String toString() {
      return "Hello[" + key + ", port " + clandestinePort + "]";
    }

    byte[] encode() {
      byte[] out = new byte[LENGTH];
      out[0] = VERSION;
      System.arraycopy(key.bytes(), 0, out, 1, PublicKey.LENGTH);
      out[1 + PublicKey.LENGTH] = (byte) (clandestinePort >>> 8);
      out[2 + PublicKey.LENGTH] = (byte) clandestinePort;
      System.arraycopy(nonce, 0, out, LENGTH - NONCE_LENGTH, NONCE_LENGTH);
      return out;
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
      PublicKey key = PublicKey.of(Arrays.copyOfRange(hello, 1, 1 + PublicKey.LENGTH));
      int port = ((hello[1 + PublicKey.LENGTH] & 0xff) << 8) | (hello[2 + PublicKey.LENGTH] & 0xff);
      return new Hello(key, port, Arrays.copyOfRange(hello, LENGTH - NONCE_LENGTH, LENGTH));
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
   * @param expected the key the caller meant to reach (outbound links), compared by its encryption
   *     half when only that half is known
   */
  static Peer run(
      DataInputStream in,
      DataOutputStream out,
      NodeKeyPair own,
      int ownClandestinePort,
      boolean initiator,
      byte[] tlsPeerSigningKey,
      Optional<PublicKey> expected,
      SecureRandom random)
      throws IOException {
    byte[] ownNonce = new byte[Hello.NONCE_LENGTH];
    random.nextBytes(ownNonce);
    out.write(new Hello(own.publicKey(), ownClandestinePort, ownNonce).encode());
    out.flush();

    Hello hello = Hello.read(in);
    PublicKey peer = hello.key();
    int peerPort = hello.clandestinePort();
    byte[] peerNonce = hello.nonce();
    if (!MessageDigest.isEqual(peer.signingKey(), tlsPeerSigningKey)) {
      throw new LinkRefusedException("the peer claims a key its TLS certificate does not prove");
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
