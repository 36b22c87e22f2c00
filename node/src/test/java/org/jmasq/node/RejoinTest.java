package org.jmasq.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.hostile.RealNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Node cut off from every Node it knows retries them with back-off, the first time after 5
 * s, so it is back in the network seconds after one of them is, not a minute later.
 */
class RejoinTest {
  private static final int NET = 57;

  @TempDir Path root;

  @Test
  void a_node_whose_bootstrap_node_is_down_joins_within_seconds_of_it_coming_back()
      throws Exception {
    try (RealNodes nodes = RealNodes.standardOnly(NET, root, 1)) {
      NodeDescriptor bootstrap = nodes.standard(0).descriptor();
      nodes.standard(0).close();
      CountDownLatch connected = new CountDownLatch(1);
      Node.Events events =
          new Node.Events() {
            @Override
            public void stageChanged(ConnectionStage stage) {
              if (stage != ConnectionStage.NOT_CONNECTED) {
                connected.countDown();
              }
            }

            @Override
            public void shutdownRequested(String reason) {}
          };

      Node joining = nodes.startStandard(3, List.of(bootstrap), c -> c, events);
      assertThat(joining.stage()).isEqualTo(ConnectionStage.NOT_CONNECTED);
      nodes.startAgain(0);

      assertThat(connected.await(20, TimeUnit.SECONDS))
          .as("connected to the bootstrap Node within 20 s; stage %s", joining.stage())
          .isTrue();
    }
  }
}
