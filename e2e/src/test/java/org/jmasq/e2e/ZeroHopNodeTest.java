package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zero-hop Node started as its own process, driven by the real curl against local servers. Names
 * resolve through a DNS server on loopback, so the exit's resolution is real and stays on this
 * machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZeroHopNodeTest {
  private static final String HOST = LocalSite.HOST;
  private static final int BIG = 20 * 1024 * 1024;

  private Path work;

  private LocalSite site;
  private NodeProcess node;

  @BeforeAll
  void startServersAndNode(@TempDir Path work) throws Exception {
    this.work = work;
    site = new LocalSite(work, BIG, 42);
    node =
        NodeProcess.zeroHop(
            work.resolve("node"), "--allow-private-targets", "--dns-servers", site.dns.address());
  }

  @AfterAll
  void stopAll() throws Exception {
    if (node != null) {
      node.close();
    }
    site.close();
  }

  @Test
  void a_20_mib_file_comes_through_socks5_with_remote_dns_intact() throws Exception {
    Curl.Result result =
        Curl.run(work.resolve("curl"), "--socks5-hostname", node.proxy(), url("/big.bin"));

    assertThat(result.exitCode()).as(result.stderr() + node.diagnostics()).isZero();
    assertThat(sha256(result.body())).isEqualTo(sha256(site.big));
    assertThat(site.dns.queries()).as("the exit resolved the name, not curl").isPositive();
  }

  @Test
  void a_20_mib_file_comes_through_the_http_proxy_intact() throws Exception {
    Curl.Result result =
        Curl.run(work.resolve("curl"), "--proxy", "http://" + node.proxy(), url("/big.bin"));

    assertThat(result.exitCode()).as(result.stderr() + node.diagnostics()).isZero();
    assertThat(sha256(result.body())).isEqualTo(sha256(site.big));
  }

  @Test
  void https_passes_through_a_connect_tunnel_unchanged() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--proxy",
            "http://" + node.proxy(),
            "--proxytunnel",
            "--cacert",
            site.certificate.pem.toString(),
            site.secretUrl());

    assertThat(result.exitCode()).as(result.stderr() + node.diagnostics()).isZero();
    assertThat(result.bodyText()).isEqualTo(LocalSite.SECRET);
  }

  @Test
  void an_unresolvable_host_gets_the_dns_error_page() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--proxy",
            "http://" + node.proxy(),
            "--write-out",
            "",
            "--include",
            "http://no-such-host.jmasq.test/");

    assertThat(result.exitCode()).isZero();
    assertThat(result.bodyText())
        .startsWith("HTTP/1.1 503 ")
        .contains("DNS Resolution Problem")
        .contains("Exit Nodes couldn't resolve &quot;no-such-host.jmasq.test&quot;");
  }

  @Test
  void an_unresolvable_host_gets_socks_reply_host_unreachable() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--socks5-hostname",
            node.proxy(),
            "http://no-such-host.jmasq.test/");

    assertThat(result.exitCode()).isEqualTo(97);
    assertThat(result.stderr()).contains("(4)");
  }

  @Test
  void an_unresolvable_host_inside_a_tunnel_gets_a_tls_unrecognized_name_alert() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--proxy",
            "http://" + node.proxy(),
            "--proxytunnel",
            "https://no-such-host.jmasq.test/");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).containsIgnoringCase("unrecognized name");
  }

  @Test
  void a_closed_port_at_the_target_is_reported_as_refused() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--proxy",
            "http://" + node.proxy(),
            "--include",
            "http://" + HOST + ":" + closedPort + "/");

    assertThat(result.bodyText()).startsWith("HTTP/1.1 502 ").contains("refused the connection");
  }

  @Test
  void when_the_server_closes_the_client_sees_the_end_of_the_stream() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> serverSide =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = server.accept()) {
                  s.getOutputStream().write("bye\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      try (Socket client = socksConnect(HOST, server.getLocalPort())) {
        client.setSoTimeout(10_000);
        byte[] all = client.getInputStream().readAllBytes();
        assertThat(new String(all, StandardCharsets.US_ASCII)).isEqualTo("bye\n");
      }
      serverSide.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void when_the_client_closes_the_exit_closes_the_server_connection() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> serverSaw =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket s = server.accept()) {
                  s.setSoTimeout(15_000);
                  return s.getInputStream().read();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      Socket client = socksConnect(HOST, server.getLocalPort());
      client.close();
      assertThat(serverSaw.get(20, TimeUnit.SECONDS))
          .as("end of stream at the server")
          .isEqualTo(-1);
    }
  }

  private Socket socksConnect(String host, int port) throws IOException {
    return socksConnect(node.proxyPort(), host, port);
  }

  /**
   * A raw SOCKS5 CONNECT with a domain name through the entry on {@code proxyPort}, as a browser
   * does it, that sends nothing after the reply.
   */
  static Socket socksConnect(int proxyPort, String host, int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxyPort), 5_000);
    socket.setSoTimeout(15_000);
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    out.write(new byte[] {5, 1, 0});
    assertThat(in.readNBytes(2)).containsExactly(5, 0);
    byte[] name = host.getBytes(StandardCharsets.US_ASCII);
    out.write(new byte[] {5, 1, 0, 3, (byte) name.length});
    out.write(name);
    out.write(new byte[] {(byte) (port >>> 8), (byte) port});
    byte[] reply = in.readNBytes(10);
    assertThat(reply[1]).as("SOCKS reply code").isZero();
    socket.setSoTimeout(0);
    return socket;
  }

  private String url(String path) {
    return site.url(path);
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  static Duration seconds(int s) {
    return Duration.ofSeconds(s);
  }
}
