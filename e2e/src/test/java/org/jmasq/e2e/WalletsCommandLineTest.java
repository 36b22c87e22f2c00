package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.ConfigTable;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.WrongPasswordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jmasq wallets generate} and {@code jmasq change-password} as separate processes, on one
 * data directory.
 */
class WalletsCommandLineTest {
  private static final Pattern WORDS = Pattern.compile("^ {2}([a-z]+(?: [a-z]+){11})$");
  private static final Pattern CONSUMING = Pattern.compile("^Consuming wallet: (0x[0-9a-f]{40}) ");
  @TempDir Path work;

  /** A file only its owner can read, holding {@code secret}: how a user hands over a password. */
  private Path secretFile(String name, String secret) throws java.io.IOException {
    Path file = work.resolve(name);
    Files.createFile(
        file,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, secret + "\n");
    return file;
  }

  private static String find(Pattern pattern, List<String> lines) {
    for (String line : lines) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("no line matches " + pattern + " in " + lines);
  }

  /** Runs one jmasq command to its end and returns its exit code. */
  private static int run(NodeProcess process) throws InterruptedException {
    int exit = process.awaitExit(Duration.ofSeconds(60));
    assertThat(exit).as(process.diagnostics()).isNotEqualTo(-1);
    return exit;
  }

  @Test
  void generated_wallets_are_kept_and_a_password_change_re_encrypts_them() throws Exception {
    Path data = work.resolve("data");
    List<String> printed;
    try (NodeProcess generate =
        NodeProcess.start(
            work.resolve("generate"),
            "wallets",
            "generate",
            "--data-directory",
            data.toString(),
            "--chain",
            "dev",
            "--db-password-file",
            secretFile("first", "first").toString(),
            "--word-count",
            "12")) {
      assertThat(run(generate)).as(generate.diagnostics()).isZero();
      assertThat(generate.stderr()).isEmpty();
      printed = generate.stdout();
    }
    assertThat(printed)
        .anyMatch(
            l ->
                l.startsWith(
                    "Write these words down; they are the only way to recover the wallets"));
    String phrase = find(WORDS, printed);
    Wallet consuming = Wallet.parse(find(CONSUMING, printed));

    try (NodeProcess change =
        NodeProcess.start(
            work.resolve("change"),
            "change-password",
            "--data-directory",
            data.toString(),
            "--chain",
            "dev",
            "--old-password-file",
            secretFile("old", "first").toString(),
            "--new-password-file",
            secretFile("new", "second").toString())) {
      assertThat(run(change)).as(change.diagnostics()).isZero();
      assertThat(change.stderr()).isEmpty();
    }

    try (NodeDatabase db = NodeDatabase.open(data, Chain.DEV)) {
      ConfigTable config = db.config();
      assertThat(
              config
                  .secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, "second")
                  .map(WalletKey::of)
                  .map(WalletKey::wallet))
          .contains(consuming);
      assertThat(config.secret(ConfigTable.MNEMONIC_SEED, "second"))
          .hasValueSatisfying(seed -> assertThat(seed).isEqualTo(Mnemonic.parse(phrase).seed("")));
      assertThatThrownBy(() -> config.secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, "first"))
          .isInstanceOf(WrongPasswordException.class);
    }
  }

  @Test
  void a_running_node_refuses_a_password_change_and_its_database_is_untouched() throws Exception {
    Path data = work.resolve("data");
    try (NodeProcess recover =
        NodeProcess.start(
            work.resolve("recover"),
            "wallets",
            "recover",
            "--data-directory",
            data.toString(),
            "--chain",
            "dev",
            "--db-password",
            "first",
            "--mnemonic",
            "myth like bonus scare over problem client lizard pioneer submit female collect")) {
      assertThat(run(recover)).as(recover.diagnostics()).isZero();
    }
    byte[] before = Files.readAllBytes(data.resolve(NodeDatabase.FILE_NAME));

    try (NodeProcess node =
            NodeProcess.start(
                work.resolve("node"),
                "node",
                "--neighborhood-mode",
                "zero-hop",
                "--chain",
                "dev",
                "--data-directory",
                data.toString(),
                "--proxy-port",
                "0");
        NodeProcess change =
            startWhenReady(
                node,
                "change-password",
                "--data-directory",
                data.toString(),
                "--chain",
                "dev",
                "--old-password-file",
                secretFile("old", "first").toString(),
                "--new-password-file",
                secretFile("new", "second").toString())) {
      assertThat(run(change)).isEqualTo(1);
      assertThat(change.stderr().strip())
          .isEqualTo(
              "jmasq: a Node, or another jmasq command, is using data directory "
                  + data
                  + "; stop it first (nothing was changed)");
      assertThat(node.isAlive()).isTrue();
    }
    assertThat(Files.readAllBytes(data.resolve(NodeDatabase.FILE_NAME))).isEqualTo(before);
  }

  private NodeProcess startWhenReady(NodeProcess node, String... args) throws Exception {
    node.awaitReady(Duration.ofSeconds(30));
    return NodeProcess.start(work.resolve("change"), args);
  }
}
