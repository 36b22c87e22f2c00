package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.jmasq.identity.Chain;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.ConfigTable;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.WrongPasswordException;
import org.jmasq.node.datadir.DataDirectoryLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangePasswordCommandTest {
  @TempDir Path work;

  /** A data directory whose database keeps ganache's wallets under the password "old". */
  private Path kept() {
    return Ganache.keptIn(work.resolve("kept"), "old");
  }

  @Test
  void a_misspelt_option_is_named_but_its_value_and_stray_words_are_not_repeated()
      throws Exception {
    Path dir = work.resolve("node");
    NodeDatabase.open(dir, Chain.DEV).close();

    CommandRun misspelt =
        CommandRun.of(
            "change-password",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--old-pasword",
            "hunter2",
            "--new-password",
            "new");
    assertThat(misspelt.exit()).isEqualTo(2);
    // The stray value is taken as the OLD word of change-password OLD NEW; it is not shown either.
    assertThat(misspelt.errLines()).containsExactly("jmasq: Unknown option: '--old-pasword'");
    assertThat(misspelt.err()).doesNotContain("hunter2");

    CommandRun words =
        CommandRun.of(
            "wallets",
            "recover",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--db-password",
            "pw",
            "myth",
            "like",
            "bonus",
            "--pass=phrase");
    assertThat(words.exit()).isEqualTo(2);
    assertThat(words.errLines())
        .containsExactly("jmasq: Unknown option: '--pass=...' (and 3 other arguments, not shown)");
  }

  @Test
  void the_first_password_is_set_on_a_database_that_has_none() throws Exception {
    Path dir = work.resolve("node");
    NodeDatabase.open(dir, Chain.DEV).close();

    CommandRun run =
        CommandRun.of(
            "change-password",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--new-password",
            "first");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("Set the database password of " + dir.resolve(NodeDatabase.FILE_NAME));
    try (NodeDatabase db = NodeDatabase.open(dir, Chain.DEV)) {
      assertThat(db.config().checkPassword("first")).isTrue();
    }
  }

  @Test
  void a_change_re_encrypts_every_secret_under_the_new_password_only() throws Exception {
    Path dir = kept();

    CommandRun run =
        CommandRun.of(
            "change-password",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--old-password",
            "old",
            "--new-password",
            "new");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.errLines()).isEmpty();
    assertThat(run.warnings())
        .containsExactly(
            "--old-password on the command line can be read by every user of this machine (ps,"
                + " /proc/<pid>/cmdline) and may stay in the shell's history; give it in"
                + " MASQ_OLD_PASSWORD or --old-password-file instead",
            "--new-password on the command line can be read by every user of this machine (ps,"
                + " /proc/<pid>/cmdline) and may stay in the shell's history; give it in"
                + " MASQ_NEW_PASSWORD or --new-password-file instead");
    assertThat(run.out()).startsWith("Changed the database password of ");
    try (NodeDatabase db = NodeDatabase.open(dir, Chain.DEV)) {
      ConfigTable config = db.config();
      assertThat(
              config
                  .secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, "new")
                  .map(WalletKey::of)
                  .map(WalletKey::wallet))
          .contains(Ganache.ACCOUNT_0);
      assertThat(config.secret(ConfigTable.MNEMONIC_SEED, "new"))
          .hasValueSatisfying(
              seed -> assertThat(seed).isEqualTo(Mnemonic.parse(Ganache.PHRASE).seed("")));
      assertThatThrownBy(() -> config.secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, "old"))
          .isInstanceOf(WrongPasswordException.class);
    }
    CommandRun again =
        CommandRun.of(
            "wallets",
            "recover",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--db-password",
            "new",
            "--mnemonic",
            Ganache.PHRASE);
    assertThat(again.exit()).as(again.err()).isZero();
  }

  @Test
  void the_passwords_can_come_from_the_environment() throws Exception {
    Path dir = kept();
    CommandRun run =
        CommandRun.with(
            Map.of("MASQ_OLD_PASSWORD", "old", "MASQ_NEW_PASSWORD", "new", "MASQ_CHAIN", "dev"),
            "",
            "change-password",
            "--data-directory",
            dir.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).as("no warning for secrets in the environment").isEmpty();
    try (NodeDatabase db = NodeDatabase.open(dir, Chain.DEV)) {
      assertThat(db.config().checkPassword("new")).isTrue();
    }
  }

  @Test
  void a_wrong_old_password_is_refused_and_the_old_one_still_works() throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        1,
        "The database password is wrong; nothing was changed",
        () ->
            CommandRun.of(
                "change-password",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--old-password",
                "guess",
                "--new-password",
                "new"));
    try (NodeDatabase db = NodeDatabase.open(dir, Chain.DEV)) {
      assertThat(db.config().checkPassword("old")).isTrue();
    }
  }

  @Test
  void a_missing_old_password_is_refused_when_one_is_set() throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        1,
        "A database password is already set; give the old one to change it",
        () ->
            CommandRun.of(
                "change-password",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--new-password",
                "new"));
  }

  @Test
  void an_old_password_is_refused_when_none_is_set() throws Exception {
    Path dir = work.resolve("node");
    NodeDatabase.open(dir, Chain.DEV).close();
    CommandRun.assertRefused(
        dir,
        1,
        "No database password is set yet, so there is no old one to give",
        () ->
            CommandRun.of(
                "change-password",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--old-password",
                "old",
                "--new-password",
                "new"));
  }

  @Test
  void a_database_of_another_chain_is_refused() throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        1,
        "belongs to the chain 'dev', not 'polygon-amoy'",
        () ->
            CommandRun.of(
                "change-password",
                "--data-directory",
                dir.toString(),
                "--chain",
                "polygon-amoy",
                "--old-password",
                "old",
                "--new-password",
                "new"));
  }

  @Test
  void a_running_node_refuses_the_change() throws Exception {
    Path dir = kept();
    DataDirectoryLock runningNode = DataDirectoryLock.tryAcquire(dir).orElseThrow();
    try {
      CommandRun.assertRefused(
          dir,
          1,
          "a Node, or another jmasq command, is using data directory " + dir,
          () ->
              CommandRun.of(
                  "change-password",
                  "--data-directory",
                  dir.toString(),
                  "--chain",
                  "dev",
                  "--old-password",
                  "old",
                  "--new-password",
                  "new"));
    } finally {
      runningNode.close();
    }
  }

  @Test
  void bad_flags_are_refused_before_anything_is_written() throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        2,
        "--new-password must not be empty",
        () ->
            CommandRun.of(
                "change-password",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--old-password",
                "old",
                "--new-password",
                ""));
    CommandRun.assertRefused(
        dir,
        2,
        "Missing required option: '--new-password",
        () ->
            CommandRun.of(
                "change-password",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--old-password",
                "old"));
  }

  @Test
  void a_directory_without_a_database_is_refused_and_not_created() {
    Path dir = work.resolve("nothing-here");
    CommandRun run =
        CommandRun.of(
            "change-password", "--data-directory", dir.toString(), "--new-password", "new");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("jmasq: no Node database in " + dir);
    assertThat(dir).doesNotExist();
  }
}
