package org.jmasq.automap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.wire.DecoderContract.everyTruncationIsRefused;
import static org.jmasq.wire.DecoderContract.refusalOf;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.jmasq.wire.DecodeException;
import org.junit.jupiter.api.Test;

class PcpTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Nonce NONCE = new Nonce(HEX.parseHex("0102030405060708090a0b0c"));

  static Pcp.MapAnswer granted() throws Exception {
    return new Pcp.MapAnswer(
        600, 1234, NONCE, Pcp.TCP, 5555, 5555, InetAddress.getByName("100.128.0.1"));
  }

  @Test
  void a_map_request_has_the_rfc_layout_with_ipv4_mapped_addresses() throws Exception {
    byte[] bytes =
        Pcp.encode(
            new Pcp.MapRequest(
                600,
                InetAddress.getByName("192.168.1.10"),
                NONCE,
                5555,
                5555,
                InetAddress.getByName("0.0.0.0")));
    assertThat(HEX.formatHex(bytes))
        .isEqualTo(
            "02010000"
                + "00000258"
                + "00000000000000000000ffffc0a8010a"
                + "0102030405060708090a0b0c"
                + "06000000"
                + "15b315b3"
                + "00000000000000000000ffff00000000");
    assertThat(Pcp.decodeRequest(bytes).clientAddress())
        .isEqualTo(InetAddress.getByName("192.168.1.10"));
  }

  @Test
  void a_granted_mapping_survives_a_round_trip_with_its_nonce_and_address() throws Exception {
    byte[] bytes = Pcp.encode(granted());
    assertThat(bytes).hasSize(60);
    Pcp.Answer again = Pcp.decodeAnswer(bytes);
    assertThat(again).isEqualTo(granted());
    assertThat(((Pcp.MapAnswer) again).externalAddress().getHostAddress()).isEqualTo("100.128.0.1");
  }

  @Test
  void an_error_answer_of_only_a_header_is_a_value() throws Exception {
    Pcp.ErrorAnswer error = new Pcp.ErrorAnswer(1, 8, 30, 99);
    byte[] bytes = Pcp.encode(error);
    assertThat(bytes).hasSize(24);
    assertThat(Pcp.decodeAnswer(bytes)).isEqualTo(error);
    assertThat(error.result()).isEqualTo(Pcp.Result.NO_RESOURCES);
    assertThat(new Pcp.ErrorAnswer(1, 200, 0, 0).result()).isEqualTo(Pcp.Result.OTHER);
  }

  @Test
  void a_nat_pmp_only_router_answers_with_its_own_version() throws Exception {
    byte[] natPmpRefusal = HEX.parseHex("0081000100000000");
    assertThat(Pcp.decodeAnswer(natPmpRefusal)).isEqualTo(new Pcp.OtherVersion(0));
    assertThat(Pcp.encode(new Pcp.OtherVersion(0))).isEqualTo(natPmpRefusal);
  }

  @Test
  void options_after_the_map_body_are_walked_and_a_broken_one_is_refused() throws Exception {
    byte[] body = Pcp.encode(granted());
    byte[] withOption = Arrays.copyOf(body, 60 + 8);
    withOption[60] = 2; // an option of 2 bytes, padded to 4
    withOption[63] = 2;
    assertThat(Pcp.decodeAnswer(withOption)).isEqualTo(granted());
    withOption[63] = 9;
    assertThat(refusalOf(Pcp::decodeAnswer, withOption).kind())
        .isEqualTo(DecodeException.Kind.TRUNCATED);
  }

  @Test
  void every_truncation_of_a_granted_mapping_is_refused() throws Exception {
    byte[] bytes = Pcp.encode(granted());
    // A prefix of a multiple of 4 is truncated; any other length breaks PCP's 4-byte rule.
    everyTruncationIsRefused(Pcp::decodeAnswer, bytes, null);
  }

  @Test
  void a_request_a_long_answer_an_odd_length_and_an_unknown_opcode_are_refused() throws Exception {
    byte[] bytes = Pcp.encode(granted());
    byte[] request = bytes.clone();
    request[1] = 1;
    assertThat(refusalOf(Pcp::decodeAnswer, request).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    byte[] announce = bytes.clone();
    announce[1] = (byte) 0x80;
    assertThat(refusalOf(Pcp::decodeAnswer, announce).kind())
        .isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
    assertThat(refusalOf(Pcp::decodeAnswer, Arrays.copyOf(bytes, 61)).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    byte[] huge = new byte[Pcp.MAX_MESSAGE + 4];
    huge[0] = 2;
    assertThat(refusalOf(Pcp::decodeAnswer, huge).kind()).isEqualTo(DecodeException.Kind.TOO_LONG);
    assertThat(refusalOf(Pcp::decodeAnswer, new byte[] {0, 1, 2}).kind())
        .isEqualTo(DecodeException.Kind.TRUNCATED);
  }

  @Test
  void a_router_refuses_a_request_for_another_protocol_or_port_zero() throws Exception {
    byte[] request =
        Pcp.encode(
            new Pcp.MapRequest(
                0, InetAddress.getByName("::1"), NONCE, 1, 0, InetAddress.getByName("::")));
    byte[] udp = request.clone();
    udp[36] = 17;
    assertThat(refusalOf(Pcp::decodeRequest, udp).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    byte[] portZero = request.clone();
    portZero[41] = 0;
    assertThat(refusalOf(Pcp::decodeRequest, portZero).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }
}
