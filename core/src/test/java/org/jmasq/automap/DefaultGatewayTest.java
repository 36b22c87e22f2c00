package org.jmasq.automap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class DefaultGatewayTest {
  private static final String HEADER =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

  @Test
  void the_default_route_through_a_gateway_is_found_in_little_endian_hex() throws Exception {
    String table =
        HEADER
            + "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
            + "eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n";
    assertThat(DefaultGateway.parse(table))
        .contains(
            new DefaultGateway.Route(
                "eth0", (java.net.Inet4Address) InetAddress.getByName("192.168.1.1")));
  }

  @Test
  void of_two_default_routes_the_lower_metric_wins() throws Exception {
    String table =
        HEADER
            + "wlan0\t00000000\t0100000A\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
            + "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n";
    assertThat(DefaultGateway.parse(table).orElseThrow().interfaceName()).isEqualTo("eth0");
  }

  @Test
  void no_default_route_a_down_one_or_garbage_gives_nothing() {
    assertThat(DefaultGateway.parse(HEADER)).isEmpty();
    assertThat(
            DefaultGateway.parse(
                HEADER + "eth0\t00000000\t0101A8C0\t0002\t0\t0\t100\t00000000\t0\t0\t0\n"))
        .isEmpty();
    assertThat(DefaultGateway.parse(HEADER + "eth0 zz yy xx 0 0 1 0\n")).isEmpty();
    assertThat(DefaultGateway.parse("")).isEmpty();
    assertThat(DefaultGateway.parse("x".repeat(DefaultGateway.MAX_TEXT + 1))).isEmpty();
  }
}
