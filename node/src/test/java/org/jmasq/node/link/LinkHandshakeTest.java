package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.junit.jupiter.api.Test;

/**
 * A peer's hello that is cut short is a refused link (an IOException), never a runtime exception.
 */
class LinkHandshakeTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static void runAgainst(byte[] hello) throws IOException {
    NodeKeyPair own = NodeKeyPair.generate(RANDOM);
    LinkHandshake.run(
        new DataInputStream(new ByteArrayInputStream(hello)),
        new DataOutputStream(new ByteArrayOutputStream()),
        own,
        4000,
        true,
        new LinkHandshake.CertificateKeys(new byte[91], new byte[91]),
        Optional.empty(),
        RANDOM);
  }

  @Test
  void a_hello_that_ends_anywhere_before_its_last_byte_is_refused_as_an_io_error() {
    PublicKey peer = NodeKeyPair.generate(RANDOM).publicKey();
    byte[] full = new byte[LinkHandshake.HELLO_LENGTH];
    full[0] = LinkHandshake.VERSION;
    System.arraycopy(peer.bytes(), 0, full, 1, PublicKey.LENGTH);
    for (int length :
        new int[] {
          0,
          1,
          10,
          PublicKey.LENGTH,
          PublicKey.LENGTH + 1,
          PublicKey.LENGTH + 3,
          PublicKey.LENGTH + 40,
          full.length - 1
        }) {
      byte[] cut = Arrays.copyOf(full, length);
      assertThatThrownBy(() -> runAgainst(cut))
          .as("a hello of %d bytes", length)
          .isInstanceOf(IOException.class);
    }
  }
}
