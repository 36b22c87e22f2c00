package org.jmasq.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PublicHostsTest {

  private static Testbed testbed;

  @BeforeAll
  static void build() throws TestbedException {
    Root.required();
    testbed = Testbed.build(TestbedPlan.empty().withPublicHost("a").withPublicHost("b"));
  }

  @AfterAll
  static void close() {
    if (testbed != null) {
      testbed.close();
    }
  }

  @Test
  void public_hosts_have_documentation_addresses_and_a_gateway_in_the_internet_namespace() {
    Host a = testbed.host("a");
    assertThat(Topology.PUBLIC_RANGES.stream().anyMatch(r -> r.contains(a.address()))).isTrue();
    assertThat(a.namespace()).startsWith(testbed.prefix());
    assertThat(testbed.internetNamespace()).startsWith(testbed.prefix());
    assertThat(testbed.internetAddressOf("a")).isEqualTo(a.address());
  }

  @Test
  void a_public_host_reaches_another_and_is_seen_from_its_own_address() throws Exception {
    HostProcess server =
        testbed.start(
            "b", "socat", "TCP-LISTEN:8000,reuseaddr,fork", "SYSTEM:echo $SOCAT_PEERADDR");
    testbed.awaitTcpListening("b", 8000, Duration.ofSeconds(10));

    ExecResult reply =
        testbed.exec(
            "a",
            "socat",
            "-u",
            "TCP:" + testbed.host("b").address() + ":8000,connect-timeout=5",
            "STDOUT");

    assertThat(reply.stderr()).isEmpty();
    assertThat(reply.stdout().strip()).isEqualTo(testbed.host("a").address().toString());
    server.stop();
  }

  @Test
  void the_built_testbed_passes_its_safety_check() throws TestbedException {
    testbed.checkSealed();
  }

  @Test
  void a_host_whose_link_is_down_is_unreachable_until_it_comes_back_up() throws Exception {
    HostProcess server =
        testbed.start("b", "socat", "TCP-LISTEN:8001,reuseaddr,fork", "SYSTEM:echo up");
    testbed.awaitTcpListening("b", 8001, Duration.ofSeconds(10));
    String target = "TCP:" + testbed.host("b").address() + ":8001,connect-timeout=2";

    testbed.setLinkUp("b", false);
    ExecResult cut = testbed.exec("a", "socat", "-u", target, "STDOUT");
    testbed.setLinkUp("b", true);
    ExecResult restored = testbed.exec("a", "socat", "-u", target, "STDOUT");

    assertThat(cut.exitCode()).isNotZero();
    assertThat(restored.stdout().strip()).isEqualTo("up");
    server.stop();
  }
}
