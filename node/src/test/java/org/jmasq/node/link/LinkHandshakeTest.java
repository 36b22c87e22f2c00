package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.junit.jupiter.api.Test;

/**
 * The Hello as it leaves, and a peer's Hello cut short: a refused link, never a runtime exception.
 */
class LinkHandshakeTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static void runAgainst(byte[] hello) throws IOException {
    runAgainst(hello, new ByteArrayOutputStream());
  }

  private static void runAgainst(byte[] hello, OutputStream sent) throws IOException {
    NodeKeyPair own = NodeKeyPair.generate(RANDOM);
    LinkHandshake.run(
        new DataInputStream(new ByteArrayInputStream(hello)),
        new DataOutputStream(sent),
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

  @Test
  void the_hello_leaves_in_one_write_so_tls_sends_it_as_one_record() {
    List<Integer> writes = new ArrayList<>();
    OutputStream recorder =
        new OutputStream() {
          @Override
          public void write(int b) {
            writes.add(1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes.add(len);
          }
        };

    assertThatThrownBy(() -> runAgainst(new byte[0], recorder)).isInstanceOf(IOException.class);

    assertThat(writes).containsExactly(LinkHandshake.HELLO_LENGTH);
  }
}
