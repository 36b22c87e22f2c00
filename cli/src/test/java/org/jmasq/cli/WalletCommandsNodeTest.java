package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jmasq.identity.Chain;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.NeighborhoodMode;
import org.jmasq.node.Node;
import org.jmasq.node.NodeConfig;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.blockchain.DerivationPath;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.ui.ReferenceFields;
import org.jmasq.node.ui.UiCodec;
import org.jmasq.node.ui.UiErrors;
import org.jmasq.node.ui.UiMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The password, wallet, configuration and scan commands run through {@code Main} over a real
 * WebSocket against a Node started in this JVM, and the same commands answered offline by the same
 * handlers; no secret reaches a broadcast or a log line.
 */
class WalletCommandsNodeTest {
  /** This class's own loopback net, so its Node never meets another test's. */
  private static final int NET = 139;

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path root;

  private static Node node;
  private static int port;
  private static int nobody;

  @BeforeAll
  static void start_a_lone_standard_node() throws Exception {
    port = freePort();
    nobody = freePort();
    node = Node.start(config(root.resolve("node")).withUiPort(port), new Quiet());
  }

  @AfterAll
  static void stop_the_node() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void wallets_are_generated_and_shown_with_the_password_and_no_secret_is_broadcast_or_logged()
      throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger jmasq = context.getLogger("org.jmasq");
    Level before = jmasq.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
    jmasq.setLevel(Level.TRACE);
    List<UiMessage> heard = new CopyOnWriteArrayList<>();
    try (UiConnection listener = UiConnection.open(port, WAIT, heard::add)) {
      CommandRun early = ui("wallet-addresses", "--db-password", "pw1");
      assertThat(early.exit()).isEqualTo(1);
      assertThat(early.errLines())
          .containsExactly("jmasq: no database password is set yet; set one first (set-password)");

      CommandRun set = ui("set-password", "pw1");
      assertThat(set.exit()).as(set.err()).isZero();
      assertThat(set.out().strip()).isEqualTo("Database password has been set");

      CommandRun none = ui("wallet-addresses", "--db-password", "pw1");
      assertThat(none.exit()).isEqualTo(1);
      assertThat(none.errLines()).singleElement().asString().contains("has no wallets yet");

      CommandRun generated = ui("generate-wallets", "--db-password", "pw1", "--word-count", "15");
      assertThat(generated.exit()).as(generated.err()).isZero();
      List<String> lines = generated.out().lines().toList();
      String phrase = lines.get(1).replace("'", "");
      assertThat(phrase.split(" ")).hasSize(15);
      WalletKey consuming =
          WalletKey.derive(Mnemonic.parse(phrase).seed(""), DerivationPath.CONSUMING);
      String key = java.util.HexFormat.of().formatHex(consuming.privateKeyBytes());
      assertThat(generated.out())
          .contains("Address of     consuming wallet: " + consuming.wallet())
          .contains("Private key of consuming wallet: " + key);

      CommandRun addresses = ui("wallet-addresses", "--db-password", "pw1");
      assertThat(addresses.exit()).as(addresses.err()).isZero();
      assertThat(addresses.out()).contains("Consuming wallet address: " + consuming.wallet());

      CommandRun again = ui("generate-wallets", "--db-password", "pw1");
      assertThat(again.exit()).isEqualTo(1);
      assertThat(again.errLines())
          .containsExactly("jmasq: this Node already has a wallet pair; cannot generate another");
      CommandRun wrong = ui("wallet-addresses", "--db-password", "guess");
      assertThat(wrong.exit()).isEqualTo(1);
      assertThat(wrong.errLines()).containsExactly("jmasq: the database password is wrong");

      CommandRun plain = ui("configuration");
      assertThat(plain.exit()).as(plain.err()).isZero();
      assertThat(plain.out()).contains("Chain:").contains("dev").doesNotContain(key);
      assertThat(plain.out()).containsPattern("Consuming wallet private key: +\\[\\?\\]");
      CommandRun secret = ui("configuration", "--db-password", "pw1");
      assertThat(secret.out())
          .containsPattern("Consuming wallet private key: +" + key)
          .containsPattern("Consuming wallet address: +" + consuming.wallet());

      // The raw answer over the wire: the reference's field names.
      ObjectNode request = JsonNodeFactory.instance.objectNode().put("dbPasswordOpt", "pw1");
      JsonNode answer = listener.ask("configuration", request);
      assertThat(names(answer)).containsExactlyInAnyOrderElementsOf(ReferenceFields.CONFIGURATION);
      assertThat(answer.get("clandestinePort").asInt())
          .isEqualTo(node.descriptor().nodeAddr().orElseThrow().ports().get(0));
      assertThat(answer.get("neighborhoodMode").asText()).isEqualTo("standard");

      CommandRun changed = ui("change-password", "pw1", "pw2");
      assertThat(changed.exit()).as(changed.err()).isZero();
      assertThat(changed.out().strip()).isEqualTo("Database password has been changed");
      assertThat(ui("wallet-addresses", "--db-password", "pw2").out())
          .contains(consuming.wallet().toString());

      // Whatever the listener heard, and whatever was logged at any level, holds no secret. The
      // Node's threads still log: the appender appends under its own lock, so the copy takes it.
      List<ILoggingEvent> logged;
      synchronized (logs) {
        logged = new ArrayList<>(logs.list);
      }
      String everything =
          Stream.concat(
                  heard.stream().map(UiCodec::encode),
                  logged.stream().map(ILoggingEvent::getFormattedMessage))
              .reduce("", (a, b) -> a + "\n" + b);
      assertThat(heard).isNotEmpty();
      assertThat(everything)
          .doesNotContain(key)
          .doesNotContain(phrase)
          .doesNotContain(phrase.split(" ")[0] + " " + phrase.split(" ")[1])
          .doesNotContain("pw1")
          .doesNotContain("pw2");
      assertThat(everything).contains("Wallets kept from a UI");
    } finally {
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
      jmasq.setLevel(before);
    }
  }

  @Test
  void gas_price_is_set_and_shown_by_configuration() {
    CommandRun set = ui("set-configuration", "--gas-price", "7");
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(ui("configuration").out()).containsPattern("Gas price: +7");
    CommandRun zero = ui("set-configuration", "--gas-price", "0");
    assertThat(zero.exit()).isEqualTo(1);
    assertThat(zero.errLines()).singleElement().asString().contains("gas-price: 0");
  }

  @Test
  void a_scan_without_a_chain_is_refused_with_the_nodes_reason() {
    CommandRun run = ui("scan", "receivables");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly(
            "jmasq: this Node runs no scans: it was started without --blockchain-service-url");
    CommandRun bogus = ui("scan", "everything");
    assertThat(bogus.exit()).isEqualTo(2);
  }

  @Test
  void over_the_wire_the_refusals_carry_the_reference_codes() throws Exception {
    try (UiConnection c = UiConnection.open(port, WAIT, m -> {})) {
      assertThat(code(c, "scan", "{\"scanType\":\"Payables\"}")).isEqualTo(UiErrors.SCAN_ERROR);
      assertThat(code(c, "walletAddresses", "{\"dbPassword\":\"nobody knows\"}"))
          .isEqualTo(UiErrors.BAD_PASSWORD_ERROR);
      assertThat(code(c, "setConfiguration", "{\"name\":\"gas-price\",\"value\":\"-1\"}"))
          .isEqualTo(UiErrors.NON_PARSABLE_VALUE);
      assertThat(code(c, "recoverWallets", "{\"dbPassword\":\"x\",\"seedSpecOpt\":null}"))
          .isIn(UiErrors.BAD_PASSWORD_ERROR);
    }
  }

  private static long code(UiConnection c, String opcode, String payload) throws Exception {
    try {
      c.ask(
          opcode, (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload));
    } catch (UiFailure f) {
      return f.code();
    }
    throw new AssertionError(opcode + " was answered, not refused");
  }

  @Test
  void without_a_node_the_same_handlers_set_the_password_and_recover_the_wallets()
      throws Exception {
    Path stopped = root.resolve("stopped");
    NodeDatabase.open(stopped, Chain.DEV).close();
    String[] offline = {
      "--ui-port", "" + nobody, "--data-directory", stopped.toString(), "--chain", "dev"
    };
    Mnemonic words = Mnemonic.generate(12, new java.security.SecureRandom());
    WalletKey consuming = WalletKey.derive(words.seed(""), DerivationPath.CONSUMING);
    WalletKey earning = WalletKey.derive(words.seed(""), DerivationPath.EARNING);

    CommandRun refused =
        CommandRun.of(
            join(
                List.of(
                    "recover-wallets", "--db-password", "pw", "--mnemonic-phrase", words.phrase()),
                offline));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.errLines())
        .containsExactly("jmasq: no database password is set yet; set one first (set-password)");

    CommandRun set = CommandRun.of(join(List.of("set-password", "pw"), offline));
    assertThat(set.exit()).as(set.err()).isZero();
    CommandRun recovered =
        CommandRun.of(
            join(
                List.of(
                    "recover-wallets", "--db-password", "pw", "--mnemonic-phrase", words.phrase()),
                offline));
    assertThat(recovered.exit()).as(recovered.err()).isZero();
    assertThat(recovered.out().strip()).isEqualTo("Wallets were successfully recovered");
    CommandRun shown =
        CommandRun.of(join(List.of("wallet-addresses", "--db-password", "pw"), offline));
    assertThat(shown.out())
        .contains("Consuming wallet address: " + consuming.wallet())
        .contains("Earning wallet address:   " + earning.wallet());
    CommandRun changed = CommandRun.of(join(List.of("change-password", "pw", "pw2"), offline));
    assertThat(changed.exit()).as(changed.err()).isZero();
    try (NodeDatabase db = NodeDatabase.open(stopped, Chain.DEV)) {
      assertThat(db.config().checkPassword("pw2")).isTrue();
    }
  }

  @Test
  void the_database_password_may_come_from_the_environment_and_is_required() {
    CommandRun fromEnvironment =
        CommandRun.with(
            java.util.Map.of("MASQ_DB_PASSWORD", "nobody knows"),
            "",
            "wallet-addresses",
            "--ui-port",
            "" + port);
    assertThat(fromEnvironment.exit()).isEqualTo(1);
    assertThat(fromEnvironment.errLines())
        .singleElement()
        .asString()
        .doesNotContain("Missing")
        .doesNotContain("nobody knows");
    assertThat(fromEnvironment.warnings()).isEmpty();
    CommandRun missing = ui("wallet-addresses");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.errLines())
        .containsExactly("jmasq: Missing required option: '--db-password' (or MASQ_DB_PASSWORD)");
    assertThat(ui("wallet-addresses", "--db-password", "typed").warnings())
        .singleElement()
        .asString()
        .contains("--db-password on the command line");
  }

  @Test
  void each_new_command_has_help_and_completion() {
    List<String> commands =
        List.of(
            "configuration",
            "set-password",
            "change-password",
            "generate-wallets",
            "recover-wallets",
            "wallet-addresses",
            "scan");
    String completion = CommandRun.of("generate-completion").out();
    for (String command : commands) {
      CommandRun help = CommandRun.of(command, "--help");
      assertThat(help.exit()).as(command).isZero();
      assertThat(help.out()).as(command).contains("Usage: jmasq " + command);
      assertThat(completion).as(command).contains(command);
    }
    assertThat(CommandRun.of("recover-wallets", "--help").out())
        .contains("--mnemonic-phrase")
        .contains("--consuming-key")
        .contains("--earning-address");
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static CommandRun ui(String... args) {
    return CommandRun.of(join(List.of(args), "--ui-port", "" + port));
  }

  private static String[] join(List<String> first, String... rest) {
    return Stream.concat(first.stream(), java.util.Arrays.stream(rest)).toArray(String[]::new);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static NodeConfig config(Path directory) throws IOException {
    return new NodeConfig(
        NeighborhoodMode.STANDARD,
        Chain.DEV,
        directory,
        0,
        List.of(),
        true,
        3,
        List.of(),
        Optional.of(InetAddress.getByAddress(new byte[] {127, 0, (byte) NET, 1})),
        0,
        Duration.ofSeconds(5),
        AccountantConfig.NONE);
  }

  private static class Quiet implements Node.Events {
    @Override
    public void stageChanged(ConnectionStage stage) {}

    @Override
    public void shutdownRequested(String reason) {}
  }
}
