package org.jmasq.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each case breaks the seal inside the testbed's own namespaces only, then mends it. */
class SealCheckTest {

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
  void a_host_with_a_route_outside_the_testbed_is_refused() throws TestbedException {
    String gateway = testbed.host("pub").gateway().toString();
    run("pub", "ip", "route", "add", "8.8.8.0/24", "via", gateway, "dev", "eth0", "onlink");
    try {
      NotSealedException refused = refusal();

      assertThat(refused.findings()).singleElement().asString().contains("8.8.8.0/24");
    } finally {
      run("pub", "ip", "route", "del", "8.8.8.0/24");
    }
    testbed.checkSealed();
  }

  @Test
  void an_internet_namespace_with_a_default_route_is_refused() throws TestbedException {
    run("net", "ip", "route", "add", "default", "dev", testbed.host("pub").link());
    try {
      assertThat(refusal().findings())
          .singleElement()
          .asString()
          .contains(testbed.internetNamespace(), "default");
    } finally {
      run("net", "ip", "route", "del", "default");
    }
    testbed.checkSealed();
  }

  @Test
  void an_interface_the_testbed_did_not_make_is_refused() throws TestbedException {
    run("home", "ip", "link", "add", "stray0", "type", "bridge");
    try {
      assertThat(refusal().findings()).singleElement().asString().contains("stray0");
    } finally {
      run("home", "ip", "link", "del", "stray0");
    }
    testbed.checkSealed();
  }

  @Test
  void a_tun_device_is_allowed_in_the_internet_namespace_and_nowhere_else()
      throws TestbedException {
    run("net", "ip", "tuntap", "add", "dev", "delay0", "mode", "tun");
    run("pub", "ip", "tuntap", "add", "dev", "stray1", "mode", "tun");
    try {
      assertThat(refusal().findings()).singleElement().asString().contains("stray1");
    } finally {
      run("pub", "ip", "link", "del", "stray1");
    }
    try {
      testbed.checkSealed();
    } finally {
      run("net", "ip", "link", "del", "delay0");
    }
  }

  @Test
  void the_internet_namespace_may_route_by_default_into_a_tun_only() throws TestbedException {
    run("net", "ip", "tuntap", "add", "dev", "delay1", "mode", "tun");
    run("net", "ip", "link", "set", "delay1", "up");
    try {
      run("net", "ip", "route", "add", "default", "dev", "delay1", "table", "100");
      testbed.checkSealed();
      run(
          "net",
          "ip",
          "route",
          "add",
          "default",
          "dev",
          testbed.host("pub").link(),
          "table",
          "101");
      assertThat(refusal().findings()).singleElement().asString().contains("table 101");
    } finally {
      run("net", "ip", "route", "flush", "table", "101");
      run("net", "ip", "link", "del", "delay1");
    }
    testbed.checkSealed();
  }

  private static NotSealedException refusal() {
    return catchThrowableOfType(NotSealedException.class, testbed::checkSealed);
  }

  private static void run(String name, String... command) throws TestbedException {
    ExecResult result = testbed.exec(name, command);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
  }
}
