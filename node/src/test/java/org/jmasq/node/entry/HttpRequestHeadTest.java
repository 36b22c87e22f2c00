package org.jmasq.node.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jmasq.node.proxyserver.StreamIsolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing a proxy request head, where it goes, and what the origin server is sent. */
@Timeout(5)
class HttpRequestHeadTest {

  /** Reads {@code text} the way the entry does: the first byte is already taken off the stream. */
  private static HttpRequestHead read(String text) throws IOException, HttpRequestHead.BadRequest {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayInputStream in = new ByteArrayInputStream(b, 1, b.length - 1);
    return HttpRequestHead.read(in, b[0] & 0xff);
  }

  private static HttpRequestHead.Destination destinationOf(String text) throws Exception {
    return read(text).destination();
  }

  private static int refusalStatus(String text) {
    try {
      read(text).destination();
    } catch (HttpRequestHead.BadRequest e) {
      return e.status;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted: " + text);
  }

  @Test
  void a_head_is_split_into_request_line_and_headers() throws Exception {
    HttpRequestHead head =
        read("GET http://example.com/a?b=c HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n");
    assertThat(head.method()).isEqualTo("GET");
    assertThat(head.target()).isEqualTo("http://example.com/a?b=c");
    assertThat(head.version()).isEqualTo("HTTP/1.1");
    assertThat(head.headers()).containsExactly("Host: example.com", "Accept: */*");
    assertThat(head.header("ACCEPT")).contains("*/*");
    assertThat(head.header("Cookie")).isEmpty();
  }

  @Test
  void reading_stops_at_the_blank_line_and_leaves_the_body_on_the_stream() throws Exception {
    byte[] b =
        "POST http://h/ HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody"
            .getBytes(StandardCharsets.US_ASCII);
    ByteArrayInputStream in = new ByteArrayInputStream(b, 1, b.length - 1);
    HttpRequestHead.read(in, 'P');
    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("body");
  }

  @ParameterizedTest(name = "{0} goes to {1}:{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET http://example.com/x HTTP/1.1   | example.com | 80",
        "GET http://example.com HTTP/1.1     | example.com | 80",
        "GET HTTP://Example.com:8080/ HTTP/1.0 | Example.com | 8080",
        "GET http://127.0.0.1:81/ HTTP/1.1   | 127.0.0.1   | 81",
        "GET http://[::1]:8080/ HTTP/1.1     | ::1         | 8080",
        "CONNECT example.com:443 HTTP/1.1    | example.com | 443",
        "CONNECT [2001:db8::1]:443 HTTP/1.1  | 2001:db8::1 | 443",
        "CONNECT 10.0.0.1:22 HTTP/1.1        | 10.0.0.1    | 22",
      })
  void the_destination_of_an_absolute_uri_or_connect_is_its_authority(
      String line, String host, int port) throws Exception {
    assertThat(destinationOf(line.strip() + "\r\nHost: ignored.example\r\n\r\n"))
        .isEqualTo(new HttpRequestHead.Destination(host, port));
  }

  @ParameterizedTest(name = "Host: {0} goes to {1}:{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "example.com       | example.com | 80",
        "example.com:8443  | example.com | 8443",
        "[2001:db8::2]     | 2001:db8::2 | 80",
        "[2001:db8::2]:81  | 2001:db8::2 | 81",
      })
  void the_destination_of_an_origin_form_request_is_its_host_header(
      String hostHeader, String host, int port) throws Exception {
    assertThat(
            destinationOf("GET /index.html HTTP/1.1\r\nhost: " + hostHeader.strip() + "\r\n\r\n"))
        .isEqualTo(new HttpRequestHead.Destination(host, port));
  }

  @Test
  void a_connect_without_a_port_is_refused() {
    assertThat(refusalStatus("CONNECT example.com HTTP/1.1\r\n\r\n")).isEqualTo(400);
    assertThat(refusalStatus("CONNECT [2001:db8::1] HTTP/1.1\r\n\r\n")).isEqualTo(400);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CONNECT example.com:https HTTP/1.1",
        "CONNECT example.com:0 HTTP/1.1",
        "CONNECT example.com:65536 HTTP/1.1",
      })
  void a_connect_with_a_malformed_or_out_of_range_port_is_refused(String line) {
    assertThat(refusalStatus(line + "\r\n\r\n")).isEqualTo(400);
  }

  @Test
  void an_https_absolute_uri_is_refused_since_tls_must_use_connect() throws Exception {
    HttpRequestHead head = read("GET https://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n");
    assertThatThrownBy(head::destination)
        .isInstanceOfSatisfying(
            HttpRequestHead.BadRequest.class, e -> assertThat(e.status).isEqualTo(400))
        .hasMessageContaining("CONNECT");
  }

  @Test
  void an_origin_form_request_without_a_host_header_is_refused() {
    assertThat(refusalStatus("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n")).isEqualTo(400);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "hello there",
        "GET / HTTP/1.1 extra",
        "GET /",
        "GET / SPDY/3",
        "GET  / HTTP/1.1",
        "GET / HTTP/2.0",
      })
  void a_malformed_request_line_is_refused_with_400(String line) {
    assertThatThrownBy(() -> read(line + "\r\nHost: h\r\n\r\n"))
        .isInstanceOfSatisfying(
            HttpRequestHead.BadRequest.class, e -> assertThat(e.status).isEqualTo(400));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"no colon here", ": starts with a colon", "' '"})
  void a_malformed_header_line_is_refused_with_400(String header) {
    assertThatThrownBy(() -> read("GET http://h/ HTTP/1.1\r\n" + header + "\r\n\r\n"))
        .isInstanceOfSatisfying(
            HttpRequestHead.BadRequest.class, e -> assertThat(e.status).isEqualTo(400));
  }

  @Test
  void a_head_that_ends_before_its_blank_line_is_refused_with_400() {
    assertThatThrownBy(() -> read("GET http://h/ HTTP/1.1\r\nHost: h\r\n"))
        .isInstanceOfSatisfying(
            HttpRequestHead.BadRequest.class, e -> assertThat(e.status).isEqualTo(400));
  }

  @Test
  void a_head_larger_than_64_kib_is_refused_with_431() {
    String huge =
        "GET http://h/ HTTP/1.1\r\nCookie: " + "a".repeat(HttpRequestHead.MAX_HEAD) + "\r\n\r\n";
    assertThatThrownBy(() -> read(huge))
        .isInstanceOfSatisfying(
            HttpRequestHead.BadRequest.class, e -> assertThat(e.status).isEqualTo(431));
  }

  @Test
  void a_head_just_under_64_kib_is_read() throws Exception {
    String start = "GET http://h/ HTTP/1.1\r\nCookie: ";
    String fits = start + "a".repeat(HttpRequestHead.MAX_HEAD - start.length() - 4) + "\r\n\r\n";
    assertThat(fits).hasSize(HttpRequestHead.MAX_HEAD);
    assertThat(read(fits).header("Cookie")).isPresent();
  }

  @Test
  void the_origin_is_sent_the_path_only_and_no_proxy_or_connection_headers() throws Exception {
    HttpRequestHead head =
        read(
            "GET http://example.com:8080/a/b?c=d HTTP/1.1\r\n"
                + "Host: example.com:8080\r\n"
                + "Proxy-Connection: keep-alive\r\n"
                + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                + "Connection: keep-alive\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "User-Agent: test\r\n\r\n");
    assertThat(new String(head.forOrigin(), StandardCharsets.ISO_8859_1))
        .isEqualTo(
            "GET /a/b?c=d HTTP/1.1\r\n"
                + "Host: example.com:8080\r\n"
                + "User-Agent: test\r\n"
                + "Connection: close\r\n\r\n");
  }

  @Test
  void the_origin_is_sent_a_host_header_taken_from_the_uri_when_the_client_sent_none()
      throws Exception {
    HttpRequestHead head = read("GET http://example.com:8080/x HTTP/1.0\r\nAccept: */*\r\n\r\n");
    assertThat(new String(head.forOrigin(), StandardCharsets.ISO_8859_1))
        .isEqualTo(
            "GET /x HTTP/1.0\r\nAccept: */*\r\nHost: example.com:8080\r\nConnection: close\r\n\r\n");
  }

  @Test
  void an_absolute_uri_without_a_path_is_sent_to_the_origin_as_slash() throws Exception {
    HttpRequestHead head = read("GET http://example.com HTTP/1.1\r\n\r\n");
    assertThat(new String(head.forOrigin(), StandardCharsets.ISO_8859_1))
        .isEqualTo("GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
  }

  @Test
  void an_absolute_uri_with_a_query_but_no_path_keeps_its_query_and_a_clean_host()
      throws Exception {
    HttpRequestHead head = read("GET http://example.com:8080?q=1 HTTP/1.1\r\n\r\n");
    assertThat(head.destination()).isEqualTo(new HttpRequestHead.Destination("example.com", 8080));
    assertThat(new String(head.forOrigin(), StandardCharsets.ISO_8859_1))
        .isEqualTo("GET /?q=1 HTTP/1.1\r\nHost: example.com:8080\r\nConnection: close\r\n\r\n");
  }

  @Test
  void user_info_in_an_absolute_uri_is_not_sent_in_the_host_header() throws Exception {
    HttpRequestHead head = read("GET http://user:secret@example.com/x HTTP/1.1\r\n\r\n");
    assertThat(head.destination()).isEqualTo(new HttpRequestHead.Destination("example.com", 80));
    assertThat(new String(head.forOrigin(), StandardCharsets.ISO_8859_1))
        .isEqualTo("GET /x HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
  }

  @Test
  void an_origin_form_request_keeps_its_path_and_host_header() throws Exception {
    HttpRequestHead head =
        read("HEAD /p HTTP/1.1\r\nHost: example.com\r\nConnection: Upgrade\r\n\r\n");
    assertThat(new String(head.forOrigin(), StandardCharsets.ISO_8859_1))
        .isEqualTo("HEAD /p HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
  }

  @Test
  void reading_a_large_head_allocates_a_few_times_its_size_not_a_string_per_byte()
      throws Exception {
    // Found by HttpRequestHeadFuzzTest: a substring per byte read made ~50 bytes of garbage each.
    String head = "GET / HTTP/1.1\r\nX: " + "a".repeat(60_000) + "\r\n\r\n";
    read(head); // warms up: class loading is not the parser's allocation
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    read(head);
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(16L * head.length());
  }

  private static StreamIsolation isolationOf(String header) throws Exception {
    return read("GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n" + header + "\r\n")
        .isolation();
  }

  @Test
  void proxy_authorization_names_the_identity_basic_as_its_username_and_password()
      throws Exception {
    String alice =
        java.util.Base64.getEncoder()
            .encodeToString("alice:one".getBytes(StandardCharsets.US_ASCII));
    StreamIsolation basic = isolationOf("Proxy-Authorization: Basic " + alice + "\r\n");

    assertThat(basic)
        .as("the same identity as SOCKS5 alice/one")
        .isEqualTo(
            StreamIsolation.of(
                "alice".getBytes(StandardCharsets.US_ASCII),
                "one".getBytes(StandardCharsets.US_ASCII)));
    assertThat(isolationOf("proxy-authorization:   basic " + alice + "\r\n")).isEqualTo(basic);
    assertThat(isolationOf("")).isEqualTo(StreamIsolation.NONE);
    assertThat(isolationOf("Proxy-Authorization: Bearer abc\r\n"))
        .isEqualTo(StreamIsolation.ofToken("Bearer abc"))
        .isNotEqualTo(StreamIsolation.NONE)
        .isNotEqualTo(isolationOf("Proxy-Authorization: Bearer abd\r\n"));
    assertThat(isolationOf("Proxy-Authorization: Basic !!notbase64\r\n"))
        .isEqualTo(StreamIsolation.ofToken("Basic !!notbase64"));
    assertThat(
            isolationOf(
                "Proxy-Authorization: Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString("bob:one".getBytes(StandardCharsets.US_ASCII))
                    + "\r\n"))
        .isNotEqualTo(basic);
  }
}
