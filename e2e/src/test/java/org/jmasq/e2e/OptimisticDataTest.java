package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Node started with {@code --optimistic-data}, driven by the real curl: SOCKS5 clients are told
 * "succeeded" before the exit has connected, so a failure at the exit must reach them in the
 * protocol they speak inside the stream, an HTTP error page or a TLS alert. The same failures
 * without the option are SOCKS reply codes ({@link ZeroHopNodeTest}). Also here: SOCKS5 credentials
 * name the identity whose streams share routes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptimisticDataTest {
  private static final String HOST = LocalSite.HOST;

  private Path work;
  private LocalSite site;
  private NodeProcess node;

  @BeforeAll
  void startServersAndNode(@TempDir Path work) throws Exception {
    this.work = work;
    site = new LocalSite(work, 1024 * 1024, 43);
    node =
        NodeProcess.zeroHop(
            work.resolve("node"),
            "--optimistic-data",
            "--allow-private-targets",
            "--dns-servers",
            site.dns.address());
  }

  @AfterAll
  void stopAll() throws Exception {
    if (node != null) {
      node.close();
    }
    site.close();
  }

  @Test
  void a_file_comes_through_socks5_intact() throws Exception {
    Curl.Result result =
        Curl.run(work.resolve("curl"), "--socks5-hostname", node.proxy(), site.url("/big.bin"));

    assertThat(result.exitCode()).as(result.stderr() + node.diagnostics()).isZero();
    assertThat(ZeroHopNodeTest.sha256(result.body())).isEqualTo(ZeroHopNodeTest.sha256(site.big));
  }

  @Test
  void an_unresolvable_host_gets_the_dns_error_page_after_the_socks_success() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--socks5-hostname",
            node.proxy(),
            "--include",
            "http://no-such-host.jmasq.test/");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.bodyText())
        .startsWith("HTTP/1.1 503 ")
        .contains("DNS Resolution Problem")
        .contains("no-such-host.jmasq.test");
  }

  @Test
  void a_closed_port_gets_the_connection_refused_page() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--socks5-hostname",
            node.proxy(),
            "--include",
            "http://" + HOST + ":" + closedPort() + "/");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.bodyText()).startsWith("HTTP/1.1 502 ").contains("refused the connection");
  }

  @Test
  void an_unresolvable_host_over_tls_gets_an_unrecognized_name_alert() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--socks5-hostname",
            node.proxy(),
            "https://no-such-host.jmasq.test/");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).containsIgnoringCase("unrecognized name");
  }

  @Test
  void a_closed_port_over_tls_gets_an_internal_error_alert() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--socks5-hostname",
            node.proxy(),
            "https://" + HOST + ":" + closedPort() + "/");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).containsIgnoringCase("internal error");
  }

  @Test
  void https_comes_through_with_the_client_hello_in_the_opening() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--socks5-hostname",
            node.proxy(),
            "--cacert",
            site.certificate.pem.toString(),
            site.secretUrl());

    assertThat(result.exitCode()).as(result.stderr() + node.diagnostics()).isZero();
    assertThat(result.bodyText()).isEqualTo(LocalSite.SECRET);
  }

  @Test
  void a_server_that_speaks_first_is_heard_though_the_client_sends_nothing() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> serverSide =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = server.accept()) {
                  s.getOutputStream().write("220 hello\r\n".getBytes(StandardCharsets.US_ASCII));
                  s.setSoTimeout(15_000);
                  s.getInputStream().read();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      try (Socket client = socksConnect(HOST, server.getLocalPort())) {
        client.setSoTimeout(15_000);
        byte[] greeting = client.getInputStream().readNBytes(11);
        assertThat(new String(greeting, StandardCharsets.US_ASCII)).isEqualTo("220 hello\r\n");
      }
      serverSide.get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void the_socks5_success_comes_while_the_exit_is_still_resolving_the_name() throws Exception {
    long began = System.nanoTime();
    Socket client = socksConnect(LocalDnsServer.UNANSWERED, 80);
    long millis = (System.nanoTime() - began) / 1_000_000;
    client.close();
    // Without optimistic data the reply waits for the exit's resolver to give up (seconds), and
    // is then reply 4, host unreachable.
    assertThat(millis).as("ms until the SOCKS reply").isLessThan(2_000);
  }

  @Test
  void socks5_credentials_name_the_identity_whose_streams_share_a_route() throws Exception {
    long linesBefore = node.stderr().lines().count();
    for (String user : List.of("alice:one", "bob:two", "alice:one")) {
      Curl.Result result =
          Curl.run(
              work.resolve("curl"),
              "--proxy",
              "socks5h://" + user + "@" + node.proxy(),
              site.url("/hello"));
      assertThat(result.exitCode()).as(result.stderr() + node.diagnostics()).isZero();
    }

    List<String> streams =
        node.stderr()
            .lines()
            .skip(linesBefore)
            .filter(l -> l.contains("Stream ") && l.contains(", isolation "))
            .toList();
    assertThat(streams).as(node.diagnostics()).hasSize(3);
    assertThat(routeOf(streams.get(0))).isEqualTo(routeOf(streams.get(2)));
    assertThat(routeOf(streams.get(1))).isNotEqualTo(routeOf(streams.get(0)));
    assertThat(streams.get(2)).contains("stream 2 on it");
    assertThat(streams).noneMatch(l -> l.contains("isolation none"));
  }

  /** The route id a stream's log line names: {@code route #N}. */
  private static String routeOf(String line) {
    int at = line.indexOf("route #");
    return line.substring(at, line.indexOf(' ', at + 7));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Socket socksConnect(String host, int port) throws IOException {
    return ZeroHopNodeTest.socksConnect(node.proxyPort(), host, port);
  }
}
