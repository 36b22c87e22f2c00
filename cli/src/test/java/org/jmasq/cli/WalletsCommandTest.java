package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.accountant.Books;
import org.jmasq.node.blockchain.DerivationPath;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.ConfigTable;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.datadir.DataDirectoryLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WalletsCommandTest {
  private static final Pattern CONSUMING =
      Pattern.compile("Consuming wallet: (0x[0-9a-f]{40}) {2}\\((\\S+)\\)");
  private static final Pattern EARNING =
      Pattern.compile("Earning wallet: {3}(0x[0-9a-f]{40}) {2}\\((\\S+)\\)");
  private static final Pattern JSON =
      Pattern.compile(
          "\\{(?:\"mnemonic\":\"([a-z ]+)\",)?\"consumingWallet\":\"(0x[0-9a-f]{40})\",\"consumingPath\":\"([^\"]+)\","
              + "\"earningWallet\":\"(0x[0-9a-f]{40})\",\"earningPath\":\"([^\"]+)\"}");

  @TempDir Path work;

  private static String group(Pattern pattern, String text, int group) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(group);
  }

  private static WalletKey derived(String phrase, String passphrase, DerivationPath path) {
    return WalletKey.derive(Mnemonic.parse(phrase).seed(passphrase), path);
  }

  /** A data directory whose database keeps ganache's wallets under the password "secret". */
  private Path kept() {
    return Ganache.keptIn(work.resolve("kept"), "secret");
  }

  @Test
  void generate_keeps_the_wallets_and_shows_the_words_once_with_a_warning() throws Exception {
    Path dir = work.resolve("node");
    CommandRun run =
        CommandRun.of(
            "wallets",
            "generate",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--db-password",
            "secret",
            "--word-count",
            "12");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.errLines()).isEmpty();
    assertThat(run.warnings())
        .singleElement()
        .asString()
        .startsWith("--db-password on the command line can be read by every user");
    assertThat(run.out())
        .contains("Write these words down; they are the only way to recover the wallets");
    String phrase = group(Pattern.compile("\\n {2}([a-z]+(?: [a-z]+){11})\\n"), run.out(), 1);
    Wallet consuming = Wallet.parse(group(CONSUMING, run.out(), 1));
    Wallet earning = Wallet.parse(group(EARNING, run.out(), 1));
    assertThat(group(CONSUMING, run.out(), 2)).isEqualTo("m/44'/60'/0'/0/0");
    assertThat(group(EARNING, run.out(), 2)).isEqualTo("m/44'/60'/0'/0/1");
    assertThat(consuming).isEqualTo(derived(phrase, "", DerivationPath.CONSUMING).wallet());
    assertThat(earning).isEqualTo(derived(phrase, "", DerivationPath.EARNING).wallet());

    try (NodeDatabase db = NodeDatabase.open(dir, Chain.DEV)) {
      ConfigTable config = db.config();
      assertThat(config.checkPassword("secret")).isTrue();
      assertThat(
              config
                  .secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, "secret")
                  .map(WalletKey::of)
                  .map(WalletKey::wallet))
          .contains(consuming);
      assertThat(config.get(ConfigTable.EARNING_WALLET_ADDRESS)).contains(earning.toString());
      assertThat(config.secret(ConfigTable.MNEMONIC_SEED, "secret"))
          .hasValueSatisfying(seed -> assertThat(seed).isEqualTo(Mnemonic.parse(phrase).seed("")));
    }
    assertThat(
            new String(
                Files.readAllBytes(dir.resolve(NodeDatabase.FILE_NAME)),
                java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(phrase.split(" ")[0] + " " + phrase.split(" ")[1]);
  }

  @Test
  void a_node_started_with_the_password_uses_the_kept_wallets() throws Exception {
    Path dir = kept();
    AccountantConfig onlyThePassword =
        new AccountantConfig(
            Optional.empty(),
            Optional.empty(),
            Optional.of("secret"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    Books books = Books.open(dir, Chain.DEV, onlyThePassword);
    books.database().close();

    assertThat(books.consumingKey().map(WalletKey::wallet)).contains(Ganache.ACCOUNT_0);
    assertThat(books.earningWallet()).isEqualTo(Ganache.ACCOUNT_1);
  }

  @Test
  void generate_keeps_nothing_when_the_words_cannot_be_shown() throws Exception {
    Path dir = work.resolve("closed-output");
    picocli.CommandLine cli =
        Main.commandLine(java.util.Map.of(), new java.io.ByteArrayInputStream(new byte[0]));
    java.io.OutputStream broken =
        new java.io.OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            throw new java.io.IOException("Broken pipe");
          }
        };
    java.io.StringWriter err = new java.io.StringWriter();
    cli.setOut(new java.io.PrintWriter(broken, true));
    cli.setErr(new java.io.PrintWriter(err, true));

    int exit =
        cli.execute(
            "wallets",
            "generate",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--db-password",
            "secret");

    assertThat(exit).as(err.toString()).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("jmasq: ").contains("no wallet was kept");
    try (NodeDatabase db = NodeDatabase.open(dir, Chain.DEV)) {
      assertThat(db.config().holdsSecret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY)).isFalse();
      assertThat(db.config().holdsSecret(ConfigTable.MNEMONIC_SEED)).isFalse();
      assertThat(db.config().get(ConfigTable.EARNING_WALLET_ADDRESS)).isEmpty();
      assertThat(db.config().hasPassword()).as("not even the password").isFalse();
    }
  }

  @Test
  void generated_words_recovered_in_another_directory_give_the_same_wallets() {
    CommandRun generated =
        CommandRun.of(
            "wallets",
            "generate",
            "--data-directory",
            work.resolve("first").toString(),
            "--chain",
            "dev",
            "--db-password",
            "one",
            "--mnemonic-passphrase",
            "salt and pepper",
            "--json");
    assertThat(generated.exit()).as(generated.err()).isZero();
    String phrase = group(JSON, generated.out(), 1);
    assertThat(phrase.split(" ")).hasSize(24);

    CommandRun recovered =
        CommandRun.of(
            "wallets",
            "recover",
            "--data-directory",
            work.resolve("second").toString(),
            "--chain",
            "dev",
            "--db-password",
            "two",
            "--mnemonic-passphrase",
            "salt and pepper",
            "--mnemonic",
            phrase,
            "--json");

    assertThat(recovered.exit()).as(recovered.err()).isZero();
    assertThat(group(JSON, recovered.out(), 1)).as("recover never shows the words").isNull();
    assertThat(group(JSON, recovered.out(), 2)).isEqualTo(group(JSON, generated.out(), 2));
    assertThat(group(JSON, recovered.out(), 4)).isEqualTo(group(JSON, generated.out(), 4));
    assertThat(group(JSON, recovered.out(), 2))
        .isNotEqualTo(derived(phrase, "", DerivationPath.CONSUMING).wallet().toString());
  }

  @Test
  void recover_gives_the_wallets_of_the_test_vector() {
    CommandRun run =
        CommandRun.of(
            "wallets",
            "recover",
            "--data-directory",
            work.resolve("node").toString(),
            "--chain",
            "dev",
            "--db-password",
            "secret",
            "--mnemonic",
            Ganache.PHRASE,
            "--mnemonic-passphrase",
            "");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.errLines()).isEmpty();
    assertThat(run.warnings())
        .as("each secret typed on the command line")
        .hasSize(3)
        .anyMatch(w -> w.startsWith("--mnemonic on the command line"))
        .anyMatch(w -> w.startsWith("--mnemonic-passphrase on the command line"));
    assertThat(run.out()).doesNotContain("myth");
    assertThat(Wallet.parse(group(CONSUMING, run.out(), 1)))
        .isEqualTo(derived(Ganache.PHRASE, "", DerivationPath.CONSUMING).wallet())
        .isEqualTo(Ganache.ACCOUNT_0);
    assertThat(Wallet.parse(group(EARNING, run.out(), 1)))
        .isEqualTo(derived(Ganache.PHRASE, "", DerivationPath.EARNING).wallet())
        .isEqualTo(Ganache.ACCOUNT_1);
  }

  @Test
  void recover_reads_the_words_from_standard_input_when_no_mnemonic_is_given() throws Exception {
    Path dir = work.resolve("node");
    CommandRun run =
        CommandRun.with(
            Map.of(),
            "  Myth like bonus scare over problem client lizard pioneer submit female collect \nignored\n",
            "wallets",
            "recover",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--db-password",
            "secret");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Wallet.parse(group(CONSUMING, run.out(), 1))).isEqualTo(Ganache.ACCOUNT_0);
    assertThat(Wallet.parse(group(EARNING, run.out(), 1))).isEqualTo(Ganache.ACCOUNT_1);
    try (NodeDatabase db = NodeDatabase.open(dir, Chain.DEV)) {
      assertThat(db.config().get(ConfigTable.EARNING_WALLET_ADDRESS))
          .contains(Ganache.ACCOUNT_1.toString());
    }
  }

  @Test
  void other_derivation_paths_give_the_wallets_at_those_paths() {
    CommandRun run =
        CommandRun.of(
            "wallets",
            "recover",
            "--data-directory",
            work.resolve("node").toString(),
            "--chain",
            "dev",
            "--db-password",
            "secret",
            "--mnemonic",
            Ganache.PHRASE,
            "--consuming-path",
            "m/44'/60'/0'/0/5",
            "--earning-path",
            "m/44h/60h/1h/0/0");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(group(CONSUMING, run.out(), 2)).isEqualTo("m/44'/60'/0'/0/5");
    assertThat(group(EARNING, run.out(), 2)).isEqualTo("m/44'/60'/1'/0/0");
    assertThat(Wallet.parse(group(CONSUMING, run.out(), 1)))
        .isEqualTo(derived(Ganache.PHRASE, "", DerivationPath.parse("m/44'/60'/0'/0/5")).wallet());
    assertThat(Wallet.parse(group(EARNING, run.out(), 1)))
        .isEqualTo(derived(Ganache.PHRASE, "", DerivationPath.parse("m/44'/60'/1'/0/0")).wallet());
  }

  @Test
  void the_options_can_come_from_the_environment() {
    Path dir = work.resolve("node");
    CommandRun run =
        CommandRun.with(
            Map.of(
                "MASQ_DATA_DIRECTORY",
                dir.toString(),
                "MASQ_CHAIN",
                "dev",
                "MASQ_DB_PASSWORD",
                "from the environment"),
            Ganache.PHRASE + "\n",
            "wallets",
            "recover");

    assertThat(run.exit()).as(run.err()).isZero();
    CommandRun again =
        CommandRun.of(
            "change-password",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--old-password",
            "from the environment",
            "--new-password",
            "next");
    assertThat(again.exit()).as(again.err()).isZero();
  }

  @Test
  void the_same_wallets_again_are_accepted() throws Exception {
    Path dir = kept();
    CommandRun run =
        CommandRun.with(
            Map.of(),
            Ganache.PHRASE + "\n",
            "wallets",
            "recover",
            "--data-directory",
            dir.toString(),
            "--chain",
            "dev",
            "--db-password",
            "secret");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Wallet.parse(group(CONSUMING, run.out(), 1))).isEqualTo(Ganache.ACCOUNT_0);
  }

  @Test
  void other_wallets_than_the_kept_ones_are_refused() throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        1,
        "A different consuming wallet key is already kept in "
            + dir.resolve(NodeDatabase.FILE_NAME),
        () ->
            CommandRun.of(
                "wallets",
                "generate",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--db-password",
                "secret"));
    CommandRun.assertRefused(
        dir,
        1,
        "A different consuming wallet key is already kept",
        () ->
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
                Ganache.PHRASE,
                "--mnemonic-passphrase",
                "another"));
  }

  @Test
  void another_earning_wallet_than_the_kept_one_is_refused() throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        1,
        "The earning wallet " + Ganache.ACCOUNT_1 + " is already kept",
        () ->
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
                Ganache.PHRASE,
                "--earning-path",
                "m/44'/60'/0'/0/7"));
  }

  @Test
  void a_wrong_database_password_is_refused() throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        1,
        "The database password is wrong; nothing was changed",
        () ->
            CommandRun.of(
                "wallets",
                "recover",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--db-password",
                "guess",
                "--mnemonic",
                Ganache.PHRASE));
  }

  @Test
  void a_database_of_another_chain_is_refused() throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        1,
        "belongs to the chain 'dev', not 'base-sepolia'",
        () ->
            CommandRun.of(
                "wallets",
                "generate",
                "--data-directory",
                dir.toString(),
                "--chain",
                "base-sepolia",
                "--db-password",
                "secret"));
    CommandRun.assertRefused(
        dir,
        1,
        "belongs to the chain 'dev', not 'base-mainnet'",
        () ->
            CommandRun.of(
                "wallets",
                "recover",
                "--data-directory",
                dir.toString(),
                "--db-password",
                "secret",
                "--mnemonic",
                Ganache.PHRASE));
  }

  @Test
  void a_running_node_refuses_both_commands() throws Exception {
    Path dir = kept();
    DataDirectoryLock runningNode = DataDirectoryLock.tryAcquire(dir).orElseThrow();
    try {
      CommandRun.assertRefused(
          dir,
          1,
          "a Node, or another jmasq command, is using data directory " + dir,
          () ->
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
                  Ganache.PHRASE));
      CommandRun.assertRefused(
          dir,
          1,
          "is using data directory",
          () ->
              CommandRun.of(
                  "wallets",
                  "generate",
                  "--data-directory",
                  dir.toString(),
                  "--chain",
                  "dev",
                  "--db-password",
                  "secret"));
    } finally {
      runningNode.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "11 words      | myth like bonus scare over problem client lizard pioneer submit female         | mnemonic: 11 words (expected: 12, 15, 18, 21 or 24",
        "unknown word  | myth like bonus scare over problem client lizard pioneer submit female collectt | word 12 is not in the English BIP-39 word list",
        "bad checksum  | like myth bonus scare over problem client lizard pioneer submit female collect  | the checksum does not match",
      })
  void malformed_words_are_refused_as_an_argument_and_on_standard_input(
      String what, String phrase, String expected) throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        2,
        expected,
        () ->
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
                phrase));
    CommandRun.assertRefused(
        dir,
        2,
        "standard input: " + "mnemonic: ",
        () ->
            CommandRun.with(
                Map.of(),
                phrase + "\n",
                "wallets",
                "recover",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--db-password",
                "secret"));
  }

  @Test
  void no_words_at_all_are_refused() throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        2,
        "no mnemonic: give --mnemonic, or the words as one line on standard input",
        () ->
            CommandRun.of(
                "wallets",
                "recover",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--db-password",
                "secret"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--consuming-path | m/44/60/0/0/0     | has 0 hardened components",
        "--consuming-path | 44'/60'/0'/0/0    | does not start with m/",
        "--earning-path   | m/44'/sixty'/0'/0 | component 'sixty'' is not an index",
        "--earning-path   | m/44'/60'/0'/0/   | component '' is not an index",
      })
  void a_malformed_derivation_path_is_refused(String option, String path, String expected)
      throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        2,
        expected,
        () ->
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
                Ganache.PHRASE,
                option,
                path));
    CommandRun.assertRefused(
        dir,
        2,
        expected,
        () ->
            CommandRun.of(
                "wallets",
                "generate",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--db-password",
                "secret",
                option,
                path));
  }

  @Test
  void bad_flags_are_refused_before_anything_is_written() throws Exception {
    Path dir = kept();
    CommandRun.assertRefused(
        dir,
        2,
        "'13' is not a word count (expected: 12, 15, 18, 21 or 24)",
        () ->
            CommandRun.of(
                "wallets",
                "generate",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--db-password",
                "secret",
                "--word-count",
                "13"));
    CommandRun.assertRefused(
        dir,
        2,
        "--db-password must not be empty",
        () ->
            CommandRun.of(
                "wallets",
                "generate",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--db-password",
                ""));
    CommandRun.assertRefused(
        dir,
        2,
        "Missing required option: '--db-password",
        () ->
            CommandRun.of(
                "wallets",
                "recover",
                "--data-directory",
                dir.toString(),
                "--chain",
                "dev",
                "--mnemonic",
                Ganache.PHRASE));
    CommandRun.assertRefused(
        dir, 2, "a subcommand is required: generate or recover", () -> CommandRun.of("wallets"));
  }
}
