package org.jmasq.node.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SOCKS5 codec driven with bytes only, no socket. The version byte of the greeting is consumed
 * by the entry.
 */
@Timeout(5)
class Socks5Test {

  private static ByteArrayInputStream bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return new ByteArrayInputStream(b);
  }

  private static ByteArrayInputStream request(
      int command, int addressType, byte[] address, int port) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(5);
    out.write(command);
    out.write(0);
    out.write(addressType);
    out.writeBytes(address);
    out.write(port >>> 8);
    out.write(port & 0xff);
    return new ByteArrayInputStream(out.toByteArray());
  }

  private static byte[] domain(String name) {
    byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[ascii.length + 1];
    out[0] = (byte) ascii.length;
    System.arraycopy(ascii, 0, out, 1, ascii.length);
    return out;
  }

  @Test
  void a_greeting_that_offers_no_auth_among_other_methods_gets_no_auth() throws IOException {
    assertThat(Socks5.readGreeting(bytes(2, 0x00, 0x80))).isEqualTo(Socks5.METHOD_NO_AUTH);
  }

  @Test
  void a_greeting_that_offers_username_password_gets_it_for_isolation() throws IOException {
    assertThat(Socks5.readGreeting(bytes(3, 0x02, 0x00, 0x80)))
        .isEqualTo(Socks5.METHOD_USERNAME_PASSWORD);
    assertThat(Socks5.readGreeting(bytes(1, 0x02))).isEqualTo(Socks5.METHOD_USERNAME_PASSWORD);
  }

  @Test
  void a_greeting_with_no_method_the_entry_speaks_is_not_accepted() throws IOException {
    assertThat(Socks5.readGreeting(bytes(0))).isEqualTo(Socks5.NO_ACCEPTABLE_METHOD);
    assertThat(Socks5.readGreeting(bytes(1, 0x01))).isEqualTo(Socks5.NO_ACCEPTABLE_METHOD);
  }

  @Test
  void credentials_are_read_exactly_and_a_truncated_or_other_version_is_refused() throws Exception {
    ByteArrayInputStream in = bytes(1, 5, 'a', 'l', 'i', 'c', 'e', 2, 'p', 'w', 0x05);
    Socks5.Credentials credentials = Socks5.readCredentials(in);
    assertThat(new String(credentials.username(), StandardCharsets.US_ASCII)).isEqualTo("alice");
    assertThat(new String(credentials.password(), StandardCharsets.US_ASCII)).isEqualTo("pw");
    assertThat(in.available()).isEqualTo(1);

    assertThatThrownBy(() -> Socks5.readCredentials(bytes(1, 5, 'a', 'l')))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> Socks5.readCredentials(bytes(2, 1, 'a', 0)))
        .isInstanceOf(Socks5.HandshakeException.class);
    assertThatThrownBy(() -> Socks5.readCredentials(bytes(1, 0, 0)))
        .isInstanceOf(Socks5.HandshakeException.class);
    assertThat(Socks5.credentialsAccepted()).containsExactly(0x01, 0x00);
  }

  @Test
  void the_greeting_consumes_exactly_its_own_bytes() throws IOException {
    ByteArrayInputStream in = bytes(2, 0x01, 0x00, 0x05, 0x01);
    Socks5.readGreeting(in);
    assertThat(in.available()).isEqualTo(2);
  }

  @Test
  void the_method_reply_names_the_chosen_method() {
    assertThat(Socks5.methodReply(Socks5.METHOD_NO_AUTH)).containsExactly(0x05, 0x00);
    assertThat(Socks5.methodReply(Socks5.NO_ACCEPTABLE_METHOD)).containsExactly(0x05, 0xff);
  }

  @Test
  void a_connect_to_an_ipv4_address_gives_its_dotted_form_and_port() throws Exception {
    Socks5.ConnectRequest r =
        Socks5.readRequest(request(1, 1, new byte[] {93, (byte) 184, (byte) 216, 34}, 8080));
    assertThat(r).isEqualTo(new Socks5.ConnectRequest("93.184.216.34", 8080));
  }

  @Test
  void a_connect_to_a_domain_name_keeps_the_name_unresolved() throws Exception {
    Socks5.ConnectRequest r = Socks5.readRequest(request(1, 3, domain("example.invalid"), 443));
    assertThat(r).isEqualTo(new Socks5.ConnectRequest("example.invalid", 443));
  }

  @Test
  void a_connect_to_an_ipv6_address_gives_its_textual_form() throws Exception {
    byte[] v6 = new byte[16];
    v6[0] = 0x20;
    v6[1] = 0x01;
    v6[2] = 0x0d;
    v6[3] = (byte) 0xb8;
    v6[15] = 1;
    Socks5.ConnectRequest r = Socks5.readRequest(request(1, 4, v6, 65535));
    assertThat(r).isEqualTo(new Socks5.ConnectRequest("2001:db8:0:0:0:0:0:1", 65535));
  }

  @Test
  void the_request_consumes_exactly_its_own_bytes_so_client_data_that_follows_is_kept()
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    request(1, 1, new byte[] {1, 2, 3, 4}, 80).transferTo(out);
    out.writeBytes("GET /".getBytes(StandardCharsets.US_ASCII));
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    Socks5.readRequest(in);
    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("GET /");
  }

  @ParameterizedTest(name = "command {0}")
  @ValueSource(ints = {2, 3, 0, 9})
  void bind_udp_associate_and_unknown_commands_are_refused_with_reply_7(int command) {
    assertThatThrownBy(() -> Socks5.readRequest(request(command, 1, new byte[] {1, 2, 3, 4}, 80)))
        .isInstanceOfSatisfying(
            Socks5.HandshakeException.class, e -> assertThat(e.reply).isEqualTo(7));
  }

  @ParameterizedTest(name = "address type {0}")
  @ValueSource(ints = {0, 2, 5, 0xff})
  void an_unknown_address_type_is_refused_with_reply_8(int addressType) {
    assertThatThrownBy(
            () -> Socks5.readRequest(request(1, addressType, new byte[] {1, 2, 3, 4}, 80)))
        .isInstanceOfSatisfying(
            Socks5.HandshakeException.class, e -> assertThat(e.reply).isEqualTo(8));
  }

  @Test
  void a_request_with_another_version_is_refused_as_a_general_failure() {
    assertThatThrownBy(() -> Socks5.readRequest(bytes(4, 1, 0, 1, 1, 2, 3, 4, 0, 80)))
        .isInstanceOfSatisfying(
            Socks5.HandshakeException.class, e -> assertThat(e.reply).isEqualTo(1));
  }

  @Test
  void a_greeting_that_ends_before_its_methods_is_an_end_of_stream() {
    assertThatThrownBy(() -> Socks5.readGreeting(bytes(3, 0))).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> Socks5.readGreeting(bytes())).isInstanceOf(EOFException.class);
  }

  @Test
  void every_truncation_of_a_connect_request_fails_with_an_io_exception_rather_than_waiting()
      throws IOException {
    byte[][] whole = {
      request(1, 1, new byte[] {1, 2, 3, 4}, 80).readAllBytes(),
      request(1, 3, domain("example.invalid"), 80).readAllBytes(),
      request(1, 4, new byte[16], 80).readAllBytes(),
    };
    for (byte[] full : whole) {
      for (int length = 0; length < full.length; length++) {
        byte[] cut = Arrays.copyOf(full, length);
        assertThatThrownBy(() -> Socks5.readRequest(new ByteArrayInputStream(cut)))
            .as("request cut to %d of %d bytes", length, full.length)
            .isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void a_reply_is_ten_bytes_with_the_code_and_an_unspecified_ipv4_bind_address() {
    assertThat(Socks5.reply(0)).containsExactly(5, 0, 0, 1, 0, 0, 0, 0, 0, 0);
    assertThat(Socks5.reply(7)).containsExactly(5, 7, 0, 1, 0, 0, 0, 0, 0, 0);
  }
}
