package org.jmasq.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressesTest {

  @Test
  void a_prefix_contains_its_addresses_and_overlaps_what_holds_it() {
    Ipv4Prefix doc = Ipv4Prefix.parse("192.0.2.0/24");

    assertThat(doc.contains(Ipv4.parse("192.0.2.255"))).isTrue();
    assertThat(doc.contains(Ipv4.parse("192.0.3.0"))).isFalse();
    assertThat(doc.overlaps(Ipv4Prefix.parse("192.0.0.0/16"))).isTrue();
    assertThat(doc.overlaps(Ipv4Prefix.parse("192.0.2.7"))).isTrue();
    assertThat(doc.overlaps(Ipv4Prefix.parse("198.51.100.0/24"))).isFalse();
    assertThat(Ipv4Prefix.parse("0.0.0.0/0").contains(Ipv4.parse("8.8.8.8"))).isTrue();
  }

  @Test
  void malformed_addresses_and_prefixes_are_refused_with_the_reason() {
    assertThatThrownBy(() -> Ipv4.parse("1.2.3")).hasMessageContaining("a.b.c.d");
    assertThatThrownBy(() -> Ipv4.parse("1.2.3.256")).hasMessageContaining("0~255");
    assertThatThrownBy(() -> Ipv4Prefix.parse("10.0.0.1/24")).hasMessageContaining("host bits");
    assertThatThrownBy(() -> Ipv4Prefix.parse("10.0.0.0/33")).hasMessageContaining("0~32");
  }

  @Test
  void route_lines_give_their_destination_and_gateway() {
    List<RouteLine> routes =
        RouteLine.parseAll(
            """
            default via 198.51.100.1 dev eth0 onlink
            192.168.10.0/24 dev br0 proto kernel scope link src 192.168.10.1
            local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1
            """);

    assertThat(routes.get(0).isDefault()).isTrue();
    assertThat(routes.get(0).vias()).containsExactly(Ipv4.parse("198.51.100.1"));
    assertThat(routes.get(1).destination()).contains(Ipv4Prefix.parse("192.168.10.0/24"));
    assertThat(routes.get(2).destination()).contains(Ipv4Prefix.parse("127.0.0.1/32"));
    assertThat(routes.get(1).within(List.of(Ipv4Prefix.parse("192.168.0.0/16")))).isTrue();
    assertThat(routes.get(1).within(List.of(Ipv4Prefix.parse("192.168.10.0/25")))).isFalse();
  }

  @Test
  void a_multipath_route_keeps_every_next_hop_and_an_unknown_form_is_unreadable() {
    List<RouteLine> routes =
        RouteLine.parseAll(
            "10.0.0.0/8 proto static\n"
                + "\tnexthop via 10.1.0.1 dev eth0 weight 1\n"
                + "\tnexthop via 8.8.8.8 dev eth1 weight 1\n"
                + "something odd\n");

    assertThat(routes).hasSize(2);
    assertThat(routes.get(0).vias()).containsExactly(Ipv4.parse("10.1.0.1"), Ipv4.parse("8.8.8.8"));
    assertThat(routes.get(0).viasWithin(List.of(Ipv4Prefix.parse("10.0.0.0/8")))).isFalse();
    assertThat(routes.get(1).readable()).isFalse();
    assertThat(routes.get(1).isDefault()).isFalse();
  }

  @Test
  void ranges_the_machine_already_routes_to_are_skipped() {
    TestbedPlan plan =
        TestbedPlan.empty().withPublicHost("a").withRouter("r").withHostBehind("b", "r");

    Topology topology =
        Topology.assign(
            plan,
            "jt1x0-",
            List.of(Ipv4Prefix.parse("198.51.100.0/24"), Ipv4Prefix.parse("192.168.10.0/24")));

    assertThat(topology.hosts().get("a").address()).isEqualTo(Ipv4.parse("203.0.113.10"));
    assertThat(topology.hosts().get("a").gateway()).isEqualTo(Ipv4.parse("203.0.113.1"));
    assertThat(topology.routers().get("r").lan()).isEqualTo(Ipv4Prefix.parse("192.168.11.0/24"));
    assertThat(topology.routers().get("r").wanAddress()).isEqualTo(Ipv4.parse("100.128.0.10"));
    assertThat(topology.hosts().get("b").address()).isEqualTo(Ipv4.parse("192.168.11.10"));
    assertThat(topology.namespaces()).containsExactly("jt1x0-net", "jt1x0-r", "jt1x0-a", "jt1x0-b");
  }

  @Test
  void a_plan_refuses_names_that_clash_or_do_not_fit_an_interface_name() {
    assertThatThrownBy(() -> TestbedPlan.empty().withPublicHost("a").withPublicHost("a"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> TestbedPlan.empty().withPublicHost("net")).hasMessageContaining("net");
    assertThatThrownBy(() -> TestbedPlan.empty().withPublicHost("averyverylongname"))
        .hasMessageContaining("expected");
    assertThatThrownBy(() -> TestbedPlan.empty().withHostBehind("a", "nowhere"))
        .hasMessageContaining("not in the plan");
  }
}
