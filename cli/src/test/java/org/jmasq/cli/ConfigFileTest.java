package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jmasq node} takes options from {@code config.toml} under the command line and the
 * environment, and refuses a file it cannot take whole with one line that names the file.
 */
class ConfigFileTest {
  @TempDir Path data;

  private Path write(String name, String content) throws IOException {
    Path file = data.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private NodeCommand node(Map<String, String> environment, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "node";
    all[1] = "--data-directory";
    all[2] = data.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Main.parsedNode(environment, all);
  }

  private CommandRun run(Map<String, String> environment, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "node";
    all[1] = "--neighborhood-mode";
    all[2] = "zero-hop";
    all[3] = "--data-directory";
    all[4] = data.toString();
    System.arraycopy(args, 0, all, 5, args.length);
    return CommandRun.with(environment, "", all);
  }

  /** Refused before a Node starts: exit 2, one line that contains {@code expected}, no trace. */
  private static void assertRefused(CommandRun run, String expected) {
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines().toList()).containsExactly("jmasq: " + expected);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void the_command_line_beats_the_environment_which_beats_the_file_which_beats_the_default()
      throws IOException {
    write(
        "config.toml",
        """
        # as the reference writes it
        min-hops = 2
        proxy-port = 2000
        log-level = "info"
        allow-private-targets = true
        """);

    NodeCommand node =
        node(Map.of("MASQ_MIN_HOPS", "4", "MASQ_PROXY_PORT", "2001"), "--min-hops", "5");

    assertThat(node.minHops).as("command line over environment and file").isEqualTo(5);
    assertThat(node.proxyPort).as("environment over file").isEqualTo(2001);
    assertThat(node.logLevel).as("file over default").isEqualTo("info");
    assertThat(node.allowPrivateTargets).as("a boolean from the file").isTrue();
    assertThat(node.payments.newPayerCredit).as("default").isEqualTo(10_485_760L);
    assertThat(node.dataDirectoryOrDefault()).isEqualTo(data);
  }

  @Test
  void a_number_may_be_given_as_a_string() throws IOException {
    write("config.toml", "clandestine-port = \"1234\"\nmin-hops = \"2\"\n");

    NodeCommand node = node(Map.of());

    assertThat(node.clandestinePort).isEqualTo(1234);
    assertThat(node.minHops).isEqualTo(2);
  }

  @Test
  void a_relative_config_file_is_found_in_the_data_directory() throws IOException {
    write("other.toml", "min-hops = 6\n");
    write("config.toml", "min-hops = 1\n");

    assertThat(node(Map.of(), "--config-file", "other.toml").minHops).isEqualTo(6);
    assertThat(node(Map.of("MASQ_CONFIG_FILE", "other.toml")).minHops).isEqualTo(6);
    assertThat(node(Map.of()).minHops).isEqualTo(1);
  }

  @Test
  void without_a_config_toml_the_defaults_stand() {
    assertThat(node(Map.of()).minHops).isEqualTo(3);
  }

  @Test
  void a_config_file_named_but_missing_is_refused() {
    Path missing = data.resolve("missing.toml");

    assertRefused(
        run(Map.of(), "--config-file", "missing.toml"),
        "config file " + missing + " does not exist");
  }

  @Test
  void an_unknown_key_is_refused_with_one_line_that_names_key_and_file() throws IOException {
    Path file = write("config.toml", "min-hops = 2\nminimum-hops = 3\n");

    CommandRun run = run(Map.of());

    assertRefused(
        run,
        "config file "
            + file
            + ": unknown key 'minimum-hops' (keys are the options of jmasq node without --; see"
            + " jmasq node --help)");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void a_bad_value_is_refused_naming_key_and_file() throws IOException {
    Path file = write("config.toml", "min-hops = 9\n");

    assertRefused(
        run(Map.of()),
        "config file "
            + file
            + ": min-hops: Invalid value for option '--min-hops': 9 is out of range (expected:"
            + " 1~6)");
  }

  @Test
  void a_bad_log_level_is_refused_naming_key_and_file() throws IOException {
    Path file = write("config.toml", "log-level = \"loud\"\n");

    assertRefused(
        run(Map.of()),
        "config file "
            + file
            + ": log-level: Invalid value for option '--log-level': 'loud' is not a level"
            + " (expected one of off, error, warn, info, debug, trace)");
  }

  @Test
  void a_flag_takes_only_true_or_false() throws IOException {
    Path file = write("config.toml", "allow-private-targets = \"yes\"\n");

    CommandRun run = run(Map.of());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("jmasq: config file " + file + ": allow-private-targets: ")
        .contains("'yes'");
  }

  @Test
  void a_bad_value_in_the_file_is_not_used_when_the_command_line_gives_the_option()
      throws IOException {
    write("config.toml", "min-hops = \"many\"\n");

    assertThat(node(Map.of(), "--min-hops", "2").minHops).isEqualTo(2);
  }

  @Test
  void a_table_is_refused() throws IOException {
    Path file = write("config.toml", "min-hops = 2\n[neighborhood]\nmode = \"zero-hop\"\n");

    assertRefused(
        run(Map.of()),
        "config file "
            + file
            + ": neighborhood is a table (expected: a string, an integer or a boolean)");
  }

  @Test
  void an_array_is_refused() throws IOException {
    Path file = write("config.toml", "neighbors = [\"a\", \"b\"]\n");

    assertRefused(
        run(Map.of()),
        "config file "
            + file
            + ": neighbors is an array (expected: a string, an integer or a boolean)");
  }

  @Test
  void a_file_larger_than_64_kib_is_refused() throws IOException {
    Path file = write("config.toml", "# padding\n".repeat(7000));

    assertRefused(run(Map.of()), "config file " + file + " is larger than 64 KiB");
  }

  @Test
  void a_file_that_is_not_toml_is_refused_in_one_line() throws IOException {
    Path file = write("config.toml", "min-hops = = 2\n");

    CommandRun run = run(Map.of());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("jmasq: config file " + file + " is not valid TOML: ")
        .endsWith("(line 1, column 12)");
  }

  @Test
  void where_the_file_is_cannot_come_from_the_file() throws IOException {
    Path file = write("config.toml", "data-directory = \"/elsewhere\"\n");

    assertRefused(
        run(Map.of()),
        "config file "
            + file
            + ": data-directory cannot be given in a config file (give --data-directory on the"
            + " command line or in MASQ_DATA_DIRECTORY)");
  }

  @Test
  void a_secret_is_taken_from_a_private_file() throws IOException {
    write("config.toml", "db-password = \"kept in the file\"\n");

    assertThat(node(Map.of()).dbPassword).isEqualTo("kept in the file");
  }

  @Test
  void a_secret_in_a_file_other_users_may_read_is_refused() throws IOException {
    Path file = write("config.toml", "db-password = \"kept in the file\"\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    CommandRun run = run(Map.of());

    assertRefused(
        run,
        "config file "
            + file
            + " holds db-password, a secret, but other users may read the file: chmod 600 "
            + file);
    assertThat(run.err()).doesNotContain("kept in the file");
  }

  @Test
  void a_file_without_secrets_may_be_readable_by_others() throws IOException {
    Path file = write("config.toml", "min-hops = 2\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(node(Map.of()).minHops).isEqualTo(2);
  }

  @Test
  void a_secret_in_the_environment_beats_a_secret_file_named_in_the_config_file()
      throws IOException {
    write("config.toml", "db-password-file = \"/nonexistent\"\n");

    NodeCommand node = node(Map.of("MASQ_DB_PASSWORD", "from the environment"));

    assertThat(node.dbPasswordFile).isNull();
    assertThat(node.dbPassword).isEqualTo("from the environment");
  }

  @Test
  void deep_nesting_is_refused_without_overflowing_the_stack() {
    for (String open : new String[] {"[", "{ b = "}) {
      byte[] content = ("a = " + open.repeat(20_000)).getBytes(StandardCharsets.UTF_8);

      assertThatThrownBy(() -> ConfigFile.parse(content, "deep.toml"))
          .isInstanceOf(ConfigFile.BadConfigFile.class)
          .hasMessageStartingWith("config file deep.toml");
    }
  }

  @Test
  void fractions_and_dates_are_no_option_values() throws Exception {
    assertThatThrownBy(() -> ConfigFile.parse("gas-price = 1.5".getBytes(), "f.toml"))
        .hasMessage(
            "config file f.toml: gas-price is a fraction (expected: a string, an integer or a"
                + " boolean)");
    assertThat(ConfigFile.parse("when = 1979-05-27".getBytes(), "d.toml"))
        .as("a date is taken as its text, which no option takes")
        .containsEntry("when", "1979-05-27");
  }

  @Test
  void a_file_that_is_not_utf_8_is_refused() {
    byte[] content = {'a', ' ', '=', ' ', '"', (byte) 0xf6, (byte) 0x93, '"'};

    assertThatThrownBy(() -> ConfigFile.parse(content, "latin.toml"))
        .hasMessage("config file latin.toml is not UTF-8 text");
  }

  @Test
  void a_file_that_names_another_chain_keeps_the_data_directory_it_was_found_in() {
    Path file = data.resolve("config.toml");
    NodeCommand node = new NodeCommand(java.io.InputStream.nullInputStream());
    new picocli.CommandLine(node)
        .setDefaultValueProvider(
            new EnvironmentDefaults(
                Map.of(),
                java.util.Optional.of(
                    new NodeConfigFile(data, new ConfigFile(file, Map.of("chain", "dev"))))))
        .parseArgs();

    assertThat(node.chain).isEqualTo(org.jmasq.identity.Chain.DEV);
    assertThat(node.dataDirectoryOrDefault()).isEqualTo(data);
  }
}
