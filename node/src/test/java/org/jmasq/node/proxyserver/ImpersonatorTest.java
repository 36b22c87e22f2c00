package org.jmasq.node.proxyserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.jmasq.node.proxyserver.StreamFailure.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The answers a client gets, in its own protocol, when its stream fails. */
class ImpersonatorTest {

  private static String page(Kind kind, String host, String detail) {
    return new String(
        Impersonator.httpResponse(new StreamFailure(kind, host, detail)), StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} is a {1} page titled {2}")
  @CsvSource({
    "NO_ROUTE,           503, Routing Problem",
    "DNS_FAILURE,        503, DNS Resolution Problem",
    "REFUSED_BY_POLICY,  403, Target Refused",
    "CONNECTION_REFUSED, 502, Connection Refused",
    "UNREACHABLE,        502, Target Unreachable",
    "TIMED_OUT,          504, Timed Out",
    "NO_CONSUMING_WALLET, 402, Consuming Wallet Required",
    "CONSUMING_WALLET_UNFUNDED, 402, Consuming Wallet Unfunded",
    "NO_EXIT_IN_COUNTRY, 503, Exit Location Problem",
  })
  void each_failure_has_its_own_status_and_title(Kind kind, int status, String title) {
    String response = page(kind, "example.com", "some detail");
    assertThat(response).startsWith("HTTP/1.1 " + status + " ");
    assertThat(response)
        .contains("<title>Error " + status + "</title>", "<h2>Title: " + title + "</h2>");
    assertThat(response).contains("example.com");
  }

  @Test
  void the_dns_page_uses_the_reference_wording() {
    assertThat(page(Kind.DNS_FAILURE, "nowhere.invalid", ""))
        .contains("<h3>Subtitle: Exit Nodes couldn't resolve &quot;nowhere.invalid&quot;</h3>")
        .contains("all have failed to resolve this address nowhere.invalid");
  }

  @Test
  void the_policy_page_carries_the_exit_reason_and_names_the_flag_that_lifts_it() {
    assertThat(page(Kind.REFUSED_BY_POLICY, "127.0.0.1", "127.0.0.1 is a loopback address"))
        .contains("127.0.0.1 is a loopback address. Exits refuse loopback")
        .contains("--allow-private-targets");
  }

  @Test
  void the_unfunded_wallet_page_says_why_and_how_to_be_served_again() {
    assertThat(page(Kind.CONSUMING_WALLET_UNFUNDED, "example.com", "Your wallet holds no MASQ."))
        .contains("Your wallet holds no MASQ.")
        .contains("--new-payer-credit")
        .contains("Send MASQ and gas to the wallet");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void the_content_length_is_the_number_of_body_bytes_and_the_connection_closes(Kind kind) {
    byte[] all = Impersonator.httpResponse(new StreamFailure(kind, "h\u00e9st", "d\u00e9tail"));
    String text = new String(all, StandardCharsets.UTF_8);
    int bodyStart = text.indexOf("\r\n\r\n") + 4;
    String head = text.substring(0, bodyStart);
    int headBytes = head.getBytes(StandardCharsets.UTF_8).length;
    assertThat(head).contains("Content-Type: text/html\r\n", "Connection: close\r\n");
    assertThat(head).contains("Content-Length: " + (all.length - headBytes) + "\r\n");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_hostile_host_name_or_detail_is_escaped_in_every_page(Kind kind) {
    String hostile = "<script>alert(\"x\")</script>&";
    String response = page(kind, hostile, hostile);
    String body = response.substring(response.indexOf("\r\n\r\n") + 4);
    assertThat(body).doesNotContain("<script>", "\"x\"");
    assertThat(body).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;");
  }

  @ParameterizedTest(name = "{0} is TLS alert {1}")
  @CsvSource({
    "DNS_FAILURE,        112",
    "REFUSED_BY_POLICY,  49",
    "NO_ROUTE,           80",
    "CONNECTION_REFUSED, 80",
    "UNREACHABLE,        80",
    "TIMED_OUT,          80",
    "NO_CONSUMING_WALLET, 80",
    "CONSUMING_WALLET_UNFUNDED, 80",
    "NO_EXIT_IN_COUNTRY, 49",
  })
  void a_tunnel_failure_is_one_fatal_tls_alert_record(Kind kind, int description) {
    assertThat(Impersonator.tlsAlert(new StreamFailure(kind, "h", "")))
        .containsExactly(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, description);
  }

  @ParameterizedTest(name = "{0} is SOCKS reply {1}")
  @CsvSource({
    "NO_ROUTE,           3",
    "DNS_FAILURE,        4",
    "UNREACHABLE,        4",
    "REFUSED_BY_POLICY,  2",
    "CONNECTION_REFUSED, 5",
    "TIMED_OUT,          6",
    "NO_CONSUMING_WALLET, 2",
    "CONSUMING_WALLET_UNFUNDED, 2",
    "NO_EXIT_IN_COUNTRY, 2",
  })
  void a_socks_failure_is_the_rfc_1928_reply_code(Kind kind, int reply) {
    assertThat(Impersonator.socksReply(kind)).isEqualTo(reply);
  }

  @Test
  void a_failure_after_an_early_success_is_told_in_the_protocol_the_client_speaks() {
    StreamFailure refused = new StreamFailure(Kind.CONNECTION_REFUSED, "example.com", "");
    byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00};

    assertThat(Impersonator.inProtocolOf(hello, refused)).contains(Impersonator.tlsAlert(refused));
    assertThat(
            Impersonator.inProtocolOf(
                "GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII), refused))
        .contains(Impersonator.httpResponse(refused));
    assertThat(Impersonator.inProtocolOf("PO".getBytes(StandardCharsets.US_ASCII), refused))
        .as("a first read that holds only part of the method")
        .contains(Impersonator.httpResponse(refused));
    assertThat(Impersonator.inProtocolOf("SSH-2.0-".getBytes(StandardCharsets.US_ASCII), refused))
        .isEmpty();
    assertThat(Impersonator.inProtocolOf(new byte[0], refused)).isEmpty();
  }
}
