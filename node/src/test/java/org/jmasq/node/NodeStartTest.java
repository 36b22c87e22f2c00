package org.jmasq.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jmasq.identity.Chain;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.datadir.DataDirectoryLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a Node that cannot start tells its user, and what it leaves behind. */
@Timeout(30)
class NodeStartTest {
  private static final Node.Events NO_EVENTS =
      new Node.Events() {
        @Override
        public void stageChanged(ConnectionStage stage) {}

        @Override
        public void shutdownRequested(String reason) {}
      };

  @TempDir Path dataDirectory;

  private NodeConfig zeroHop() {
    return new NodeConfig(
        NeighborhoodMode.ZERO_HOP,
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
        AccountantConfig.NONE);
  }

  @Test
  void a_file_of_the_data_directory_that_cannot_be_written_names_the_directory_and_keeps_the_cause()
      throws Exception {
    // Where the new node key is written first, something that cannot be replaced.
    Files.createDirectories(dataDirectory.resolve("node-key.tmp").resolve("inside"));

    NodeStartException e =
        catchThrowableOfType(NodeStartException.class, () -> Node.start(zeroHop(), NO_EVENTS));

    assertThat(e.getMessage())
        .startsWith("cannot use data directory " + dataDirectory + ": ")
        .contains("node-key.tmp")
        .doesNotContain("\n");
    assertThat(e.getCause()).isInstanceOf(DirectoryNotEmptyException.class);
    try (var lock = DataDirectoryLock.tryAcquire(dataDirectory).orElseThrow()) {
      assertThat(lock).as("the lock is released after the failed start").isNotNull();
    }
  }
}
