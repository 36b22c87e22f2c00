package org.jmasq.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jmasq.wire.DecoderContract.refusalOf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireWriter;
import org.junit.jupiter.api.Test;

/** The maximum on every payload length field, and the codes and flags a decoder must refuse. */
class PayloadLimitsTest {
  private static final StreamKey STREAM = StreamKey.of(new byte[StreamKey.LENGTH]);
  private static final PublicKey ORIGINATOR = PublicKey.of(new byte[PublicKey.LENGTH]);
  private static final SequencedPacket EMPTY = new SequencedPacket(new byte[0], 0, false);

  private static WireWriter header(int type) {
    return new WireWriter().u8(type).u16(0).u16(1);
  }

  private static WireWriter requestUpToHostname() {
    WireWriter out = header(1).fixed(STREAM.bytes());
    return out.u64(0).bool(false).bytesU32(new byte[0], 0);
  }

  private static ClientRequest request(Optional<String> host) {
    return new ClientRequest(STREAM, EMPTY, host, 443, ProxyProtocol.TLS, ORIGINATOR);
  }

  private static DecodeException.Kind refusalKind(byte[] bytes) {
    return refusalOf(MessageType::decode, bytes).kind();
  }

  private static GossipNodeRecord record(int signedLength) {
    return new GossipNodeRecord(new byte[signedLength], new byte[64], Optional.empty());
  }

  @Test
  void a_hostname_of_253_bytes_is_the_longest_allowed() throws Exception {
    ClientRequest longest = request(Optional.of("a".repeat(253)));
    assertThat(MessageType.decode(longest.encode())).isEqualTo(longest);
    assertThatThrownBy(() -> request(Optional.of("a".repeat(254))))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] wire =
        requestUpToHostname()
            .textU8("a".repeat(254), 255)
            .u16(443)
            .u8(1)
            .fixed(ORIGINATOR.bytes())
            .toByteArray();
    assertThat(refusalKind(wire)).isEqualTo(DecodeException.Kind.TOO_LONG);
  }

  @Test
  void a_hostname_with_characters_no_host_name_has_is_refused() {
    for (String bad : new String[] {"a b", "host\r\nX-Injected: 1", "ex/ample", "", "bücher.de"}) {
      assertThatThrownBy(() -> request(Optional.of(bad)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] wire =
        requestUpToHostname()
            .textU8("a b", 253)
            .u16(443)
            .u8(1)
            .fixed(ORIGINATOR.bytes())
            .toByteArray();
    assertThat(refusalKind(wire)).isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void a_hostname_that_is_not_utf8_is_refused() {
    byte[] wire =
        requestUpToHostname()
            .bytesU8(new byte[] {'a', (byte) 0xff}, 253)
            .u16(443)
            .u8(1)
            .fixed(ORIGINATOR.bytes())
            .toByteArray();
    assertThat(refusalKind(wire)).isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void an_unknown_protocol_is_refused_as_an_unknown_code() {
    byte[] wire =
        requestUpToHostname()
            .textU8("", 253)
            .u16(443)
            .u8(2)
            .fixed(ORIGINATOR.bytes())
            .toByteArray();
    assertThat(refusalKind(wire)).isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
  }

  @Test
  void a_target_port_must_be_a_port() {
    assertThatThrownBy(
            () ->
                new ClientRequest(
                    STREAM, EMPTY, Optional.empty(), 65536, ProxyProtocol.HTTP, ORIGINATOR))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void packet_data_of_64_kib_is_the_most_allowed() throws Exception {
    ClientResponse largest =
        new ClientResponse(
            STREAM, new SequencedPacket(new byte[SequencedPacket.MAX_DATA], 9, true));
    assertThat(MessageType.decode(largest.encode())).isEqualTo(largest);
    assertThatThrownBy(() -> new SequencedPacket(new byte[SequencedPacket.MAX_DATA + 1], 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] wire =
        header(2)
            .fixed(STREAM.bytes())
            .u64(0)
            .bool(false)
            .u32(SequencedPacket.MAX_DATA + 1L)
            .toByteArray();
    assertThat(refusalKind(wire)).isEqualTo(DecodeException.Kind.TOO_LONG);
    byte[] huge = header(2).fixed(STREAM.bytes()).u64(0).bool(false).u32(0xffffffffL).toByteArray();
    assertThat(refusalKind(huge)).isEqualTo(DecodeException.Kind.TOO_LONG);
  }

  @Test
  void a_sequence_number_above_2_to_the_63_is_refused() {
    byte[] wire = header(2).fixed(STREAM.bytes()).u64(-1L).bool(false).u32(0).toByteArray();
    assertThat(refusalKind(wire)).isEqualTo(DecodeException.Kind.INVALID_FIELD);
    assertThatThrownBy(() -> new SequencedPacket(new byte[0], -1, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_last_data_flag_other_than_zero_or_one_is_refused() {
    byte[] wire = header(2).fixed(STREAM.bytes()).u64(0).u8(2).u32(0).toByteArray();
    assertThat(refusalKind(wire)).isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void gossip_of_1000_records_is_the_most_allowed() throws Exception {
    List<GossipNodeRecord> records = new ArrayList<>();
    for (int i = 0; i < Gossip.MAX_RECORDS; i++) {
      records.add(record(1));
    }
    Gossip largest = new Gossip(records);
    assertThat(MessageType.decode(largest.encode())).isEqualTo(largest);
    records.add(record(1));
    assertThatThrownBy(() -> new Gossip(records)).isInstanceOf(IllegalArgumentException.class);
    assertThat(refusalKind(header(4).u16(Gossip.MAX_RECORDS + 1).toByteArray()))
        .isEqualTo(DecodeException.Kind.TOO_LONG);
    assertThat(refusalKind(header(4).u16(0xffff).toByteArray()))
        .isEqualTo(DecodeException.Kind.TOO_LONG);
  }

  @Test
  void signed_data_of_2048_bytes_is_the_most_a_record_may_carry() throws Exception {
    Gossip largest = new Gossip(List.of(record(GossipNodeRecord.MAX_SIGNED_DATA)));
    assertThat(MessageType.decode(largest.encode())).isEqualTo(largest);
    assertThatThrownBy(() -> record(GossipNodeRecord.MAX_SIGNED_DATA + 1))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] wire = header(4).u16(1).u16(GossipNodeRecord.MAX_SIGNED_DATA + 1).toByteArray();
    assertThat(refusalKind(wire)).isEqualTo(DecodeException.Kind.TOO_LONG);
  }

  @Test
  void a_record_signature_is_64_bytes() {
    assertThatThrownBy(() -> new GossipNodeRecord(new byte[0], new byte[63], Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_record_address_flag_other_than_zero_or_one_is_refused() {
    byte[] wire = header(4).u16(1).u16(0).fixed(new byte[64]).u8(2).toByteArray();
    assertThat(refusalKind(wire)).isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void an_exit_failure_detail_of_200_utf8_bytes_is_the_longest_allowed() throws Exception {
    ExitFailure longest = new ExitFailure(STREAM, ExitFailure.Reason.UNREACHABLE, "é".repeat(100));
    assertThat("é".repeat(100).getBytes(StandardCharsets.UTF_8)).hasSize(200);
    assertThat(MessageType.decode(longest.encode())).isEqualTo(longest);
    assertThatThrownBy(
            () -> new ExitFailure(STREAM, ExitFailure.Reason.UNREACHABLE, "é".repeat(100) + "x"))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] wire = header(6).fixed(STREAM.bytes()).u8(3).textU8("x".repeat(201), 255).toByteArray();
    assertThat(refusalKind(wire)).isEqualTo(DecodeException.Kind.TOO_LONG);
  }

  @Test
  void unknown_failure_reasons_are_refused_as_unknown_codes() {
    assertThat(refusalKind(header(6).fixed(STREAM.bytes()).u8(0).u8(0).toByteArray()))
        .isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
    assertThat(refusalKind(header(6).fixed(STREAM.bytes()).u8(5).u8(0).toByteArray()))
        .isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
    assertThat(refusalKind(header(5).u8(5).toByteArray()))
        .isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
  }

  @Test
  void every_reference_gossip_failure_reason_round_trips() throws Exception {
    for (GossipFailure.Reason reason : GossipFailure.Reason.values()) {
      assertThat(MessageType.decode(new GossipFailure(reason).encode()))
          .isEqualTo(new GossipFailure(reason));
    }
  }
}
