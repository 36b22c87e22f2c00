package org.jmasq.testbed.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv4HeaderTest {

  @Test
  void a_well_formed_packet_gives_its_lengths_and_addresses() {
    byte[] packet = Packets.ipv4("192.0.2.1", "198.51.100.7", 84);

    assertThat(Ipv4Header.read(packet, packet.length))
        .isEqualTo(
            new Ipv4Header(
                20, 84, Ipv4Address.parse("192.0.2.1"), Ipv4Address.parse("198.51.100.7")));
  }

  @Test
  void a_header_with_options_is_read_past_them() {
    byte[] packet = Packets.ipv4("192.0.2.1", "192.0.2.2", 64);
    packet[0] = 0x46;

    assertThat(Ipv4Header.read(packet, packet.length)).isInstanceOf(Ipv4Header.class);
    assertThat(((Ipv4Header) Ipv4Header.read(packet, packet.length)).headerLength()).isEqualTo(24);
  }

  @Test
  void an_ipv6_packet_is_refused_as_not_ipv4() {
    byte[] packet = new byte[60];
    packet[0] = 0x60;

    assertThat(Ipv4Header.read(packet, packet.length))
        .isEqualTo(new Malformed(Malformed.Reason.NOT_IPV4, 6));
  }

  @Test
  void nothing_and_a_stub_are_refused_as_too_short() {
    assertThat(Ipv4Header.read(new byte[0], 0))
        .isEqualTo(new Malformed(Malformed.Reason.TOO_SHORT, 0));
    byte[] stub = Packets.ipv4("192.0.2.1", "192.0.2.2", 20);
    assertThat(Ipv4Header.read(stub, 19)).isEqualTo(new Malformed(Malformed.Reason.TOO_SHORT, 19));
  }

  @Test
  void a_header_length_below_five_words_is_refused() {
    byte[] packet = Packets.ipv4("192.0.2.1", "192.0.2.2", 40);
    packet[0] = 0x44;

    assertThat(Ipv4Header.read(packet, packet.length))
        .isEqualTo(new Malformed(Malformed.Reason.BAD_HEADER_LENGTH, 16));
  }

  @Test
  void a_header_length_past_the_bytes_is_refused_as_truncated() {
    byte[] packet = Packets.ipv4("192.0.2.1", "192.0.2.2", 40);
    packet[0] = 0x4f;

    assertThat(Ipv4Header.read(packet, packet.length))
        .isEqualTo(new Malformed(Malformed.Reason.TRUNCATED, 60));
  }

  @Test
  void a_total_length_other_than_the_bytes_given_is_refused() {
    byte[] packet = Packets.ipv4("192.0.2.1", "192.0.2.2", 40);

    assertThat(Ipv4Header.read(packet, 39))
        .isEqualTo(new Malformed(Malformed.Reason.LENGTH_MISMATCH, 40));
    packet[3] = 10;
    assertThat(Ipv4Header.read(packet, 40))
        .isEqualTo(new Malformed(Malformed.Reason.LENGTH_MISMATCH, 10));
  }

  @Test
  void more_bytes_than_ipv4_can_describe_are_refused_as_too_long() {
    assertThat(Ipv4Header.read(new byte[70_000], 70_000))
        .isEqualTo(new Malformed(Malformed.Reason.TOO_LONG, 70_000));
  }

  @Test
  void a_length_past_the_buffer_is_a_caller_error() {
    assertThatThrownBy(() -> Ipv4Header.read(new byte[10], 11))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void every_single_byte_flip_of_a_header_reads_as_a_header_or_a_refusal() {
    byte[] packet = Packets.ipv4("192.0.2.1", "192.0.2.2", 40);
    for (int i = 0; i < 20; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = packet.clone();
        flipped[i] ^= (byte) (1 << bit);
        assertThat(Ipv4Header.read(flipped, flipped.length)).isNotNull();
      }
    }
  }
}
