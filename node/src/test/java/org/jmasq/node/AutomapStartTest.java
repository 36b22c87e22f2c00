package org.jmasq.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.jmasq.automap.MappingProtocol;
import org.jmasq.automap.NatPmp;
import org.jmasq.identity.Chain;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.automap.AutomapConfig;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standard Node started without an address maps its port on its router and names the router's
 * public IP in its descriptor, or stops with one line that says what to do. The router is a NAT-PMP
 * responder on a loopback address of its own (port 5351 is fixed by the protocol).
 */
@Timeout(60)
class AutomapStartTest {
  private static final Node.Events NO_EVENTS =
      new Node.Events() {
        @Override
        public void stageChanged(ConnectionStage stage) {}

        @Override
        public void shutdownRequested(String reason) {}
      };

  @TempDir Path dataDirectory;

  private NodeConfig standard(MappingProtocol protocol, InetAddress router) {
    return new NodeConfig(
            NeighborhoodMode.STANDARD,
            Chain.DEV,
            dataDirectory,
            0,
            List.of(),
            false,
            3,
            List.of(),
            Optional.empty(),
            0,
            Duration.ofSeconds(5),
            AccountantConfig.NONE)
        .withAutomap(new AutomapConfig(true, Optional.of(protocol), Optional.of(router)));
  }

  private static InetAddress someLoopbackAddress() throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return InetAddress.getByAddress(
        new byte[] {127, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255), 1});
  }

  @Test
  void a_node_whose_router_maps_nothing_stops_with_one_line_that_says_what_to_do()
      throws Exception {
    NodeStartException refusal =
        catchThrowableOfType(
            NodeStartException.class,
            () -> Node.start(standard(MappingProtocol.PCP, someLoopbackAddress()), NO_EVENTS));
    assertThat(refusal.getMessage())
        .startsWith("automap: no port-mapping protocol worked (pcp: ")
        .contains("give the Node's public IP with --ip and forward TCP port")
        .doesNotContain("\n");
  }

  @Test
  void
      a_node_behind_a_nat_pmp_router_names_its_public_ip_keeps_the_protocol_and_removes_the_mapping_at_stop()
          throws Exception {
    InetAddress routerIp = someLoopbackAddress();
    List<NatPmp.Request> requests = new CopyOnWriteArrayList<>();
    try (DatagramSocket router = new DatagramSocket(new InetSocketAddress(routerIp, NatPmp.PORT))) {
      Thread.ofVirtual()
          .start(
              () -> {
                byte[] buffer = new byte[64];
                while (!router.isClosed()) {
                  try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    router.receive(packet);
                    NatPmp.Request request =
                        NatPmp.decodeRequest(Arrays.copyOf(buffer, packet.getLength()));
                    requests.add(request);
                    NatPmp.Answer answer =
                        switch (request) {
                          case NatPmp.ExternalAddressRequest r ->
                              new NatPmp.ExternalAddressAnswer(
                                  50, (java.net.Inet4Address) InetAddress.getByName("100.128.0.9"));
                          case NatPmp.MapRequest m ->
                              new NatPmp.MapAnswer(
                                  50,
                                  m.internalPort(),
                                  m.suggestedExternalPort(),
                                  m.lifetimeSeconds());
                        };
                    byte[] bytes = NatPmp.encode(answer);
                    router.send(new DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
                  } catch (Exception e) {
                    return;
                  }
                }
              });
      Node node = Node.start(standard(MappingProtocol.PMP, routerIp), NO_EVENTS);
      int port;
      try {
        assertThat(node.descriptor().nodeAddr().orElseThrow().ip())
            .isEqualTo(InetAddress.getByName("100.128.0.9"));
        port = node.descriptor().nodeAddr().orElseThrow().ports().get(0);
        assertThat(requests.get(0)).isEqualTo(new NatPmp.MapRequest(port, port, 600));
      } finally {
        node.close();
      }
      assertThat(requests.getLast()).isEqualTo(new NatPmp.MapRequest(port, 0, 0));
    }
    try (NodeDatabase database = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      assertThat(database.config().get(AutomapAssembly.MAPPING_PROTOCOL)).contains("pmp");
    }
  }
}
