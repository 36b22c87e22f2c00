package org.jmasq.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Automap asks only a default gateway that can be a home router: on a private LAN or behind a
 * carrier's NAT. Any other gateway (a documentation address, as on a machine whose own network is
 * one, or a public one) is refused before anything is sent to it.
 */
class AutomapGatewayTest {
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "192.168.1.1, true",
    "10.0.0.1, true",
    "172.16.0.1, true",
    "172.31.255.254, true",
    "100.64.0.1, true",
    "100.127.255.254, true",
    "192.0.2.1, false",
    "198.51.100.1, false",
    "172.32.0.1, false",
    "172.15.255.254, false",
    "100.128.0.1, false",
    "8.8.8.8, false"
  })
  void only_a_gateway_on_a_nat_lan_is_asked(String gateway, boolean asked) throws Exception {
    assertThat(AutomapAssembly.isNatLan(InetAddress.getByName(gateway).getAddress()))
        .isEqualTo(asked);
  }
}
