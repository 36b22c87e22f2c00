package org.jmasq.automap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.wire.DecoderContract.refusalOf;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jmasq.wire.DecodeException;
import org.junit.jupiter.api.Test;

class SsdpTest {
  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void the_search_asks_for_an_internet_gateway_device_on_the_multicast_group() {
    String search = new String(Ssdp.search(Ssdp.IGD_1, 2), StandardCharsets.US_ASCII);
    assertThat(search)
        .startsWith("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n")
        .contains("MAN: \"ssdp:discover\"\r\n", "MX: 2\r\n", "ST: " + Ssdp.IGD_1 + "\r\n")
        .endsWith("\r\n\r\n");
  }

  @Test
  void an_answer_gives_its_location_whatever_the_case_of_its_headers() throws Exception {
    Ssdp.SearchAnswer answer =
        Ssdp.decodeAnswer(
            ascii(
                "HTTP/1.1 200 OK\r\ncache-control: max-age=60\r\nLocation:"
                    + " HTTP://192.168.1.1:5000/rootDesc.xml\r\nst: "
                    + Ssdp.IGD_1
                    + "\r\n\r\n"));
    assertThat(answer.location()).isEqualTo(URI.create("http://192.168.1.1:5000/rootDesc.xml"));
    assertThat(answer.searchTarget()).isEqualTo(Ssdp.IGD_1);
    assertThat(Ssdp.decodeAnswer(Ssdp.encode(answer))).isEqualTo(answer);
  }

  @Test
  void an_answer_without_a_usable_location_is_refused() {
    assertThat(refusalOf(Ssdp::decodeAnswer, ascii("HTTP/1.1 200 OK\r\nST: x\r\n\r\n")).kind())
        .isEqualTo(DecodeException.Kind.TRUNCATED);
    for (String location :
        new String[] {
          "https://192.168.1.1/d.xml", "file:///etc/passwd", "http:///x", "::", "http://h:99999/"
        }) {
      assertThat(
              refusalOf(
                      Ssdp::decodeAnswer,
                      ascii("HTTP/1.1 200 OK\r\nLOCATION: " + location + "\r\n\r\n"))
                  .kind())
          .as(location)
          .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    }
  }

  @Test
  void a_search_a_bad_header_too_many_headers_or_too_many_bytes_are_refused() {
    assertThat(refusalOf(Ssdp::decodeAnswer, Ssdp.search(Ssdp.IGD_1, 1)).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    assertThat(refusalOf(Ssdp::decodeAnswer, ascii("HTTP/1.1 200 OK\r\nno colon\r\n\r\n")).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    assertThat(
            refusalOf(Ssdp::decodeAnswer, ascii("HTTP/1.1 200 OK\r\n" + "A: b\r\n".repeat(33)))
                .kind())
        .isEqualTo(DecodeException.Kind.TOO_LONG);
    assertThat(refusalOf(Ssdp::decodeAnswer, new byte[Ssdp.MAX_ANSWER + 1]).kind())
        .isEqualTo(DecodeException.Kind.TOO_LONG);
  }
}
