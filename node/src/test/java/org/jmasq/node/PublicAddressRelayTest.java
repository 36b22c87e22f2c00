package org.jmasq.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.automap.MappingProtocol;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.automap.AutomapEvent;
import org.jmasq.node.automap.Mapping;
import org.junit.jupiter.api.Test;

/** What automap learns of the public address reaches the Neighborhood, once per change. */
class PublicAddressRelayTest {
  private final PublicAddressRelay relay = new PublicAddressRelay();
  private final List<NodeAddr> handed = new ArrayList<>();

  private static InetAddress ip(String text) throws Exception {
    return InetAddress.getByName(text);
  }

  private static Mapping mapping(String ip, int port) throws Exception {
    return new Mapping(
        MappingProtocol.PMP, 4000, port, ip(ip), Duration.ofSeconds(600), Optional.empty());
  }

  @Test
  void the_address_mapped_before_the_neighborhood_exists_is_handed_on_when_it_connects()
      throws Exception {
    relay.observe(new AutomapEvent.Mapped(mapping("100.128.0.5", 4000)));

    relay.connect(handed::add);

    assertThat(handed).containsExactly(NodeAddr.of(ip("100.128.0.5"), 4000));
  }

  @Test
  void a_new_public_ip_is_handed_on_with_the_mapped_port_and_only_once() throws Exception {
    relay.observe(new AutomapEvent.Mapped(mapping("100.128.0.5", 4000)));
    relay.connect(handed::add);

    relay.observe(new AutomapEvent.PublicIpChanged(ip("100.128.0.5"), ip("100.128.1.7")));
    relay.observe(new AutomapEvent.Renewed(mapping("100.128.1.7", 4000)));

    assertThat(handed)
        .containsExactly(
            NodeAddr.of(ip("100.128.0.5"), 4000), NodeAddr.of(ip("100.128.1.7"), 4000));
  }

  @Test
  void a_mapping_made_again_on_another_external_port_is_handed_on() throws Exception {
    relay.connect(handed::add);
    relay.observe(new AutomapEvent.Mapped(mapping("100.128.0.5", 4000)));

    relay.observe(new AutomapEvent.RouterRestarted(MappingProtocol.PMP, "its epoch started again"));
    relay.observe(new AutomapEvent.Mapped(mapping("100.128.0.5", 4001)));

    assertThat(handed)
        .containsExactly(
            NodeAddr.of(ip("100.128.0.5"), 4000), NodeAddr.of(ip("100.128.0.5"), 4001));
  }
}
