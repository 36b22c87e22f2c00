package org.jmasq.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Checks the envelope against its documented construction with an independent implementation (the
 * JDK's X25519, HMAC and AES-GCM rather than BouncyCastle), so the layout in {@link Envelope} and
 * in the protocol document is what the code really emits.
 */
class EnvelopeLayoutTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] x25519(byte[] secretScalar, byte[] peerPublic) throws Exception {
    KeyFactory factory = KeyFactory.getInstance("XDH");
    var privateKey =
        factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, secretScalar));
    byte[] littleEndian = peerPublic.clone();
    for (int i = 0; i < littleEndian.length / 2; i++) {
      byte t = littleEndian[i];
      littleEndian[i] = littleEndian[littleEndian.length - 1 - i];
      littleEndian[littleEndian.length - 1 - i] = t;
    }
    var publicKey =
        factory.generatePublic(
            new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, littleEndian)));
    KeyAgreement agreement = KeyAgreement.getInstance("XDH");
    agreement.init(privateKey);
    agreement.doPhase(publicKey, true);
    return agreement.generateSecret();
  }

  private static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info) throws Exception {
    Mac extract = Mac.getInstance("HmacSHA256");
    extract.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = extract.doFinal(ikm);
    Mac expand = Mac.getInstance("HmacSHA256");
    expand.init(new SecretKeySpec(prk, "HmacSHA256"));
    expand.update(info);
    expand.update((byte) 1);
    return expand.doFinal();
  }

  @Test
  void an_envelope_is_ephemeral_key_nonce_and_aes_gcm_under_the_documented_hkdf_key()
      throws Exception {
    NodeKeyPair recipient = NodeKeyPair.generate(RANDOM);
    byte[] recipientSecret =
        Base64.getUrlDecoder().decode(recipient.toSecretString().split(",")[0]);
    byte[] recipientPublic = recipient.publicKey().encryptionKey();
    byte[] plain = "the documented layout".getBytes(StandardCharsets.US_ASCII);

    byte[] envelope = EnvelopeSealer.to(recipient.publicKey(), RANDOM).seal(plain);

    byte[] ephemeral = Arrays.copyOfRange(envelope, 0, 32);
    byte[] nonce = Arrays.copyOfRange(envelope, 32, 44);
    byte[] salt = new byte[64];
    System.arraycopy(ephemeral, 0, salt, 0, 32);
    System.arraycopy(recipientPublic, 0, salt, 32, 32);
    byte[] aesKey =
        hkdfSha256(
            x25519(recipientSecret, ephemeral),
            salt,
            "jmasq/1 envelope".getBytes(StandardCharsets.US_ASCII));
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(128, nonce));
    assertThat(gcm.doFinal(envelope, 44, envelope.length - 44)).isEqualTo(plain);
    assertThat(envelope).hasSize(32 + 12 + plain.length + 16);
  }

  @Test
  void nonces_are_a_per_sealer_prefix_and_a_big_endian_counter() throws Exception {
    EnvelopeSealer sealer = EnvelopeSealer.to(NodeKeyPair.generate(RANDOM).publicKey(), RANDOM);
    byte[] first = sealer.seal(new byte[0]);
    byte[] second = sealer.seal(new byte[0]);
    assertThat(Arrays.copyOfRange(first, 32, 36)).isEqualTo(Arrays.copyOfRange(second, 32, 36));
    assertThat(Arrays.copyOfRange(first, 36, 44)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
    assertThat(Arrays.copyOfRange(second, 36, 44)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
  }
}
