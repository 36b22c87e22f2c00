package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * How devnet makes each Node's process: the command line, which every local user can read, holds no
 * secret (the consuming key goes in the environment), and the Node's log files are its owner's
 * alone.
 */
class DevnetNodeProcessTest {
  @TempDir Path root;

  private static DevnetCommand devnet(String... args) {
    DevnetCommand command = new DevnetCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void no_nodes_command_line_holds_its_consuming_key_which_goes_in_its_environment()
      throws Exception {
    DevnetCommand devnet = devnet("--nodes", "5", "--no-local-chain", "--allow-private-targets");
    DevnetWallets wallets = new DevnetWallets();

    for (int i = 0; i < 5; i++) {
      String key = DevnetWallets.hex(wallets.consuming(i));
      ProcessBuilder process =
          DevnetNode.processBuilder(
              root.resolve("node-" + (i + 1)),
              devnet.nodeArgs(i, "127.0.0." + (i + 2), root),
              devnet.nodeSecrets(i));

      String commandLine = String.join(" ", process.command());
      assertThat(commandLine)
          .as("node %d's command line", i + 1)
          .doesNotContain(key)
          .doesNotContain(key.toUpperCase())
          .doesNotContain("--consuming-private-key")
          .doesNotContain("--db-password")
          .contains("--earning-wallet " + wallets.earning(i));
      assertThat(process.environment()).containsEntry("MASQ_CONSUMING_PRIVATE_KEY", key);
    }
  }

  @Test
  void devnets_own_masq_variables_do_not_reach_its_nodes() throws Exception {
    DevnetCommand devnet = devnet("--nodes", "3", "--no-local-chain");

    ProcessBuilder process =
        DevnetNode.processBuilder(
            root.resolve("node-1"), devnet.nodeArgs(0, "127.0.0.2", root), Map.of());

    // The build gives this test a MASQ_DB_PASSWORD of its own, as a user's shell may hold one.
    assertThat(System.getenv()).containsKey("MASQ_DB_PASSWORD");
    assertThat(process.environment().keySet()).noneMatch(name -> name.startsWith("MASQ_"));
  }

  @Test
  void a_nodes_log_files_are_readable_by_their_owner_only_even_when_they_existed_before()
      throws Exception {
    Path directory = root.resolve("node-2");
    Files.createDirectories(directory);
    Path oldLog = directory.resolve("node.log");
    Files.writeString(oldLog, "a log of an earlier run\n");
    Files.setPosixFilePermissions(oldLog, PosixFilePermissions.fromString("rw-r--r--"));
    DevnetCommand devnet = devnet("--nodes", "3", "--no-local-chain");

    DevnetNode.processBuilder(directory, devnet.nodeArgs(1, "127.0.0.3", root), Map.of());

    for (String log : List.of("node.log", "node.err")) {
      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(log))))
          .as(log)
          .isEqualTo("rw-------");
    }
  }

  @Test
  void a_private_file_is_made_for_its_owner_only() throws Exception {
    Path file = PrivateFiles.create(root.resolve("chain.err"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
