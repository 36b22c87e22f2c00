package org.jmasq.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import org.jmasq.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class StreamKeyTest {
  private static final byte[] SALT = {1, 2, 3, 4, 5, 6, 7, 8};

  private static PublicKey key(int fill) {
    byte[] b = new byte[64];
    java.util.Arrays.fill(b, (byte) fill);
    return PublicKey.of(b);
  }

  private static InetSocketAddress client(int port) throws Exception {
    return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 7}), port);
  }

  @Test
  void a_stream_key_is_sha1_of_key_ip_little_endian_port_and_salt() throws Exception {
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    sha1.update(key(3).bytes());
    sha1.update(new byte[] {10, 0, 0, 7});
    sha1.update(new byte[] {0x34, 0x12});
    sha1.update(SALT);
    assertThat(StreamKey.derive(key(3), client(0x1234), SALT).bytes()).isEqualTo(sha1.digest());
  }

  @Test
  void streams_differ_by_originator_client_port_and_salt() throws Exception {
    StreamKey base = StreamKey.derive(key(3), client(5000), SALT);
    assertThat(StreamKey.derive(key(3), client(5000), SALT)).isEqualTo(base);
    assertThat(StreamKey.derive(key(4), client(5000), SALT)).isNotEqualTo(base);
    assertThat(StreamKey.derive(key(3), client(5001), SALT)).isNotEqualTo(base);
    assertThat(StreamKey.derive(key(3), client(5000), new byte[8])).isNotEqualTo(base);
  }

  @Test
  void a_stream_key_is_20_bytes() {
    assertThatThrownBy(() -> StreamKey.of(new byte[19]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] raw = new byte[20];
    StreamKey key = StreamKey.of(raw);
    raw[0] = 1;
    assertThat(key.bytes()).isEqualTo(new byte[20]);
  }
}
