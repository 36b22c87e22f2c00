package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class LinkHostNameTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void a_nodes_host_name_is_the_same_every_time_and_follows_from_its_encryption_key_alone() {
    PublicKey key = NodeKeyPair.generate(random).publicKey();

    assertThat(LinkHostName.of(key))
        .isEqualTo(LinkHostName.of(key))
        .as("what a dialler knows from a descriptor's first-contact key")
        .isEqualTo(LinkHostName.of(PublicKey.firstContact(key.encryptionKey())));
  }

  @Test
  void a_host_name_is_made_of_words_a_web_site_might_use_and_shows_no_part_of_the_key() {
    for (int i = 0; i < 200; i++) {
      PublicKey key = NodeKeyPair.generate(random).publicKey();
      String name = LinkHostName.of(key);

      assertThat(name)
          .matches("(www\\.|cdn\\.|api\\.|static\\.|app\\.)?[a-z]{6,14}\\.(com|net|org|io)");
      String hex = HexFormat.of().formatHex(key.bytes());
      for (int at = 0; at + 4 <= hex.length(); at += 4) {
        assertThat(name).doesNotContain(hex.substring(at, at + 4));
      }
    }
  }

  @Test
  void different_nodes_almost_always_have_different_host_names() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      names.add(LinkHostName.of(NodeKeyPair.generate(random).publicKey()));
    }

    assertThat(names).hasSizeGreaterThan(950);
  }
}
