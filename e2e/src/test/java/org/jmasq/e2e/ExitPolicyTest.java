package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Node started without {@code --allow-private-targets} refuses to reach into its own machine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExitPolicyTest {
  private Path work;

  private LocalDnsServer dns;
  private LocalWebServer web;
  private NodeProcess node;

  @BeforeAll
  void start(@TempDir Path work) throws Exception {
    this.work = work;
    dns = new LocalDnsServer(Map.of("inside.jmasq.test", InetAddress.getLoopbackAddress()));
    web = LocalWebServer.http().serve("/private", "must not be served\n");
    node = NodeProcess.zeroHop(work.resolve("node"), "--dns-servers", dns.address());
  }

  @AfterAll
  void stop() throws Exception {
    node.close();
    web.close();
    dns.close();
  }

  @Test
  void a_loopback_address_is_refused_with_a_clear_page() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--proxy",
            "http://" + node.proxy(),
            "--include",
            "http://127.0.0.1:" + web.port() + "/private");

    assertThat(result.bodyText())
        .startsWith("HTTP/1.1 403 ")
        .contains("Target Refused")
        .contains("127.0.0.1 is a loopback address")
        .contains("--allow-private-targets")
        .doesNotContain("must not be served");
  }

  @Test
  void a_name_that_resolves_to_loopback_is_refused_too() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--proxy",
            "http://" + node.proxy(),
            "--include",
            "http://inside.jmasq.test:" + web.port() + "/private");

    assertThat(result.bodyText())
        .startsWith("HTTP/1.1 403 ")
        .contains("inside.jmasq.test resolves to 127.0.0.1, a loopback address");
  }

  /**
   * IPv6 forms that carry a loopback or private address, or lead into the exit's own network: each
   * is refused with the kind of address it reaches, though none is loopback to the JDK.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "'[::ffff:0:7f00:1]', loopback",
    "'[64:ff9b::7f00:1]', loopback",
    "'[2002:7f00:1::1]', loopback",
    "'[64:ff9b::a00:1]', private",
    "'[64:ff9b:1::a00:1]', private (local-use NAT64)"
  })
  void ipv6_forms_of_inside_addresses_are_refused(String host, String kind) throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--proxy",
            "http://" + node.proxy(),
            "--include",
            "--globoff",
            "http://" + host + ":" + web.port() + "/private");

    assertThat(result.bodyText())
        .startsWith("HTTP/1.1 403 ")
        .contains("Target Refused")
        .contains(kind + " address")
        .doesNotContain("must not be served");
  }

  @Test
  void socks_gets_connection_not_allowed_by_ruleset() throws Exception {
    Curl.Result result =
        Curl.run(
            work.resolve("curl"),
            "--socks5-hostname",
            node.proxy(),
            "http://127.0.0.1:" + web.port() + "/private");

    assertThat(result.exitCode()).isEqualTo(97);
    assertThat(result.stderr()).contains("(2)");
    assertThat(result.bodyText()).doesNotContain("must not be served");
  }
}
