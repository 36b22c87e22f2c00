package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.jmasq.identity.Chain;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets from a file, standard input or the environment, which other users cannot read; on the
 * command line, which they can, still taken but with a warning.
 */
class SecretsTest {
  private static final String KEY =
      "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";

  @TempDir Path work;

  /** A data directory whose database keeps ganache's wallets under the password "old". */
  private Path kept() {
    return Ganache.keptIn(work.resolve("kept"), "old");
  }

  private Path secretFile(String name, String content, String permissions) throws IOException {
    Path file = work.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void passwords_from_a_private_file_and_standard_input_are_taken_without_a_warning()
      throws Exception {
    Path dir = kept();
    Path old = secretFile("old-password", "old\n", "rw-------");

    CommandRun run =
        CommandRun.with(
            Map.of(),
            "new\n",
            "change-password",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--old-password-file",
            old.toString(),
            "--new-password-file",
            "-");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    try (NodeDatabase db = NodeDatabase.open(dir, Chain.DEV)) {
      assertThat(db.config().checkPassword("new")).isTrue();
    }
  }

  @Test
  void a_secret_file_that_other_users_can_read_is_taken_with_a_warning() throws Exception {
    Path dir = kept();
    Path old = secretFile("old-password", "old\n", "rw-r--r--");

    CommandRun run =
        CommandRun.with(
            Map.of("MASQ_NEW_PASSWORD", "new"),
            "",
            "change-password",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--old-password-file",
            old.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.warnings()).containsExactly(old + " can be read by other users; chmod 600 it");
  }

  @Test
  void a_password_typed_on_the_command_line_still_works_with_a_warning() throws Exception {
    Path dir = work.resolve("node");

    CommandRun run =
        CommandRun.of(
            "wallets",
            "recover",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--db-password",
            "secret",
            "--mnemonic",
            Ganache.PHRASE);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.warnings())
        .containsExactly(
            "--db-password on the command line can be read by every user of this machine (ps,"
                + " /proc/<pid>/cmdline) and may stay in the shell's history; give it in"
                + " MASQ_DB_PASSWORD or --db-password-file instead",
            "--mnemonic on the command line can be read by every user of this machine (ps,"
                + " /proc/<pid>/cmdline); leave it out and give the words as one line of standard"
                + " input");
  }

  @Test
  void standard_input_gives_one_secret_only() throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        2,
        "standard input gives one secret only, and it gives --old-password-file -; give"
            + " --new-password-file - in a file or the environment",
        () ->
            CommandRun.with(
                Map.of(),
                "old\nnew\n",
                "change-password",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--old-password-file",
                "-",
                "--new-password-file",
                "-"));
  }

  @Test
  void a_secret_and_its_file_together_are_refused() throws Exception {
    Path dir = kept();
    Path file = secretFile("password", "old\n", "rw-------");
    CommandRun.assertRefused(
        dir,
        2,
        "--db-password and --db-password-file cannot both be given",
        () ->
            CommandRun.of(
                "wallets",
                "recover",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--db-password",
                "old",
                "--db-password-file",
                file.toString(),
                "--mnemonic",
                Ganache.PHRASE));
  }

  @Test
  void a_consuming_key_file_that_holds_no_key_is_a_bad_flag_that_does_not_repeat_it()
      throws Exception {
    Path file = secretFile("key", "abc" + KEY.substring(3, 10) + "\n", "rw-------");

    CommandRun run =
        CommandRun.of(
            "node",
            "--neighborhood-mode",
            "zero-hop",
            "--data-directory",
            work.resolve("node").toString(),
            "--consuming-private-key-file",
            file.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "jmasq: --consuming-private-key-file: "
                + file
                + ": consuming private key: 10 characters (expected: 64 hex digits)");
    assertThat(run.err()).doesNotContain(KEY.substring(3, 10));
  }

  @Test
  void a_missing_secret_file_is_a_bad_flag() {
    Path missing = work.resolve("missing");

    CommandRun run =
        CommandRun.with(
            Map.of("MASQ_CONSUMING_PRIVATE_KEY", KEY),
            "",
            "node",
            "--neighborhood-mode",
            "zero-hop",
            "--data-directory",
            work.resolve("node").toString(),
            "--db-password-file",
            missing.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("jmasq: --db-password-file: cannot read " + missing);
    assertThat(run.warnings()).as("a key from the environment is not warned about").isEmpty();
  }
}
