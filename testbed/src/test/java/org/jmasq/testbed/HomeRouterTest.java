package org.jmasq.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HomeRouterTest {

  private static final int PORT = 8080;
  private static Testbed testbed;

  @BeforeAll
  static void build() throws TestbedException {
    Root.required();
    testbed =
        Testbed.build(
            TestbedPlan.empty()
                .withPublicHost("pub")
                .withRouter("home")
                .withHostBehind("lan", "home"));
  }

  @AfterAll
  static void close() {
    if (testbed != null) {
      testbed.close();
    }
  }

  @Test
  void a_router_has_a_public_looking_wan_and_a_private_lan() {
    Router home = testbed.router("home");
    assertThat(Topology.WAN_RANGE.contains(home.wanAddress())).isTrue();
    assertThat(home.lan().contains(testbed.host("lan").address())).isTrue();
    assertThat(testbed.internetAddressOf("lan")).isEqualTo(home.wanAddress());
  }

  @Test
  void a_lan_host_reaches_a_public_host_which_sees_the_routers_wan_address() throws Exception {
    HostProcess server = echoPeerAddress("pub", 8000);

    ExecResult reply = connect("lan", testbed.host("pub").address(), 8000);

    assertThat(reply.stdout().strip()).isEqualTo(testbed.router("home").wanAddress().toString());
    server.stop();
  }

  @Test
  void a_nat_pmp_mapping_opens_a_lan_port_on_the_wan_until_the_router_restarts() throws Exception {
    HostProcess server = echoPeerAddress("lan", PORT);
    Ipv4 wan = testbed.router("home").wanAddress();
    assertThat(connect("pub", wan, PORT).stdout()).isEmpty();

    List<String> reply = natPmpMapTcp("lan", PORT, 3600);
    assertThat(reply).as("NAT-PMP reply").hasSize(16);
    assertThat(reply.subList(0, 4)).containsExactly("00", "82", "00", "00");

    assertThat(connect("pub", wan, PORT).stdout().strip())
        .isEqualTo(testbed.host("pub").address().toString());

    testbed.restartRouter("home");

    assertThat(connect("pub", wan, PORT).stdout()).isEmpty();
    assertThat(natPmpMapTcp("lan", PORT, 3600).subList(0, 4))
        .containsExactly("00", "82", "00", "00");
    assertThat(connect("pub", wan, PORT).stdout()).as("mapped again").isNotEmpty();
    server.stop();
  }

  @Test
  void a_routers_new_wan_address_is_the_one_public_hosts_see() throws Exception {
    HostProcess server = echoPeerAddress("pub", 8002);
    Ipv4 before = testbed.router("home").wanAddress();

    Ipv4 after = testbed.changeWanAddress("home");

    assertThat(after).isNotEqualTo(before);
    assertThat(testbed.internetAddressOf("lan")).isEqualTo(after);
    assertThat(connect("lan", testbed.host("pub").address(), 8002).stdout().strip())
        .isEqualTo(after.toString());
    testbed.checkSealed();
    server.stop();
  }

  @Test
  void a_upnp_igd_mapping_opens_a_lan_port_on_the_wan() throws Exception {
    HostProcess server = echoPeerAddress("lan", 8090);
    String base = "http://" + testbed.host("lan").gateway() + ":" + HomeRouter.HTTP_PORT;
    String description =
        testbed.exec("lan", "curl", "-s", "-m", "5", base + "/rootDesc.xml").stdout();
    Matcher service =
        Pattern.compile(
                "<serviceType>(urn:schemas-upnp-org:service:WANIPConnection:\\d)</serviceType>.*?"
                    + "<controlURL>([^<]+)</controlURL>",
                Pattern.DOTALL)
            .matcher(description);
    assertThat(service.find()).as(description).isTrue();

    String body =
        "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>"
            + "<u:AddPortMapping xmlns:u=\""
            + service.group(1)
            + "\"><NewRemoteHost></NewRemoteHost><NewExternalPort>8090</NewExternalPort>"
            + "<NewProtocol>TCP</NewProtocol><NewInternalPort>8090</NewInternalPort>"
            + "<NewInternalClient>"
            + testbed.host("lan").address()
            + "</NewInternalClient><NewEnabled>1</NewEnabled>"
            + "<NewPortMappingDescription>test</NewPortMappingDescription>"
            + "<NewLeaseDuration>3600</NewLeaseDuration></u:AddPortMapping></s:Body></s:Envelope>";
    ExecResult added =
        testbed.exec(
            "lan",
            "curl",
            "-s",
            "-m",
            "5",
            "-w",
            "%{http_code}",
            "-H",
            "Content-Type: text/xml; charset=\"utf-8\"",
            "-H",
            "SOAPAction: \"" + service.group(1) + "#AddPortMapping\"",
            "--data-binary",
            body,
            base + service.group(2));
    assertThat(added.stdout()).as(added.stdout()).endsWith("200");

    assertThat(connect("pub", testbed.router("home").wanAddress(), 8090).stdout().strip())
        .isEqualTo(testbed.host("pub").address().toString());
    server.stop();
  }

  @Test
  void a_pcp_map_request_is_granted_with_the_routers_wan_address() throws Exception {
    HostProcess server = echoPeerAddress("lan", 8091);
    byte[] lan = testbed.host("lan").address().octets();
    int port = 8091;
    // RFC 6887: a 24-byte header (version 2, MAP, lifetime, client address as IPv4-mapped IPv6)
    // and a 36-byte MAP body (nonce, TCP, internal and suggested external port, no suggested IP).
    String request =
        octal(2, 1, 0, 0, 0, 0, 0x0e, 0x10)
            + octal(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, lan[0], lan[1], lan[2], lan[3])
            + octal(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 6, 0, 0, 0)
            + octal(port >> 8, port, port >> 8, port)
            + octal(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0);

    List<String> reply = udpExchange("lan", request);

    assertThat(reply).as("PCP reply").hasSize(60);
    assertThat(reply.subList(0, 4)).containsExactly("02", "81", "00", "00");
    String wan = testbed.router("home").wanAddress().toString();
    List<String> external = reply.subList(56, 60);
    assertThat(String.join(".", external.stream().map(h -> "" + Integer.parseInt(h, 16)).toList()))
        .isEqualTo(wan);
    assertThat(connect("pub", testbed.router("home").wanAddress(), port).stdout()).isNotEmpty();
    server.stop();
  }

  private static HostProcess echoPeerAddress(String host, int port) throws TestbedException {
    HostProcess server =
        testbed.start(
            host, "socat", "TCP-LISTEN:" + port + ",reuseaddr,fork", "SYSTEM:echo $SOCAT_PEERADDR");
    testbed.awaitTcpListening(host, port, Duration.ofSeconds(10));
    return server;
  }

  private static ExecResult connect(String from, Ipv4 to, int port) throws TestbedException {
    return testbed.exec(
        from, "socat", "-u", "TCP:" + to + ":" + port + ",connect-timeout=3", "STDOUT");
  }

  /** Sends RFC 6886's 12-byte request to map a TCP port and returns the reply's bytes in hex. */
  static List<String> natPmpMapTcp(String host, int port, int lifetime) throws TestbedException {
    String request =
        octal(0, 2, 0, 0, port >> 8, port, port >> 8, port)
            + octal(lifetime >>> 24, lifetime >>> 16, lifetime >>> 8, lifetime);
    return udpExchange(host, request);
  }

  /** Sends one datagram to the host's gateway's port 5351 and returns the reply's bytes in hex. */
  private static List<String> udpExchange(String host, String octalRequest)
      throws TestbedException {
    String gateway = testbed.host(host).gateway().toString();
    ExecResult result =
        testbed.exec(
            host,
            "sh",
            "-c",
            "printf '"
                + octalRequest
                + "' | socat -t 3 - UDP:"
                + gateway
                + ":5351 | od -An -v -tx1");
    return List.of(result.stdout().strip().split("\\s+"));
  }

  private static String octal(int... bytes) {
    StringBuilder text = new StringBuilder();
    for (int b : bytes) {
      text.append(String.format("\\%03o", b & 255));
    }
    return text.toString();
  }
}
