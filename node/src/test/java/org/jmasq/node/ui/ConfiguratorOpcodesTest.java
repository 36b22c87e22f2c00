package org.jmasq.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.node.accountant.Accountant;
import org.jmasq.node.blockchain.DerivationPath;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.WrongPasswordException;
import org.junit.jupiter.api.Test;

/**
 * {@code configuration}, the wallet opcodes, {@code scan} and {@code gas-price} over stand-ins for
 * the database and the Accountant: the reference's field names (SYSTEM.md Part 2 §8.3) and each
 * error code.
 */
class ConfiguratorOpcodesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "secret";
  private static final WalletKey KEY = WalletKey.parse("11".repeat(32));
  private static final Wallet EARNING = Wallet.parse("0x" + "e1".repeat(20));

  /** The database as far as the handlers see it. */
  private final class FakeConfigurator implements Configurator {
    Optional<WalletKey> consuming = Optional.empty();
    Optional<Wallet> earning = Optional.empty();
    boolean seedKept;
    long gasPrice = 1;

    /**
     * How long keeping the wallets may wait for a second request to ask whether wallets are kept: a
     * request that is not held back meanwhile asks at once, and is then seen asking.
     */
    Duration keeping = Duration.ZERO;

    private final java.util.concurrent.atomic.AtomicInteger checks =
        new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.CountDownLatch secondCheck =
        new java.util.concurrent.CountDownLatch(1);

    @Override
    public Configuration configuration(Optional<String> password) {
      boolean right = password.equals(Optional.of(PASSWORD));
      return new Configuration(
          Optional.of("http://127.0.0.1:8545"),
          "base-sepolia",
          4321,
          "1",
          earning,
          gasPrice,
          OptionalLong.empty(),
          "standard",
          Optional.of("pcp"),
          OptionalLong.of(77),
          right ? consuming : Optional.empty(),
          right ? List.of("masq://base-sepolia:past@1.2.3.4:5555") : List.of(),
          PaymentThresholds.DEFAULT,
          RatePack.DEFAULT,
          ScanIntervals.DEFAULT);
    }

    @Override
    public boolean hasWallets() {
      if (checks.incrementAndGet() >= 2) {
        secondCheck.countDown();
      }
      return consuming.isPresent() || earning.isPresent();
    }

    @Override
    public Optional<WalletAddresses> walletAddresses(String password) throws DatabaseException {
      if (!password.equals(PASSWORD)) {
        throw new WrongPasswordException("wrong");
      }
      return consuming.isPresent() && earning.isPresent()
          ? Optional.of(new WalletAddresses(consuming.get().wallet(), earning.get()))
          : Optional.empty();
    }

    @Override
    public void keepWallets(
        WalletKey consuming, Wallet earning, Optional<byte[]> seed, String password) {
      try {
        secondCheck.await(keeping.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      this.consuming = Optional.of(consuming);
      this.earning = Optional.of(earning);
      this.seedKept = seed.isPresent();
    }

    @Override
    public void setGasPrice(long gwei) {
      gasPrice = gwei;
    }
  }

  private final FakeConfigurator configurator = new FakeConfigurator();
  private final List<Accountant.ScanKind> scansRun = new ArrayList<>();
  private Scans scans =
      kind -> {
        scansRun.add(kind);
        return CompletableFuture.completedFuture("done");
      };

  private final UiNode.Passwords passwords =
      new UiNode.Passwords() {
        @Override
        public boolean hasPassword() {
          return true;
        }

        @Override
        public boolean matches(String password) {
          return password.equals(PASSWORD);
        }

        @Override
        public void change(Optional<String> oldPassword, String newPassword) {}
      };

  private final UiNode.Status status =
      new UiNode.Status() {
        @Override
        public Optional<org.jmasq.identity.NodeDescriptor> descriptor() {
          return Optional.empty();
        }

        @Override
        public String neighborhoodGraph() {
          return "";
        }
      };

  private UiDispatcher node() {
    return UiDispatcher.forNode(
        new UiNode(
            status,
            () -> {},
            Optional.of(passwords),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(configurator),
            Optional.of(k -> scans.scanNow(k))),
        () -> ConnectionStage.ROUTE_FOUND);
  }

  private UiDispatcher zeroHop() {
    return UiDispatcher.forNode(
        new UiNode(
            status,
            () -> {},
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()),
        () -> ConnectionStage.ROUTE_FOUND);
  }

  private static UiMessage request(String opcode, String payload) throws Exception {
    return new UiMessage.Payload(opcode, OptionalLong.of(7), (ObjectNode) JSON.readTree(payload));
  }

  private JsonNode answer(String opcode, String payload) throws Exception {
    UiDispatcher.Reply reply = node().answer(request(opcode, payload));
    assertThat(reply.message()).isInstanceOf(UiMessage.Payload.class);
    assertThat(reply.toOthers()).isEmpty();
    return ((UiMessage.Payload) reply.message()).payload();
  }

  private long code(UiDispatcher d, String opcode, String payload) throws Exception {
    UiMessage m = d.answer(request(opcode, payload)).message();
    assertThat(m).isInstanceOf(UiMessage.Failure.class);
    return ((UiMessage.Failure) m).code();
  }

  private long code(String opcode, String payload) throws Exception {
    return code(node(), opcode, payload);
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void configuration_answers_the_reference_fields_and_without_the_password_no_secret()
      throws Exception {
    configurator.consuming = Optional.of(KEY);
    JsonNode c = answer("configuration", "{\"dbPasswordOpt\":null}");
    assertThat(names(c)).containsExactlyInAnyOrderElementsOf(ReferenceFields.CONFIGURATION);
    assertThat(names(c.get("paymentThresholds")))
        .containsExactlyInAnyOrderElementsOf(ReferenceFields.PAYMENT_THRESHOLDS);
    assertThat(names(c.get("ratePack")))
        .containsExactlyInAnyOrderElementsOf(ReferenceFields.RATE_PACK);
    assertThat(names(c.get("scanIntervals")))
        .containsExactlyInAnyOrderElementsOf(ReferenceFields.SCAN_INTERVALS);
    assertThat(c.get("consumingWalletPrivateKeyOpt").isNull()).isTrue();
    assertThat(c.get("consumingWalletAddressOpt").isNull()).isTrue();
    assertThat(c.get("pastNeighbors")).isEmpty();
    assertThat(c.get("chainName").asText()).isEqualTo("base-sepolia");
    assertThat(c.get("clandestinePort").asInt()).isEqualTo(4321);
    assertThat(c.get("startBlock").asLong()).isEqualTo(77);
    assertThat(c.get("maxBlockCount").isNull()).isTrue();
    assertThat(c.get("ratePack").get("exitByteRate").asLong())
        .isEqualTo(RatePack.DEFAULT.exitByteRate());
    assertThat(c.get("scanIntervals").get("payableSec").asLong()).isEqualTo(600);
    assertThat(c.toString()).doesNotContain("11".repeat(32));
    assertThat(answer("configuration", "{\"dbPasswordOpt\":\"guess\"}").toString())
        .doesNotContain("11".repeat(32));
    assertThat(answer("configuration", "{}").get("consumingWalletPrivateKeyOpt").isNull()).isTrue();
  }

  @Test
  void configuration_with_the_right_password_carries_the_consuming_key_and_past_neighbors()
      throws Exception {
    configurator.consuming = Optional.of(KEY);
    JsonNode c = answer("configuration", "{\"dbPasswordOpt\":\"secret\"}");
    assertThat(c.get("consumingWalletPrivateKeyOpt").asText()).isEqualTo("11".repeat(32));
    assertThat(c.get("consumingWalletAddressOpt").asText()).isEqualTo(KEY.wallet().toString());
    assertThat(c.get("pastNeighbors")).hasSize(1);
  }

  @Test
  void configuration_of_a_zero_hop_node_or_a_password_not_a_string_is_refused() throws Exception {
    assertThat(code(zeroHop(), "configuration", "{}")).isEqualTo(UiErrors.CONFIGURATOR_READ_ERROR);
    assertThat(code("configuration", "{\"dbPasswordOpt\":5}")).isEqualTo(UiErrors.UNMARSHAL_ERROR);
  }

  @Test
  void generated_wallets_come_from_the_words_shown_and_are_kept() throws Exception {
    JsonNode g =
        answer(
            "generateWallets",
            "{\"dbPassword\":\"secret\",\"seedSpecOpt\":{\"mnemonicPhraseSizeOpt\":12,"
                + "\"mnemonicPhraseLanguageOpt\":\"English\",\"mnemonicPassphraseOpt\":\"salt\"},"
                + "\"consumingDerivationPathOpt\":\"m/44'/60'/0'/0/0\","
                + "\"earningDerivationPathOpt\":null}");
    assertThat(names(g))
        .containsExactlyInAnyOrder(
            "mnemonicPhraseOpt",
            "consumingWalletAddress",
            "consumingWalletPrivateKey",
            "earningWalletAddress",
            "earningWalletPrivateKey");
    assertThat(g.get("mnemonicPhraseOpt")).hasSize(12);
    List<String> words = new ArrayList<>();
    g.get("mnemonicPhraseOpt").forEach(w -> words.add(w.asText()));
    byte[] seed = Mnemonic.parse(String.join(" ", words)).seed("salt");
    WalletKey consuming = WalletKey.derive(seed, DerivationPath.CONSUMING);
    WalletKey earning = WalletKey.derive(seed, DerivationPath.EARNING);
    assertThat(g.get("consumingWalletAddress").asText()).isEqualTo(consuming.wallet().toString());
    assertThat(g.get("consumingWalletPrivateKey").asText())
        .isEqualTo(HexFormat.of().formatHex(consuming.privateKeyBytes()));
    assertThat(g.get("earningWalletAddress").asText()).isEqualTo(earning.wallet().toString());
    assertThat(g.get("earningWalletPrivateKey").asText())
        .isEqualTo(HexFormat.of().formatHex(earning.privateKeyBytes()));
    assertThat(configurator.consuming).contains(consuming);
    assertThat(configurator.earning).contains(earning.wallet());
    assertThat(configurator.seedKept).isTrue();
  }

  @Test
  void generated_wallets_without_a_seed_spec_are_random_keys_and_no_words() throws Exception {
    JsonNode g = answer("generateWallets", "{\"dbPassword\":\"secret\",\"seedSpecOpt\":null}");
    assertThat(g.get("mnemonicPhraseOpt").isNull()).isTrue();
    assertThat(configurator.seedKept).isFalse();
    assertThat(configurator.consuming.get().wallet().toString())
        .isEqualTo(g.get("consumingWalletAddress").asText());
  }

  @Test
  void generate_wallets_refusals_carry_the_reference_codes() throws Exception {
    String spec = ",\"seedSpecOpt\":{\"mnemonicPhraseSizeOpt\":12}";
    assertThat(code("generateWallets", "{\"dbPassword\":\"guess\"" + spec + "}"))
        .isEqualTo(UiErrors.BAD_PASSWORD_ERROR);
    assertThat(code("generateWallets", "{\"seedSpecOpt\":null}"))
        .isEqualTo(UiErrors.UNMARSHAL_ERROR);
    assertThat(
            code(
                "generateWallets",
                "{\"dbPassword\":\"secret\",\"seedSpecOpt\":{\"mnemonicPhraseSizeOpt\":13}}"))
        .isEqualTo(UiErrors.ILLEGAL_MNEMONIC_WORD_COUNT_ERROR);
    assertThat(
            code(
                "generateWallets",
                "{\"dbPassword\":\"secret\",\"seedSpecOpt\":"
                    + "{\"mnemonicPhraseLanguageOpt\":\"Klingon\"}}"))
        .isEqualTo(UiErrors.UNRECOGNIZED_MNEMONIC_LANGUAGE_ERROR);
    assertThat(
            code(
                "generateWallets",
                "{\"dbPassword\":\"secret\"" + spec + ",\"earningDerivationPathOpt\":\"x/1\"}"))
        .isEqualTo(UiErrors.DERIVATION_PATH_ERROR);
    assertThat(configurator.hasWallets()).isFalse();
    assertThat(code(zeroHop(), "generateWallets", "{\"dbPassword\":\"secret\"}"))
        .isEqualTo(UiErrors.CONFIGURATOR_READ_ERROR);
    configurator.earning = Optional.of(EARNING);
    assertThat(code("generateWallets", "{\"dbPassword\":\"secret\"" + spec + "}"))
        .isEqualTo(UiErrors.ALREADY_INITIALIZED_ERROR);
  }

  @Test
  void recovered_wallets_come_from_the_words_or_from_the_key_and_address() throws Exception {
    Mnemonic words = Mnemonic.generate(12, new SecureRandom());
    StringBuilder phrase = new StringBuilder();
    for (String w : words.phrase().split(" ")) {
      phrase.append(phrase.isEmpty() ? "" : ",").append('"').append(w).append('"');
    }
    JsonNode r =
        answer(
            "recoverWallets",
            "{\"dbPassword\":\"secret\",\"seedSpecOpt\":{\"mnemonicPhrase\":["
                + phrase
                + "],\"mnemonicPhraseLanguageOpt\":null,\"mnemonicPassphraseOpt\":null},"
                + "\"consumingDerivationPathOpt\":null,\"consumingPrivateKeyOpt\":null,"
                + "\"earningDerivationPathOpt\":null,\"earningAddressOpt\":\""
                + EARNING
                + "\"}");
    assertThat(names(r)).isEmpty();
    assertThat(configurator.consuming)
        .contains(WalletKey.derive(words.seed(""), DerivationPath.CONSUMING));
    assertThat(configurator.earning).contains(EARNING);
    assertThat(configurator.seedKept).isTrue();

    FakeConfigurator fresh = new FakeConfigurator();
    UiDispatcher other =
        UiDispatcher.forNode(
            new UiNode(
                status,
                () -> {},
                Optional.of(passwords),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(fresh),
                Optional.empty()),
            () -> ConnectionStage.ROUTE_FOUND);
    assertThat(
            other
                .answer(
                    request(
                        "recoverWallets",
                        "{\"dbPassword\":\"secret\",\"consumingPrivateKeyOpt\":\""
                            + "11".repeat(32)
                            + "\",\"earningAddressOpt\":\""
                            + EARNING
                            + "\"}"))
                .message())
        .isInstanceOf(UiMessage.Payload.class);
    assertThat(fresh.consuming).contains(KEY);
    assertThat(fresh.seedKept).isFalse();
  }

  @Test
  void recover_wallets_refusals_carry_the_reference_codes() throws Exception {
    String twelveWrong = "\"abandon\",".repeat(11) + "\"zoo\"";
    assertThat(
            code("recoverWallets", "{\"dbPassword\":\"secret\",\"consumingPrivateKeyOpt\":null}"))
        .isEqualTo(UiErrors.MISSING_DATA);
    assertThat(
            code(
                "recoverWallets",
                "{\"dbPassword\":\"secret\",\"seedSpecOpt\":{\"mnemonicPhrase\":["
                    + twelveWrong
                    + "]}}"))
        .isEqualTo(UiErrors.MNEMONIC_PHRASE_ERROR);
    assertThat(
            code(
                "recoverWallets",
                "{\"dbPassword\":\"secret\",\"seedSpecOpt\":{\"mnemonicPhrase\":[\"abandon\"]}}"))
        .isEqualTo(UiErrors.ILLEGAL_MNEMONIC_WORD_COUNT_ERROR);
    assertThat(
            code(
                "recoverWallets",
                "{\"dbPassword\":\"secret\",\"consumingPrivateKeyOpt\":\"00\","
                    + "\"earningAddressOpt\":\""
                    + EARNING
                    + "\"}"))
        .isEqualTo(UiErrors.KEY_PAIR_CONSTRUCTION_ERROR);
    assertThat(
            code(
                "recoverWallets",
                "{\"dbPassword\":\"secret\",\"consumingPrivateKeyOpt\":\""
                    + "11".repeat(32)
                    + "\",\"earningAddressOpt\":\"0x12\"}"))
        .isEqualTo(UiErrors.NON_PARSABLE_VALUE);
    assertThat(code("recoverWallets", "{\"dbPassword\":\"nope\"}"))
        .isEqualTo(UiErrors.BAD_PASSWORD_ERROR);
    configurator.consuming = Optional.of(KEY);
    assertThat(
            code(
                "recoverWallets",
                "{\"dbPassword\":\"secret\",\"consumingPrivateKeyOpt\":\""
                    + "11".repeat(32)
                    + "\",\"earningAddressOpt\":\""
                    + EARNING
                    + "\"}"))
        .isEqualTo(UiErrors.ALREADY_INITIALIZED_ERROR);
  }

  @Test
  void wallet_addresses_need_the_password_and_wallets() throws Exception {
    assertThat(code("walletAddresses", "{\"dbPassword\":\"secret\"}"))
        .isEqualTo(UiErrors.EARLY_QUESTIONING_ABOUT_DATA);
    configurator.consuming = Optional.of(KEY);
    configurator.earning = Optional.of(EARNING);
    JsonNode a = answer("walletAddresses", "{\"dbPassword\":\"secret\"}");
    assertThat(names(a))
        .containsExactlyInAnyOrder("consumingWalletAddress", "earningWalletAddress");
    assertThat(a.get("consumingWalletAddress").asText()).isEqualTo(KEY.wallet().toString());
    assertThat(a.get("earningWalletAddress").asText()).isEqualTo(EARNING.toString());
    assertThat(code("walletAddresses", "{\"dbPassword\":\"guess\"}"))
        .isEqualTo(UiErrors.BAD_PASSWORD_ERROR);
    assertThat(code("walletAddresses", "{}")).isEqualTo(UiErrors.UNMARSHAL_ERROR);
  }

  @Test
  void two_clients_generating_wallets_at_once_get_one_pair_and_one_refusal() throws Exception {
    // Without requests taken one at a time, the second checks while the first keeps its wallets.
    configurator.keeping = Duration.ofSeconds(2);
    UiDispatcher dispatcher = node();
    List<UiMessage> answers;
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<UiMessage>> asked = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        asked.add(
            clients.submit(
                () ->
                    dispatcher
                        .answer(
                            request(
                                "generateWallets",
                                "{\"dbPassword\":\"secret\",\"seedSpecOpt\":null}"))
                        .message()));
      }
      answers = new ArrayList<>();
      for (Future<UiMessage> a : asked) {
        answers.add(a.get(10, TimeUnit.SECONDS));
      }
    }

    assertThat(answers).filteredOn(UiMessage.Payload.class::isInstance).hasSize(1);
    assertThat(answers)
        .filteredOn(UiMessage.Failure.class::isInstance)
        .singleElement()
        .satisfies(
            f ->
                assertThat(((UiMessage.Failure) f).code())
                    .isEqualTo(UiErrors.ALREADY_INITIALIZED_ERROR));
  }

  @Test
  void a_scan_is_run_and_answered_once_done() throws Exception {
    assertThat(names(answer("scan", "{\"scanType\":\"Payables\"}"))).isEmpty();
    assertThat(names(answer("scan", "{\"scanType\":\"PendingPayables\"}"))).isEmpty();
    assertThat(names(answer("scan", "{\"scanType\":\"Receivables\"}"))).isEmpty();
    assertThat(scansRun)
        .containsExactly(
            Accountant.ScanKind.PAYABLES,
            Accountant.ScanKind.PENDING_PAYABLES,
            Accountant.ScanKind.RECEIVABLES);
  }

  @Test
  void a_scan_that_cannot_run_or_fails_is_a_scan_error() throws Exception {
    assertThat(code("scan", "{\"scanType\":\"Everything\"}")).isEqualTo(UiErrors.UNMARSHAL_ERROR);
    assertThat(code(zeroHop(), "scan", "{\"scanType\":\"Payables\"}"))
        .isEqualTo(UiErrors.SCAN_ERROR);
    scans = kind -> CompletableFuture.failedFuture(new DatabaseException("disk gone"));
    assertThat(code("scan", "{\"scanType\":\"Receivables\"}")).isEqualTo(UiErrors.SCAN_ERROR);
    CompletableFuture<String> never = new CompletableFuture<>();
    UiAnswer late =
        new ScanHandler(Optional.of(kind -> never), Duration.ofMillis(20))
            .handle((ObjectNode) JSON.readTree("{\"scanType\":\"Payables\"}"));
    assertThat(late).isInstanceOf(UiAnswer.Failed.class);
    assertThat(((UiAnswer.Failed) late).code()).isEqualTo(UiErrors.SCAN_ERROR);
  }

  @Test
  void a_scan_that_fails_without_a_message_is_named_by_what_failed_not_null() throws Exception {
    UiAnswer failed =
        new ScanHandler(
                Optional.of(kind -> CompletableFuture.failedFuture(new NullPointerException())),
                Duration.ofSeconds(1))
            .handle((ObjectNode) JSON.readTree("{\"scanType\":\"Payables\"}"));

    assertThat(((UiAnswer.Failed) failed).message())
        .isEqualTo("the scan failed: NullPointerException");
  }

  @Test
  void a_scan_the_accountant_refuses_is_a_scan_error_with_its_reason() throws Exception {
    UiAnswer refused =
        new ScanHandler(
                Optional.of(
                    kind -> {
                      throw new Accountant.ScanRefusedException("no chain");
                    }),
                Duration.ofSeconds(1))
            .handle((ObjectNode) JSON.readTree("{\"scanType\":\"Payables\"}"));
    assertThat(((UiAnswer.Failed) refused).code()).isEqualTo(UiErrors.SCAN_ERROR);
    assertThat(((UiAnswer.Failed) refused).message()).isEqualTo("no chain");
  }

  @Test
  void gas_price_is_kept_above_zero() throws Exception {
    assertThat(names(answer("setConfiguration", "{\"name\":\"gas-price\",\"value\":\"7\"}")))
        .isEmpty();
    assertThat(configurator.gasPrice).isEqualTo(7);
    assertThat(code("setConfiguration", "{\"name\":\"gas-price\",\"value\":\"0\"}"))
        .isEqualTo(UiErrors.NON_PARSABLE_VALUE);
    assertThat(code("setConfiguration", "{\"name\":\"gas-price\",\"value\":\"lots\"}"))
        .isEqualTo(UiErrors.NON_PARSABLE_VALUE);
    assertThat(code(zeroHop(), "setConfiguration", "{\"name\":\"gas-price\",\"value\":\"7\"}"))
        .isEqualTo(UiErrors.CONFIGURATOR_WRITE_ERROR);
  }

  @Test
  void the_opcodes_served_here_are_no_longer_listed_as_not_served() {
    assertThat(NotServed.WHY)
        .doesNotContainKeys(
            "configuration", "generateWallets", "recoverWallets", "walletAddresses", "scan");
  }
}
