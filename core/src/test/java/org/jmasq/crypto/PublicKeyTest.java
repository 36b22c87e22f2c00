package org.jmasq.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublicKeyTest {
  private static byte[] counting(int from) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  @Test
  void a_key_is_its_encryption_half_then_its_signing_half() {
    PublicKey key = PublicKey.of(counting(0), counting(100));
    assertThat(key.encryptionKey()).isEqualTo(counting(0));
    assertThat(key.signingKey()).isEqualTo(counting(100));
    assertThat(PublicKey.of(key.bytes())).isEqualTo(key);
  }

  @Test
  void a_first_contact_key_names_the_same_node_as_the_whole_key() {
    PublicKey whole = PublicKey.of(counting(0), counting(100));
    PublicKey firstContact = PublicKey.firstContact(counting(0));
    assertThat(firstContact.isFirstContact()).isTrue();
    assertThat(whole.isFirstContact()).isFalse();
    assertThat(firstContact.sameNodeAs(whole)).isTrue();
    assertThat(firstContact).isNotEqualTo(whole);
    assertThat(PublicKey.firstContact(counting(1)).sameNodeAs(whole)).isFalse();
  }

  @Test
  void keys_of_the_wrong_length_are_refused() {
    assertThatThrownBy(() -> PublicKey.of(new byte[63]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("63 bytes");
    assertThatThrownBy(() -> PublicKey.of(new byte[31], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PublicKey.firstContact(new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_key_does_not_share_its_bytes_with_callers() {
    byte[] raw = new byte[64];
    PublicKey key = PublicKey.of(raw);
    raw[0] = 1;
    key.bytes()[1] = 1;
    assertThat(key.bytes()).isEqualTo(new byte[64]);
  }

  @Test
  void the_descriptor_form_is_43_base64url_characters_of_the_encryption_half() {
    PublicKey key = PublicKey.of(counting(0), counting(100));
    assertThat(key.toDescriptorForm())
        .hasSize(43)
        .isEqualTo(PublicKey.firstContact(counting(0)).toDescriptorForm());
    assertThat(key.toBase64()).hasSize(86);
  }
}
