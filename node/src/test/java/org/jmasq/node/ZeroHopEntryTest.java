package org.jmasq.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The entry, ProxyServer, Hopper and ProxyClient of one zero-hop Node in this process, driven over
 * loopback sockets by a hand-written SOCKS5 / HTTP client against local servers.
 */
@Timeout(30)
class ZeroHopEntryTest {
  private static final int SOCKET_TIMEOUT_MS = 10_000;
  private static final String ECHO_NAME = "echo.test";
  private static final String ORIGIN_NAME = "origin.test";

  private LocalServers.Echo echo;
  private LocalServers.Origin origin;
  private InProcessNode node;

  @BeforeEach
  void start() throws IOException {
    echo = new LocalServers.Echo();
    origin = new LocalServers.Origin();
    node = startNode(true);
  }

  private static InProcessNode startNode(boolean allowPrivateTargets) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    return new InProcessNode(
        allowPrivateTargets, Map.of(ECHO_NAME, loopback, ORIGIN_NAME, loopback));
  }

  @AfterEach
  void stop() throws IOException {
    node.close();
    echo.close();
    origin.close();
  }

  private Socket connectToEntry(InProcessNode n) throws IOException {
    Socket socket = new Socket();
    socket.connect(n.proxyAddress(), SOCKET_TIMEOUT_MS);
    socket.setSoTimeout(SOCKET_TIMEOUT_MS);
    return socket;
  }

  /** Greets without authentication and asks to CONNECT to {@code host:port}; returns the reply. */
  private static byte[] socksConnect(Socket socket, String host, int port) throws IOException {
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    out.write(new byte[] {5, 1, 0});
    assertThat(in.readNBytes(2)).containsExactly(5, 0);
    out.write(connectRequest(host, port));
    return in.readNBytes(10);
  }

  /** A SOCKS5 CONNECT request to a domain name. */
  private static byte[] connectRequest(String host, int port) {
    byte[] name = host.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(new byte[] {5, 1, 0, 3, (byte) name.length});
    request.writeBytes(name);
    request.write(port >>> 8);
    request.write(port & 0xff);
    return request.toByteArray();
  }

  private static String readAll(Socket socket) throws IOException {
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void a_socks5_connect_by_name_reaches_the_echo_server_and_echoes_what_is_sent() throws Exception {
    try (Socket socket = connectToEntry(node)) {
      assertThat(socksConnect(socket, ECHO_NAME, echo.port()))
          .containsExactly(5, 0, 0, 1, 0, 0, 0, 0, 0, 0);

      socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII))
          .isEqualTo("ping");
    }
  }

  @Test
  void a_socks5_client_with_a_username_and_password_is_accepted_and_reaches_the_server()
      throws Exception {
    try (Socket socket = connectToEntry(node)) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(new byte[] {5, 2, 0, 2});
      assertThat(in.readNBytes(2)).as("username and password chosen").containsExactly(5, 2);
      out.write(new byte[] {1, 5, 'a', 'l', 'i', 'c', 'e', 6, 's', 'e', 'c', 'r', 'e', 't'});
      assertThat(in.readNBytes(2)).as("any credentials accepted").containsExactly(1, 0);
      out.write(connectRequest(ECHO_NAME, echo.port()));
      assertThat(in.readNBytes(10)).containsExactly(5, 0, 0, 1, 0, 0, 0, 0, 0, 0);

      out.write("ping".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
    }
  }

  @Test
  void a_megabyte_comes_back_whole_and_in_order() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(7).nextBytes(data);
    try (Socket socket = connectToEntry(node)) {
      assertThat(socksConnect(socket, ECHO_NAME, echo.port())[1]).isZero();
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try {
                  socket.getOutputStream().write(data);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });

      byte[] echoed = socket.getInputStream().readNBytes(data.length);

      writer.get(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      assertThat(echoed).isEqualTo(data);
    }
  }

  @Test
  void when_the_client_closes_the_server_connection_is_closed_too() throws Exception {
    Socket socket = connectToEntry(node);
    socksConnect(socket, ECHO_NAME, echo.port());
    socket.getOutputStream().write('x');
    assertThat(socket.getInputStream().read()).isEqualTo('x');
    Socket atServer = echo.accepted.poll(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS);

    socket.close();

    assertThat(echo.ended.poll(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isSameAs(atServer);
  }

  @Test
  void when_the_server_closes_the_client_gets_everything_it_sent_and_then_the_end_of_the_stream()
      throws Exception {
    try (Socket socket = connectToEntry(node)) {
      socksConnect(socket, ECHO_NAME, echo.port());
      socket.getOutputStream().write("last words".getBytes(StandardCharsets.US_ASCII));
      assertThat(socket.getInputStream().readNBytes(10))
          .asString(StandardCharsets.US_ASCII)
          .isEqualTo("last words");
      Socket atServer = echo.accepted.poll(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS);

      atServer.close();

      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void a_connect_tunnel_answers_200_and_then_carries_bytes_unchanged() throws Exception {
    try (Socket socket = connectToEntry(node)) {
      socket
          .getOutputStream()
          .write(
              ("CONNECT "
                      + ECHO_NAME
                      + ":"
                      + echo.port()
                      + " HTTP/1.1\r\nHost: "
                      + ECHO_NAME
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(LocalServers.readHead(socket.getInputStream()))
          .isEqualTo("HTTP/1.1 200 OK\r\n\r\n");

      byte[] clientHello = {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5};
      socket.getOutputStream().write(clientHello);
      assertThat(socket.getInputStream().readNBytes(clientHello.length)).isEqualTo(clientHello);
    }
  }

  @Test
  void an_http_proxy_request_reaches_the_origin_in_origin_form_with_connection_close()
      throws Exception {
    try (Socket socket = connectToEntry(node)) {
      socket
          .getOutputStream()
          .write(
              ("GET http://"
                      + ORIGIN_NAME
                      + ":"
                      + origin.port()
                      + "/some/page?q=1 HTTP/1.1\r\n"
                      + "Host: "
                      + ORIGIN_NAME
                      + ":"
                      + origin.port()
                      + "\r\n"
                      + "Proxy-Connection: keep-alive\r\n"
                      + "User-Agent: test\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));

      String answer = readAll(socket);

      assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").endsWith(LocalServers.Origin.BODY);
    }
    String head = origin.heads.poll(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertThat(head)
        .isEqualTo(
            "GET /some/page?q=1 HTTP/1.1\r\n"
                + "Host: "
                + ORIGIN_NAME
                + ":"
                + origin.port()
                + "\r\n"
                + "User-Agent: test\r\n"
                + "Connection: close\r\n\r\n");
  }

  @Test
  void a_socks4_greeting_is_refused_with_a_socks4_rejection_and_closed() throws Exception {
    try (Socket socket = connectToEntry(node)) {
      socket.getOutputStream().write(new byte[] {4, 1, 0, 80, 127, 0, 0, 1, 'u', 0});
      assertThat(socket.getInputStream().readAllBytes()).containsExactly(0, 0x5b, 0, 0, 0, 0, 0, 0);
    }
    assertThat(echo.accepted).isEmpty();
  }

  @Test
  void a_garbage_first_line_gets_a_400_page_and_is_closed() throws Exception {
    try (Socket socket = connectToEntry(node)) {
      socket.getOutputStream().write("hello there\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = readAll(socket);
      assertThat(answer)
          .startsWith("HTTP/1.1 400 ")
          .contains("Connection: close", "malformed request line");
    }
  }

  @Test
  void a_socks5_greeting_with_neither_no_auth_nor_a_password_is_told_no_method_is_acceptable()
      throws Exception {
    try (Socket socket = connectToEntry(node)) {
      socket.getOutputStream().write(new byte[] {5, 1, 1});
      assertThat(socket.getInputStream().readAllBytes()).containsExactly(5, 0xff);
    }
  }

  @Test
  void a_socks5_bind_is_refused_with_reply_7() throws Exception {
    try (Socket socket = connectToEntry(node)) {
      socket.getOutputStream().write(new byte[] {5, 1, 0, 5, 2, 0, 1, 127, 0, 0, 1, 0, 80});
      assertThat(socket.getInputStream().readAllBytes())
          .containsExactly(5, 0, 5, 7, 0, 1, 0, 0, 0, 0, 0, 0);
    }
  }

  @Test
  void a_name_the_exit_cannot_resolve_gets_socks_reply_4() throws Exception {
    try (Socket socket = connectToEntry(node)) {
      assertThat(socksConnect(socket, "nowhere.test", 80))
          .containsExactly(5, 4, 0, 1, 0, 0, 0, 0, 0, 0);
    }
  }

  @Test
  void a_name_the_exit_cannot_resolve_gets_the_dns_error_page() throws Exception {
    try (Socket socket = connectToEntry(node)) {
      socket
          .getOutputStream()
          .write("GET http://nowhere.test/ HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readAll(socket))
          .startsWith("HTTP/1.1 503 ")
          .contains("DNS Resolution Problem", "nowhere.test");
    }
  }

  @Test
  void a_closed_port_gets_socks_reply_5() throws Exception {
    try (Socket socket = connectToEntry(node)) {
      assertThat(socksConnect(socket, ECHO_NAME, LocalServers.closedPort())[1]).isEqualTo((byte) 5);
    }
  }

  @Test
  void without_allow_private_targets_a_loopback_target_is_refused_in_each_protocol()
      throws Exception {
    try (InProcessNode strict = startNode(false)) {
      try (Socket socket = connectToEntry(strict)) {
        assertThat(socksConnect(socket, ECHO_NAME, echo.port())[1]).isEqualTo((byte) 2);
      }
      try (Socket socket = connectToEntry(strict)) {
        socket
            .getOutputStream()
            .write(
                ("GET http://127.0.0.1:" + origin.port() + "/ HTTP/1.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        assertThat(readAll(socket))
            .startsWith("HTTP/1.1 403 ")
            .contains("127.0.0.1 is a loopback address");
      }
      try (Socket socket = connectToEntry(strict)) {
        socket
            .getOutputStream()
            .write(
                ("CONNECT " + ECHO_NAME + ":" + echo.port() + " HTTP/1.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        assertThat(LocalServers.readHead(socket.getInputStream()))
            .isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
        assertThat(socket.getInputStream().readAllBytes())
            .containsExactly(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x31);
      }
    }
    assertThat(echo.accepted).isEmpty();
    assertThat(origin.heads).isEmpty();
  }

  @Test
  void a_request_head_over_64_kib_gets_431() throws Exception {
    try (Socket socket = connectToEntry(node)) {
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try {
                  socket
                      .getOutputStream()
                      .write(
                          ("GET http://"
                                  + ORIGIN_NAME
                                  + "/ HTTP/1.1\r\nCookie: "
                                  + "c".repeat(70 * 1024)
                                  + "\r\n\r\n")
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  // the entry may close before it has read everything; its answer is what counts
                }
              });
      assertThat(readAll(socket)).startsWith("HTTP/1.1 431 ");
      writer.get(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
    assertThat(origin.heads).isEmpty();
  }

  @Test
  void an_https_uri_sent_as_a_plain_proxy_request_gets_400() throws Exception {
    try (Socket socket = connectToEntry(node)) {
      socket
          .getOutputStream()
          .write(
              ("GET https://" + ORIGIN_NAME + "/ HTTP/1.1\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(readAll(socket)).startsWith("HTTP/1.1 400 ").contains("CONNECT");
    }
  }

  @Test
  void a_socks5_host_name_with_characters_no_host_has_gets_reply_4_without_reaching_the_exit()
      throws Exception {
    try (Socket socket = connectToEntry(node)) {
      assertThat(socksConnect(socket, "bad host!", 80))
          .containsExactly(5, 4, 0, 1, 0, 0, 0, 0, 0, 0);
    }
    assertThat(node.proxyServer().openStreams()).isZero();
  }

  @Test
  void a_socks5_connect_by_ipv4_address_reaches_the_server() throws Exception {
    try (Socket socket = connectToEntry(node)) {
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {5, 1, 0});
      assertThat(socket.getInputStream().readNBytes(2)).containsExactly(5, 0);
      int port = echo.port();
      out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (port >>> 8), (byte) port});
      assertThat(socket.getInputStream().readNBytes(10))
          .containsExactly(5, 0, 0, 1, 0, 0, 0, 0, 0, 0);
      out.write("v4".getBytes(StandardCharsets.US_ASCII));
      assertThat(socket.getInputStream().readNBytes(2))
          .asString(StandardCharsets.US_ASCII)
          .isEqualTo("v4");
    }
  }

  @Test
  void the_body_after_an_http_request_head_reaches_the_origin_too() throws Exception {
    String body = "name=value";
    try (Socket socket = connectToEntry(node)) {
      socket
          .getOutputStream()
          .write(
              ("POST http://"
                      + ORIGIN_NAME
                      + ":"
                      + origin.port()
                      + "/form HTTP/1.1\r\nContent-Length: "
                      + body.length()
                      + "\r\n\r\n"
                      + body)
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(readAll(socket)).endsWith(LocalServers.Origin.BODY);
    }
    assertThat(origin.heads.poll(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS))
        .startsWith("POST /form HTTP/1.1\r\n");
    assertThat(origin.bodies.poll(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isEqualTo(body);
  }

  @Test
  void every_stream_is_forgotten_on_both_sides_once_it_ends() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (Socket socket = connectToEntry(node)) {
        socksConnect(socket, ECHO_NAME, echo.port());
        socket.getOutputStream().write('x');
        assertThat(socket.getInputStream().read()).isEqualTo('x');
      }
    }
    awaitZero(() -> node.proxyServer().openStreams() + node.proxyClient().openStreams());
    assertThat(node.hopper().droppedPackages()).isZero();
  }

  private static void awaitZero(java.util.function.IntSupplier count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count.getAsInt() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(10); // the streams end on their own threads; there is no event to wait for
    }
    assertThat(count.getAsInt()).isZero();
  }
}
