package org.jmasq.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.accountant.AccountantConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A standard Node told to accept links on 443, where web servers listen. */
@Timeout(60)
class ClandestinePort443Test {
  @TempDir Path dataDirectory;

  @Test
  void a_node_with_the_privilege_listens_on_443_names_it_in_its_descriptor_and_keeps_it()
      throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "binding 443 needs root here");
    InetAddress ip = InetAddress.getByName("127.0.44.4");
    NodeConfig config =
        new NodeConfig(
            NeighborhoodMode.STANDARD,
            Chain.DEV,
            dataDirectory,
            0,
            List.of(),
            false,
            3,
            List.of(),
            Optional.of(ip),
            443,
            Duration.ofSeconds(5),
            AccountantConfig.NONE);

    try (Node node =
        Node.start(
            config,
            new Node.Events() {
              @Override
              public void stageChanged(ConnectionStage stage) {}

              @Override
              public void shutdownRequested(String reason) {}
            })) {
      assertThat(node.descriptor().nodeAddr()).contains(NodeAddr.of(ip, 443));
    }
    assertThat(Files.readString(dataDirectory.resolve("clandestine-port")).trim()).isEqualTo("443");
  }
}
