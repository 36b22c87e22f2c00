package org.jmasq.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.junit.jupiter.api.Test;

/** Each payload type against the byte diagram in its class doc, byte for byte. */
class PayloadLayoutTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private static final StreamKey STREAM = StreamKey.of(filled(20, 0x5a));
  private static final String STREAM_HEX = "5a".repeat(20);

  private static String hex(MessageType message) {
    return HEX.formatHex(message.encode());
  }

  @Test
  void a_client_request_is_laid_out_as_documented() {
    ClientRequest request =
        new ClientRequest(
            STREAM,
            new SequencedPacket(new byte[] {(byte) 0xaa, (byte) 0xbb}, 258, true),
            Optional.of("ex.org"),
            443,
            ProxyProtocol.TLS,
            PublicKey.of(filled(64, 0x11)));
    assertThat(hex(request))
        .isEqualTo(
            "01"
                + "0000"
                + "0001"
                + STREAM_HEX
                + "0000000000000102"
                + "01"
                + "00000002"
                + "aabb"
                + "06"
                + HEX.formatHex("ex.org".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                + "01bb"
                + "01"
                + "11".repeat(64));
  }

  @Test
  void a_client_request_without_a_hostname_has_a_zero_length() {
    ClientRequest request =
        new ClientRequest(
            STREAM,
            new SequencedPacket(new byte[0], 0, false),
            Optional.empty(),
            80,
            ProxyProtocol.HTTP,
            PublicKey.of(filled(64, 0x11)));
    assertThat(hex(request))
        .isEqualTo(
            "01"
                + "0000"
                + "0001"
                + STREAM_HEX
                + "0000000000000000"
                + "00"
                + "00000000"
                + "00"
                + "0050"
                + "00"
                + "11".repeat(64));
  }

  @Test
  void a_client_response_is_laid_out_as_documented() {
    ClientResponse response =
        new ClientResponse(STREAM, new SequencedPacket(new byte[] {7}, 1, false));
    assertThat(hex(response))
        .isEqualTo(
            "02" + "0000" + "0001" + STREAM_HEX + "0000000000000001" + "00" + "00000001" + "07");
  }

  @Test
  void a_dns_resolve_failure_is_laid_out_as_documented() {
    assertThat(hex(new DnsResolveFailure(STREAM))).isEqualTo("03" + "0000" + "0001" + STREAM_HEX);
  }

  @Test
  void gossip_is_laid_out_as_documented() throws Exception {
    GossipNodeRecord withAddress =
        new GossipNodeRecord(
            new byte[] {1, 2, 3},
            filled(64, 0x22),
            Optional.of(NodeAddr.of(InetAddress.getByName("9.8.7.6"), 6642)));
    GossipNodeRecord withoutAddress =
        new GossipNodeRecord(new byte[0], filled(64, 0x33), Optional.empty());
    assertThat(hex(new Gossip(List.of(withAddress, withoutAddress))))
        .isEqualTo(
            "04"
                + "0000"
                + "0001"
                + "0002"
                + "0003"
                + "010203"
                + "22".repeat(64)
                + "01"
                + "04"
                + "09080706"
                + "01"
                + "19f2"
                + "0000"
                + "33".repeat(64)
                + "00");
  }

  @Test
  void a_gossip_failure_is_laid_out_as_documented() {
    assertThat(hex(new GossipFailure(GossipFailure.Reason.NO_NEIGHBORS)))
        .isEqualTo("05" + "0000" + "0001" + "00");
    assertThat(hex(new GossipFailure(GossipFailure.Reason.NO_SUITABLE_NEIGHBORS))).endsWith("01");
    assertThat(hex(new GossipFailure(GossipFailure.Reason.MANUAL_REJECTION))).endsWith("02");
    assertThat(hex(new GossipFailure(GossipFailure.Reason.UNKNOWN))).endsWith("03");
    assertThat(hex(new GossipFailure(GossipFailure.Reason.IP_TAKEN))).endsWith("04");
  }

  @Test
  void an_exit_failure_is_laid_out_as_documented() {
    assertThat(hex(new ExitFailure(STREAM, ExitFailure.Reason.REFUSED_BY_POLICY, "no")))
        .isEqualTo("06" + "0000" + "0001" + STREAM_HEX + "01" + "02" + "6e6f");
    assertThat(hex(new ExitFailure(STREAM, ExitFailure.Reason.CONNECTION_REFUSED, "")))
        .endsWith("0200");
    assertThat(hex(new ExitFailure(STREAM, ExitFailure.Reason.UNREACHABLE, ""))).endsWith("0300");
    assertThat(hex(new ExitFailure(STREAM, ExitFailure.Reason.TIMED_OUT, ""))).endsWith("0400");
  }

  @Test
  void stream_ack_is_stream_key_then_originator_key_then_written_then_window_at_0_2() {
    org.jmasq.crypto.PublicKey key = org.jmasq.crypto.PublicKey.of(new byte[64]);
    assertThat(hex(new StreamAck(STREAM, key, 0x0102030405L, 8L << 20)))
        .isEqualTo(
            "07"
                + "0000"
                + "0002"
                + STREAM_HEX
                + "00".repeat(64)
                + "0000000102030405"
                + "00800000");
  }

  @Test
  void a_0_1_stream_ack_has_no_window_and_is_read_with_the_default() throws Exception {
    org.jmasq.crypto.PublicKey key = org.jmasq.crypto.PublicKey.of(new byte[64]);
    byte[] old =
        java.util.HexFormat.of()
            .parseHex("07" + "0000" + "0001" + STREAM_HEX + "00".repeat(64) + "0000000102030405");

    assertThat(MessageType.decode(old))
        .isEqualTo(new StreamAck(STREAM, key, 0x0102030405L, StreamAck.DEFAULT_WINDOW));
    byte[] trailing = java.util.Arrays.copyOf(old, old.length + 4);
    assertThatThrownBy(() -> MessageType.decode(trailing))
        .isInstanceOf(org.jmasq.wire.DecodeException.class);
  }

  @Test
  void a_stream_ack_window_outside_its_bounds_is_refused() {
    byte[] zero =
        java.util.HexFormat.of()
            .parseHex(
                "07"
                    + "0000"
                    + "0002"
                    + STREAM_HEX
                    + "00".repeat(64)
                    + "0000000102030405"
                    + "00000000");

    assertThatThrownBy(() -> MessageType.decode(zero))
        .isInstanceOf(org.jmasq.wire.DecodeException.class)
        .hasMessageContaining("ack.window");
  }
}
