package org.jmasq.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jmasq.testbed.emulator.Ipv4Prefix;
import org.junit.jupiter.api.Test;

class EmulatorNetworksTest {

  @Test
  void the_emulator_passes_the_public_ranges_in_use_the_wan_range_and_the_gateways_but_no_lan() {
    TestbedPlan plan =
        TestbedPlan.empty()
            .withPublicHost("h1")
            .withPublicHost("h2")
            .withRouter("home")
            .withHostBehind("user", "home");
    Topology topology = Topology.assign(plan, "jt1x0-", List.of());

    assertThat(EmulatorNetworks.of(topology))
        .containsExactlyInAnyOrder(
            Ipv4Prefix.parse("198.51.100.0/24"),
            Ipv4Prefix.parse("100.128.0.0/16"),
            Ipv4Prefix.parse("198.51.100.1/32"),
            Ipv4Prefix.parse("100.128.0.1/32"));
  }

  @Test
  void a_public_range_the_machine_itself_uses_is_not_passed() {
    TestbedPlan plan = TestbedPlan.empty().withPublicHost("h1");
    Topology topology =
        Topology.assign(
            plan, "jt1x0-", List.of(org.jmasq.testbed.Ipv4Prefix.parse("198.51.100.0/24")));

    assertThat(EmulatorNetworks.of(topology))
        .contains(Ipv4Prefix.parse("203.0.113.0/24"))
        .doesNotContain(Ipv4Prefix.parse("198.51.100.0/24"));
  }
}
