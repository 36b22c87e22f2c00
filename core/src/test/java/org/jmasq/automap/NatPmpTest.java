package org.jmasq.automap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.wire.DecoderContract.everyTruncationIsRefused;
import static org.jmasq.wire.DecoderContract.refusalOf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.jmasq.wire.DecodeException;
import org.junit.jupiter.api.Test;

class NatPmpTest {
  private static final HexFormat HEX = HexFormat.of();

  static Inet4Address ip(String literal) throws Exception {
    return (Inet4Address) InetAddress.getByName(literal);
  }

  @Test
  void the_requests_have_the_rfc_layout() {
    assertThat(HEX.formatHex(NatPmp.encode(new NatPmp.ExternalAddressRequest()))).isEqualTo("0000");
    assertThat(HEX.formatHex(NatPmp.encode(new NatPmp.MapRequest(5555, 5555, 600))))
        .isEqualTo("0002000015b315b300000258");
  }

  @Test
  void the_answers_are_read_as_a_router_writes_them() throws Exception {
    assertThat(NatPmp.decodeAnswer(HEX.parseHex("0080000000000e10cb007107")))
        .isEqualTo(new NatPmp.ExternalAddressAnswer(3600, ip("203.0.113.7")));
    assertThat(NatPmp.decodeAnswer(HEX.parseHex("0082000000000e1015b315b400000258")))
        .isEqualTo(new NatPmp.MapAnswer(3600, 5555, 5556, 600));
  }

  @Test
  void every_answer_and_request_survives_a_round_trip() throws Exception {
    for (NatPmp.Answer answer :
        new NatPmp.Answer[] {
          new NatPmp.ExternalAddressAnswer(0xffffffffL, ip("100.128.0.1")),
          new NatPmp.MapAnswer(7, 1025, 65535, 0),
          new NatPmp.Refusal(2, 4, 9),
          new NatPmp.Refusal(0, 70, 9)
        }) {
      assertThat(NatPmp.decodeAnswer(NatPmp.encode(answer))).isEqualTo(answer);
    }
    for (NatPmp.Request request :
        new NatPmp.Request[] {
          new NatPmp.ExternalAddressRequest(), new NatPmp.MapRequest(1, 0, 0)
        }) {
      assertThat(NatPmp.decodeRequest(NatPmp.encode(request))).isEqualTo(request);
    }
  }

  @Test
  void a_refusal_is_a_value_with_its_meaning_even_when_its_code_is_unknown() throws Exception {
    NatPmp.Answer refused = NatPmp.decodeAnswer(HEX.parseHex("0082000200000005"));
    assertThat(refused).isEqualTo(new NatPmp.Refusal(2, 2, 5));
    assertThat(((NatPmp.Refusal) refused).result()).isEqualTo(NatPmp.Result.NOT_AUTHORIZED);
    assertThat(new NatPmp.Refusal(2, 99, 5).result()).isEqualTo(NatPmp.Result.OTHER);
  }

  @Test
  void every_truncated_answer_is_refused_as_truncated() throws Exception {
    everyTruncationIsRefused(
        NatPmp::decodeAnswer,
        NatPmp.encode(new NatPmp.MapAnswer(1, 2, 3, 4)),
        DecodeException.Kind.TRUNCATED);
    everyTruncationIsRefused(
        NatPmp::decodeAnswer,
        NatPmp.encode(new NatPmp.ExternalAddressAnswer(1, ip("192.0.2.1"))),
        DecodeException.Kind.TRUNCATED);
  }

  @Test
  void an_answer_of_another_version_an_unknown_opcode_or_too_long_is_refused() {
    assertThat(refusalOf(NatPmp::decodeAnswer, HEX.parseHex("0280000000000000")).kind())
        .isEqualTo(DecodeException.Kind.UNSUPPORTED_VERSION);
    assertThat(refusalOf(NatPmp::decodeAnswer, HEX.parseHex("0081000000000000")).kind())
        .isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
    assertThat(refusalOf(NatPmp::decodeAnswer, HEX.parseHex("0002000015b315b300000258")).kind())
        .isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
    assertThat(refusalOf(NatPmp::decodeAnswer, new byte[NatPmp.MAX_ANSWER + 1]).kind())
        .isEqualTo(DecodeException.Kind.TOO_LONG);
  }

  @Test
  void a_request_a_router_cannot_take_is_refused() {
    assertThat(refusalOf(NatPmp::decodeRequest, HEX.parseHex("0001000015b315b300000258")).kind())
        .isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
    assertThat(refusalOf(NatPmp::decodeRequest, HEX.parseHex("0002000100b315b300000258")).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    assertThat(refusalOf(NatPmp::decodeRequest, HEX.parseHex("00020000000015b300000258")).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    assertThat(refusalOf(NatPmp::decodeRequest, HEX.parseHex("000000")).kind())
        .isEqualTo(DecodeException.Kind.TRAILING_BYTES);
  }
}
