package org.jmasq.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class NodeKeyPairTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] MESSAGE = "a node record".getBytes(StandardCharsets.UTF_8);

  @Test
  void a_key_pair_restored_from_its_secret_string_is_the_same_key_pair() throws Exception {
    NodeKeyPair original = NodeKeyPair.generate(RANDOM);
    NodeKeyPair restored = NodeKeyPair.fromSecretString(original.toSecretString());
    assertThat(restored.publicKey()).isEqualTo(original.publicKey());
    assertThat(restored.toSecretString()).isEqualTo(original.toSecretString());
    assertThat(NodeKeyPair.verify(original.publicKey(), MESSAGE, restored.sign(MESSAGE))).isTrue();
    byte[] sealed = EnvelopeSealer.to(original.publicKey(), RANDOM).seal(MESSAGE);
    assertThat(new EnvelopeOpener(restored, 4).open(sealed).plaintext()).isEqualTo(MESSAGE);
  }

  @Test
  void the_secret_string_is_two_base64url_parts_of_32_bytes() {
    String[] parts = NodeKeyPair.generate(RANDOM).toSecretString().split(",");
    assertThat(parts).hasSize(2);
    for (String part : parts) {
      assertThat(part).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(Base64.getUrlDecoder().decode(part)).hasSize(32);
    }
  }

  @Test
  void a_malformed_secret_string_is_refused() {
    String good = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    String short16 = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);
    for (String bad :
        new String[] {
          "", good, good + "," + good + "," + good, good + "," + short16, good + ",*" + good
        }) {
      assertThatThrownBy(() -> NodeKeyPair.fromSecretString(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void two_generated_key_pairs_differ_in_both_halves() {
    PublicKey a = NodeKeyPair.generate(RANDOM).publicKey();
    PublicKey b = NodeKeyPair.generate(RANDOM).publicKey();
    assertThat(a.encryptionKey()).isNotEqualTo(b.encryptionKey());
    assertThat(a.signingKey()).isNotEqualTo(b.signingKey());
    assertThat(a.isFirstContact()).isFalse();
  }

  @Property(tries = 50)
  void a_signature_verifies_with_the_signers_key(@ForAll @Size(max = 300) byte[] message) {
    NodeKeyPair signer = NodeKeyPair.generate(RANDOM);
    assertThat(NodeKeyPair.verify(signer.publicKey(), message, signer.sign(message))).isTrue();
  }

  @Property(tries = 50)
  void a_signature_does_not_verify_for_another_message(
      @ForAll @Size(min = 1, max = 300) byte[] message,
      @ForAll @IntRange(min = 0, max = 299) int at) {
    NodeKeyPair signer = NodeKeyPair.generate(RANDOM);
    byte[] signature = signer.sign(message);
    byte[] altered = message.clone();
    altered[at % altered.length] ^= 1;
    assertThat(NodeKeyPair.verify(signer.publicKey(), altered, signature)).isFalse();
  }

  @Property(tries = 50)
  void a_forged_signature_does_not_verify(
      @ForAll @IntRange(min = 0, max = 63) int at, @ForAll @IntRange(min = 1, max = 255) int flip) {
    NodeKeyPair signer = NodeKeyPair.generate(RANDOM);
    byte[] forged = signer.sign(MESSAGE);
    forged[at] ^= (byte) flip;
    assertThat(NodeKeyPair.verify(signer.publicKey(), MESSAGE, forged)).isFalse();
  }

  @Test
  void a_signature_by_another_key_does_not_verify() {
    NodeKeyPair signer = NodeKeyPair.generate(RANDOM);
    NodeKeyPair impostor = NodeKeyPair.generate(RANDOM);
    assertThat(NodeKeyPair.verify(signer.publicKey(), MESSAGE, impostor.sign(MESSAGE))).isFalse();
  }

  @Test
  void a_signature_of_the_wrong_length_does_not_verify() {
    NodeKeyPair signer = NodeKeyPair.generate(RANDOM);
    byte[] signature = signer.sign(MESSAGE);
    assertThat(
            NodeKeyPair.verify(signer.publicKey(), MESSAGE, java.util.Arrays.copyOf(signature, 63)))
        .isFalse();
    assertThat(
            NodeKeyPair.verify(signer.publicKey(), MESSAGE, java.util.Arrays.copyOf(signature, 65)))
        .isFalse();
  }

  @Test
  void nothing_verifies_against_a_first_contact_key() {
    NodeKeyPair signer = NodeKeyPair.generate(RANDOM);
    PublicKey firstContact = PublicKey.firstContact(signer.publicKey().encryptionKey());
    assertThat(NodeKeyPair.verify(firstContact, MESSAGE, signer.sign(MESSAGE))).isFalse();
  }

  @Property(tries = 100)
  void random_signing_halves_and_signatures_never_verify_and_never_throw(
      @ForAll @Size(value = 32) byte[] signingHalf, @ForAll @Size(value = 64) byte[] signature) {
    PublicKey key = PublicKey.of(new byte[32], signingHalf);
    assertThat(NodeKeyPair.verify(key, MESSAGE, signature)).isFalse();
  }
}
