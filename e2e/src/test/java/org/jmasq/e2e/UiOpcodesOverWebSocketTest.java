package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.e2e.UiClient.fields;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jmasq.identity.Chain;
import org.jmasq.node.ui.ReferenceFields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every opcode of MASQNode-UIv2 (SYSTEM.md Part 2 §8.3) and each error code docs/UI.md documents,
 * sent by the JDK's WebSocket client to a {@code jmasq daemon} and the Nodes it starts: first a
 * zero-hop Node (which keeps no database), killed to see {@code crashed}, then a standard Node with
 * a database and the local chain, which a second standard Node joins (each on a loopback address of
 * its own: one Node per IP), shut down at the end. Each payload's field names are checked against
 * §8.3's, as exact sets.
 */
class UiOpcodesOverWebSocketTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final String CONFIGURATOR_READ_ERROR = code(0x0001_0000_0000_0001L);
  private static final String CONFIGURATOR_WRITE_ERROR = code(0x0001_0000_0000_0002L);
  private static final String UNRECOGNIZED_MNEMONIC_LANGUAGE = code(0x0001_0000_0000_0003L);
  private static final String ILLEGAL_MNEMONIC_WORD_COUNT = code(0x0001_0000_0000_0004L);
  private static final String KEY_PAIR_CONSTRUCTION = code(0x0001_0000_0000_0005L);
  private static final String BAD_PASSWORD = code(0x0001_0000_0000_0006L);
  private static final String ALREADY_INITIALIZED = code(0x0001_0000_0000_0007L);
  private static final String DERIVATION_PATH = code(0x0001_0000_0000_0008L);
  private static final String MNEMONIC_PHRASE = code(0x0001_0000_0000_0009L);
  private static final String EARLY_QUESTIONING = code(0x0001_0000_0000_000AL);
  private static final String UNRECOGNIZED_PARAMETER = code(0x0001_0000_0000_000BL);
  private static final String NON_PARSABLE_VALUE = code(0x0001_0000_0000_000CL);
  private static final String MISSING_DATA = code(0x0001_0000_0000_000DL);
  private static final String NODE_LAUNCH = code(0x8000_0000_0000_0001L);
  private static final String NODE_NOT_RUNNING = code(0x8000_0000_0000_0002L);
  private static final String NODE_ALREADY_RUNNING = code(0x8000_0000_0000_0003L);
  private static final String UNMARSHAL = code(0x8000_0000_0000_0004L);
  private static final String TIMEOUT = code(0x8000_0000_0000_0006L);
  private static final String SCAN = code(0x8000_0000_0000_0007L);
  private static final String EXIT_COUNTRY_MISSING = code(0x8000_0000_0000_0008L);
  private static final String REQUEST_WITH_NO_VALUES = code(0x0040_0000_0000_0001L);
  private static final String MUTUALLY_EXCLUSIVE = code(0x0040_0000_0000_0002L);
  private static final String VALUE_EXCEEDS_LIMIT = code(0x0040_0000_0000_0003L);

  private static final String ADDRESS = "0x" + "ab".repeat(20);

  @TempDir Path work;

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final List<Long> nodes = new ArrayList<>();
  private long contextId;

  @AfterEach
  void stopEverything() throws Exception {
    nodes.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    for (AutoCloseable c : opened.reversed()) {
      c.close();
    }
  }

  @Test
  void every_opcode_and_error_of_the_protocol_answers_with_the_references_field_names()
      throws Exception {
    int port = DaemonProcessTest.freePort();
    NodeProcess daemon =
        open(NodeProcess.start(work.resolve("daemon"), "daemon", "--ui-port", "" + port));
    daemon.awaitLine(
        Pattern.compile("JMasq Daemon \\(MASQNode-UIv2\\) on ws://127.0.0.1:" + port), WAIT);
    UiClient ui = open(UiClient.connect(port));

    // No Node yet: the Daemon answers what it does not handle with "not running".
    assertThat(ui.errorOf("descriptor", ++contextId, "{}")).isEqualTo(NODE_NOT_RUNNING);
    ui.sendRaw("{\"opcode\":\"descriptor\",\"payload\":{}}");
    assertThat(fields(ui.broadcast("undelivered").get("payload"))).containsExactly("opcode");
    assertThat(ui.errorOf("setup", ++contextId, "{\"values\":7}")).isEqualTo(UNMARSHAL);
    setup(ui, "neighborhood-mode", "originate-only", "data-directory", dir("bad"));
    assertThat(ui.errorOf("start", ++contextId, "{}")).isEqualTo(NODE_LAUNCH);

    // A zero-hop Node: started, redirected to, asked what needs a database, killed.
    setup(ui, "neighborhood-mode", "zero-hop", "data-directory", dir("zero"));
    int zeroPort = start(ui);
    assertThat(ui.errorOf("start", ++contextId, "{}")).isEqualTo(NODE_ALREADY_RUNNING);
    assertThat(
            ui.errorOf(
                "setup", ++contextId, "{\"values\":[{\"name\":\"chain\",\"value\":\"dev\"}]}"))
        .isEqualTo(NODE_ALREADY_RUNNING);
    long redirected = ++contextId;
    ui.send("connectionStatus", redirected, "{}");
    JsonNode redirect = ui.broadcast("redirect").get("payload");
    assertThat(fields(redirect))
        .containsExactlyInAnyOrder("port", "opcode", "contextId", "payload");
    assertThat(redirect.get("port").asInt()).isEqualTo(zeroPort);
    assertThat(redirect.get("contextId").asLong()).isEqualTo(redirected);
    try (UiClient zero = UiClient.connect(redirect.get("port").asInt())) {
      JsonNode status =
          zero.payloadOf(
              redirect.get("opcode").asText(), redirected, redirect.get("payload").asText());
      assertThat(fields(status)).containsExactly("stage");
      assertThat(status.get("stage").asText()).isEqualTo("RouteFound");
      assertThat(zero.errorOf("checkPassword", ++contextId, "{\"dbPasswordOpt\":null}"))
          .isEqualTo(CONFIGURATOR_READ_ERROR);
      assertThat(setConfiguration(zero, "gas-price", "2")).isEqualTo(CONFIGURATOR_WRITE_ERROR);
      assertThat(zero.errorOf("scan", ++contextId, "{\"scanType\":\"Payables\"}")).isEqualTo(SCAN);
    }
    long zeroPid = nodes.get(nodes.size() - 1);
    ProcessHandle.of(zeroPid).orElseThrow().destroyForcibly();
    JsonNode crashed = ui.broadcast("crashed").get("payload");
    assertThat(fields(crashed)).containsExactlyInAnyOrder("processId", "crashReason");
    assertThat(crashed.get("processId").asLong()).isEqualTo(zeroPid);
    assertThat(fields(crashed.get("crashReason"))).containsExactly("Unrecognized");

    // A standard Node with a database and the local chain, after the crash: the Daemon takes setup
    // and start again.
    LocalChain chain = open(LocalChain.start(work.resolve("chain"), Chain.DEV.chainId()));
    setup(
        ui,
        "neighborhood-mode",
        "standard",
        "ip",
        "127.0.0.61",
        "clandestine-port",
        "" + DaemonProcessTest.freePort(),
        "chain",
        "dev",
        "blockchain-service-url",
        chain.url,
        "token-contract",
        chain.token.toString(),
        "data-directory",
        dir("standard"));
    int nodePort = start(ui);
    UiClient node = open(UiClient.connect(nodePort));
    UiClient other = open(UiClient.connect(nodePort));
    JsonNode wallets = standardNode(node, other);

    // Another Node joins this one: every client hears the new stage.
    String descriptor =
        node.payloadOf("descriptor", ++contextId, "{}").get("nodeDescriptorOpt").asText();
    int joinerUi = DaemonProcessTest.freePort();
    NodeProcess joiner =
        open(
            NodeProcess.start(
                work.resolve("joiner"),
                "node",
                "--ui-port",
                "" + joinerUi,
                "--neighborhood-mode",
                "standard",
                "--ip",
                "127.0.0.62",
                "--clandestine-port",
                "" + DaemonProcessTest.freePort(),
                "--chain",
                "dev",
                "--proxy-port",
                "0",
                "--neighbors",
                descriptor,
                "--data-directory",
                dir("joiner")));
    JsonNode change = other.broadcast("connectionChange").get("payload");
    assertThat(fields(change)).containsExactly("stage");
    assertThat(change.get("stage").asText()).isEqualTo("ConnectedToNeighbor");

    JsonNode log = other.broadcast("logBroadcast").get("payload");
    assertThat(fields(log)).containsExactlyInAnyOrder("msg", "logLevel");
    assertThat(log.get("logLevel").asText()).isIn("Info", "Warn", "Error");

    // The joiner recovers the wallets the first Node generated, from their words.
    joiner.awaitReady(WAIT);
    try (UiClient j = UiClient.connect(joinerUi)) {
      j.payloadOf(
          "changePassword", ++contextId, "{\"oldPasswordOpt\":null,\"newPassword\":\"pw\"}");
      String words = UiClient.JSON.writeValueAsString(wallets.get("mnemonicPhraseOpt"));
      JsonNode recovered =
          j.payloadOf(
              "recoverWallets",
              ++contextId,
              "{\"dbPassword\":\"pw\",\"seedSpecOpt\":{\"mnemonicPhrase\":"
                  + words
                  + ",\"mnemonicPhraseLanguageOpt\":\"English\",\"mnemonicPassphraseOpt\":null},"
                  + "\"consumingDerivationPathOpt\":\"m/44'/60'/0'/0/0\",\"consumingPrivateKeyOpt\":null,"
                  + "\"earningDerivationPathOpt\":\"m/44'/60'/0'/0/1\",\"earningAddressOpt\":null}");
      assertThat(fields(recovered)).isEmpty();
      JsonNode addresses = j.payloadOf("walletAddresses", ++contextId, "{\"dbPassword\":\"pw\"}");
      assertThat(addresses.get("consumingWalletAddress").asText())
          .isEqualToIgnoringCase(wallets.get("consumingWalletAddress").asText());
      assertThat(addresses.get("earningWalletAddress").asText())
          .isEqualToIgnoringCase(wallets.get("earningWalletAddress").asText());
    }

    long pid = nodes.get(nodes.size() - 1);
    assertThat(fields(node.payloadOf("shutdown", ++contextId, "{}"))).isEmpty();
    assertThat(
            ProcessHandle.of(pid)
                .map(p -> p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join()))
        .isPresent();
    daemon.awaitLine(Pattern.compile("JMasq Node stopped: its UI asked it to shut down"), WAIT);
    // The Daemon tells a shutdown (exit code 0) from a crash: once it takes setup again, it has
    // seen the Node end, and it has logged no crash and broadcast no second `crashed`.
    JsonNode again = ui.payloadOf("setup", ++contextId, "{\"values\":[]}");
    assertThat(again.get("running").asBoolean()).isFalse();
    ui.payloadOf("setup", ++contextId, "{\"values\":[]}");
    assertThat(daemon.stderr()).doesNotContain("The Node (process " + pid + ") ended");
    assertThat(ui.heard("crashed")).hasSize(1);
  }

  /** The opcodes a Node with a database serves, in an order that makes each error reachable. */
  private JsonNode standardNode(UiClient node, UiClient other) throws Exception {
    JsonNode descriptor = node.payloadOf("descriptor", ++contextId, "{}");
    assertThat(fields(descriptor)).containsExactly("nodeDescriptorOpt");
    assertThat(descriptor.get("nodeDescriptorOpt").asText()).startsWith("masq://dev:");
    assertThat(fields(node.payloadOf("connectionStatus", ++contextId, "{}")))
        .containsExactly("stage");
    JsonNode graph = node.payloadOf("neighborhoodGraph", ++contextId, "{}");
    assertThat(fields(graph)).containsExactly("graph");
    assertThat(graph.get("graph").asText()).contains("graph");

    // A scan on the chain, answered once done (before start-block is set past the chain's blocks).
    assertThat(fields(node.payloadOf("scan", ++contextId, "{\"scanType\":\"Receivables\"}")))
        .isEmpty();

    // Passwords.
    assertThat(fields(node.payloadOf("checkPassword", ++contextId, "{\"dbPasswordOpt\":null}")))
        .containsExactly("matches");
    assertThat(walletError(node, "walletAddresses", "{\"dbPassword\":\"x\"}"))
        .isEqualTo(BAD_PASSWORD);
    assertThat(
            fields(
                node.payloadOf(
                    "changePassword",
                    ++contextId,
                    "{\"oldPasswordOpt\":null,\"newPassword\":\"pw\"}")))
        .isEmpty();
    assertThat(fields(other.broadcast("newPassword").get("payload"))).isEmpty();
    assertThat(
            node.payloadOf("checkPassword", ++contextId, "{\"dbPasswordOpt\":\"pw\"}")
                .get("matches")
                .asBoolean())
        .isTrue();
    assertThat(
            node.errorOf(
                "changePassword", ++contextId, "{\"oldPasswordOpt\":\"no\",\"newPassword\":\"x\"}"))
        .isEqualTo(BAD_PASSWORD);
    assertThat(
            node.errorOf(
                "changePassword", ++contextId, "{\"oldPasswordOpt\":\"pw\",\"newPassword\":\"\"}"))
        .isEqualTo(NON_PARSABLE_VALUE);

    // Wallets: each refusal before the one success.
    assertThat(walletError(node, "walletAddresses", "{\"dbPassword\":\"pw\"}"))
        .isEqualTo(EARLY_QUESTIONING);
    assertThat(
            generate(
                node,
                "{\"mnemonicPhraseSizeOpt\":24,\"mnemonicPhraseLanguageOpt\":\"Klingon\"}",
                "m/44'/60'/0'/0/0"))
        .isEqualTo(UNRECOGNIZED_MNEMONIC_LANGUAGE);
    assertThat(generate(node, "{\"mnemonicPhraseSizeOpt\":13}", "m/44'/60'/0'/0/0"))
        .isEqualTo(ILLEGAL_MNEMONIC_WORD_COUNT);
    assertThat(generate(node, "{\"mnemonicPhraseSizeOpt\":12}", "not a path"))
        .isEqualTo(DERIVATION_PATH);
    assertThat(recover(node, null, "\"zz\"", "\"" + ADDRESS + "\""))
        .isEqualTo(KEY_PAIR_CONSTRUCTION);
    assertThat(recover(node, null, null, null)).isEqualTo(MISSING_DATA);
    String badPhrase = "\"abandon\",".repeat(11) + "\"abandon\"";
    assertThat(recover(node, "{\"mnemonicPhrase\":[" + badPhrase + "]}", null, null))
        .isEqualTo(MNEMONIC_PHRASE);
    JsonNode wallets =
        node.payloadOf(
            "generateWallets",
            ++contextId,
            "{\"dbPassword\":\"pw\",\"seedSpecOpt\":{\"mnemonicPhraseSizeOpt\":12,"
                + "\"mnemonicPhraseLanguageOpt\":\"English\",\"mnemonicPassphraseOpt\":null},"
                + "\"consumingDerivationPathOpt\":\"m/44'/60'/0'/0/0\","
                + "\"earningDerivationPathOpt\":\"m/44'/60'/0'/0/1\"}");
    assertThat(fields(wallets))
        .containsExactlyInAnyOrder(
            "mnemonicPhraseOpt",
            "consumingWalletAddress",
            "consumingWalletPrivateKey",
            "earningWalletAddress",
            "earningWalletPrivateKey");
    assertThat(wallets.get("mnemonicPhraseOpt")).hasSize(12);
    assertThat(recover(node, null, "\"" + "11".repeat(32) + "\"", "\"" + ADDRESS + "\""))
        .isEqualTo(ALREADY_INITIALIZED);
    JsonNode addresses = node.payloadOf("walletAddresses", ++contextId, "{\"dbPassword\":\"pw\"}");
    assertThat(fields(addresses))
        .containsExactlyInAnyOrder("consumingWalletAddress", "earningWalletAddress");
    assertThat(addresses.get("earningWalletAddress").asText())
        .isEqualToIgnoringCase(wallets.get("earningWalletAddress").asText());

    // setConfiguration, then configuration shows the values kept.
    assertThat(setConfiguration(node, "gas-price", "7")).isEmpty();
    assertThat(setConfiguration(node, "min-hops", "4")).isEmpty();
    assertThat(setConfiguration(node, "start-block", "1234")).isEmpty();
    assertThat(setConfiguration(node, "colour", "blue")).isEqualTo(UNRECOGNIZED_PARAMETER);
    assertThat(setConfiguration(node, "min-hops", "9")).isEqualTo(NON_PARSABLE_VALUE);
    JsonNode configuration =
        node.payloadOf("configuration", ++contextId, "{\"dbPasswordOpt\":\"pw\"}");
    assertThat(fields(configuration))
        .containsExactlyInAnyOrderElementsOf(ReferenceFields.CONFIGURATION);
    assertThat(fields(configuration.get("paymentThresholds")))
        .containsExactlyInAnyOrderElementsOf(ReferenceFields.PAYMENT_THRESHOLDS);
    assertThat(fields(configuration.get("ratePack")))
        .containsExactlyInAnyOrderElementsOf(ReferenceFields.RATE_PACK);
    assertThat(fields(configuration.get("scanIntervals")))
        .containsExactlyInAnyOrderElementsOf(ReferenceFields.SCAN_INTERVALS);
    assertThat(configuration.get("gasPrice").asLong()).isEqualTo(7);
    assertThat(configuration.get("startBlock").asLong()).isEqualTo(1234);
    assertThat(configuration.get("consumingWalletAddressOpt").asText())
        .isEqualToIgnoringCase(wallets.get("consumingWalletAddress").asText());

    // Financials: the stats and a top-records query on empty books, and the three refusals.
    JsonNode financials =
        node.payloadOf(
            "financials",
            ++contextId,
            "{\"statsRequired\":true,\"topRecordsOpt\":{\"count\":10,\"orderedBy\":\"Balance\"}}");
    assertThat(fields(financials)).containsExactlyInAnyOrder("statsOpt", "queryResultsOpt");
    assertThat(fields(financials.get("statsOpt")))
        .containsExactlyInAnyOrder(
            "totalUnpaidAndPendingPayableGwei",
            "totalPaidPayableGwei",
            "totalUnpaidReceivableGwei",
            "totalPaidReceivableGwei",
            // JMasq's exact amounts (docs/UI.md).
            "totalUnpaidAndPendingPayableWei",
            "totalUnpaidReceivableWei");
    assertThat(fields(financials.get("queryResultsOpt")))
        .containsExactlyInAnyOrder("payableOpt", "receivableOpt");
    assertThat(node.errorOf("financials", ++contextId, "{\"statsRequired\":false}"))
        .isEqualTo(REQUEST_WITH_NO_VALUES);
    assertThat(
            node.errorOf(
                "financials",
                ++contextId,
                "{\"statsRequired\":false,\"topRecordsOpt\":{\"count\":1,\"orderedBy\":\"Age\"},"
                    + "\"customQueriesOpt\":{\"payableOpt\":null,\"receivableOpt\":null}}"))
        .isEqualTo(MUTUALLY_EXCLUSIVE);
    assertThat(
            node.errorOf(
                "financials",
                ++contextId,
                "{\"statsRequired\":false,\"topRecordsOpt\":{\"count\":0,\"orderedBy\":\"Age\"}}"))
        .isEqualTo(VALUE_EXCEEDS_LIMIT);

    // A payload not of its opcode's shape.
    assertThat(node.errorOf("scan", ++contextId, "{\"scanType\":\"Everything\"}"))
        .isEqualTo(UNMARSHAL);
    assertThat(node.errorOf("exitLocation", ++contextId, "{\"exitLocations\":[{\"priority\":1}]}"))
        .isEqualTo(UNMARSHAL);

    // exitLocation: the countries a route can exit in, then a country no exit is in.
    JsonNode shown = node.payloadOf("exitLocation", ++contextId, "{\"showCountries\":true}");
    assertThat(fields(shown))
        .containsExactlyInAnyOrder(
            "fallbackRouting", "exitCountrySelection", "exitCountries", "missingCountries");
    assertThat(
            node.errorOf(
                "exitLocation",
                ++contextId,
                "{\"fallbackRouting\":false,\"showCountries\":false,"
                    + "\"exitLocations\":[{\"countryCodes\":[\"JP\"],\"priority\":1}]}"))
        .isEqualTo(EXIT_COUNTRY_MISSING);
    JsonNode unset =
        node.payloadOf(
            "exitLocation",
            ++contextId,
            "{\"fallbackRouting\":true,\"showCountries\":false,\"exitLocations\":[]}");
    assertThat(fields(unset))
        .containsExactlyInAnyOrder(
            "fallbackRouting", "exitCountrySelection", "exitCountries", "missingCountries");
    assertThat(unset.get("exitCountrySelection")).isEmpty();

    // A frame that is no message: unmarshalError, and the connection still answers.
    node.sendRaw("{\"opcode\": not json");
    JsonNode unmarshal = node.broadcast("unmarshalError").get("payload");
    assertThat(fields(unmarshal)).containsExactlyInAnyOrder("message", "badData");
    assertThat(unmarshal.get("badData").asText()).isEqualTo("{\"opcode\": not json");
    assertThat(node.payloadOf("connectionStatus", ++contextId, "{}").has("stage")).isTrue();

    busy(node.port());
    return wallets;
  }

  /** More requests at once than the Node answers at once: the rest are refused as a timeout. */
  private void busy(int port) throws Exception {
    List<UiClient> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(open(UiClient.connect(port)));
    }
    long asked = ++contextId;
    for (UiClient c : many) {
      c.send("checkPassword", asked, "{\"dbPasswordOpt\":\"wrong\"}");
    }
    List<String> codes = new ArrayList<>();
    for (UiClient c : many) {
      JsonNode answer = c.await("checkPassword", m -> m.path("contextId").asLong() == asked);
      codes.add(answer.path("error").path("code").asText("answered"));
    }
    assertThat(codes).contains(TIMEOUT).contains("answered");
  }

  private String walletError(UiClient node, String opcode, String payload) throws Exception {
    return node.errorOf(opcode, ++contextId, payload);
  }

  private String generate(UiClient node, String seedSpec, String consumingPath) throws Exception {
    return node.errorOf(
        "generateWallets",
        ++contextId,
        "{\"dbPassword\":\"pw\",\"seedSpecOpt\":"
            + seedSpec
            + ",\"consumingDerivationPathOpt\":\""
            + consumingPath
            + "\",\"earningDerivationPathOpt\":\"m/44'/60'/0'/0/1\"}");
  }

  private String recover(UiClient node, String seedSpec, String key, String address)
      throws Exception {
    return node.errorOf(
        "recoverWallets",
        ++contextId,
        "{\"dbPassword\":\"pw\",\"seedSpecOpt\":"
            + seedSpec
            + ",\"consumingDerivationPathOpt\":null,\"consumingPrivateKeyOpt\":"
            + key
            + ",\"earningDerivationPathOpt\":null,\"earningAddressOpt\":"
            + address
            + "}");
  }

  /** The error code of a setConfiguration, or "" when it was taken (its payload then empty). */
  private String setConfiguration(UiClient node, String name, String value) throws Exception {
    JsonNode answer =
        node.ask(
            "setConfiguration",
            ++contextId,
            "{\"name\":\"" + name + "\",\"value\":\"" + value + "\"}");
    if (answer.has("error")) {
      return answer.path("error").path("code").asText();
    }
    assertThat(fields(answer.get("payload"))).isEmpty();
    return "";
  }

  /** Sets the Daemon's values (name, value pairs; the others as they were), checking the answer. */
  private void setup(UiClient ui, String... values) throws Exception {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < values.length; i += 2) {
      list.append(list.isEmpty() ? "" : ",")
          .append("{\"name\":\"")
          .append(values[i])
          .append("\",\"value\":")
          .append(UiClient.JSON.writeValueAsString(values[i + 1]))
          .append("}");
    }
    list.append(
        ",{\"name\":\"proxy-port\",\"value\":\"0\"},{\"name\":\"log-level\",\"value\":\"info\"}");
    JsonNode answer = ui.payloadOf("setup", ++contextId, "{\"values\":[" + list + "]}");
    assertThat(fields(answer)).containsExactlyInAnyOrder("running", "values", "errors");
    assertThat(answer.get("errors")).as("setup errors").isEmpty();
    assertThat(answer.get("values"))
        .allSatisfy(
            v -> assertThat(fields(v)).containsExactlyInAnyOrder("name", "value", "status"));
  }

  /** Starts the Node through the Daemon and returns its UI port. */
  private int start(UiClient ui) throws Exception {
    JsonNode started = ui.payloadOf("start", ++contextId, "{}");
    assertThat(fields(started)).containsExactlyInAnyOrder("newProcessId", "redirectUiPort");
    nodes.add(started.get("newProcessId").asLong());
    return started.get("redirectUiPort").asInt();
  }

  private String dir(String name) throws Exception {
    return Files.createDirectories(work.resolve(name)).toString();
  }

  private <T extends AutoCloseable> T open(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  private static String code(long unsigned) {
    return Long.toUnsignedString(unsigned);
  }
}
