package org.jmasq.node.accountant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jmasq.accountant.PayerCredit;
import org.jmasq.accountant.PayerCredit.Decision;
import org.jmasq.accountant.PayerCredit.Funds;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.JsonRpcBlockchainClient;
import org.jmasq.node.blockchain.ScriptedRpcServer;
import org.jmasq.node.runtime.Mailbox;
import org.jmasq.node.runtime.ManualRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chain's answers about payers' funds, from a real JSON-RPC server on loopback that the test
 * scripts, through a {@link PayerCredit} on a clock the test moves.
 */
@Timeout(30)
class FundsCheckerTest {
  private static final Wallet TOKEN = Wallet.of(Chain.DEV.contractAddress());
  private static final Wallet RICH = Wallet.parse("0x" + "11".repeat(20));
  private static final Wallet NO_TOKENS = Wallet.parse("0x" + "22".repeat(20));
  private static final Wallet NO_GAS = Wallet.parse("0x" + "33".repeat(20));
  private static final Wallet FRESH = Wallet.parse("0x" + "44".repeat(20));
  private static final long CREDIT = 1000;

  private final ManualRuntime runtime = new ManualRuntime();
  private final Map<Wallet, BigInteger> tokens = new ConcurrentHashMap<>();
  private final Map<Wallet, BigInteger> gas = new ConcurrentHashMap<>();
  private ScriptedRpcServer rpc;
  private PayerCredit credit;

  @BeforeEach
  void start() throws Exception {
    tokens.put(RICH, BigInteger.TEN.pow(24));
    gas.put(RICH, BigInteger.TEN.pow(18));
    gas.put(NO_TOKENS, BigInteger.TEN.pow(18));
    tokens.put(NO_GAS, BigInteger.TEN.pow(24));
    rpc = new ScriptedRpcServer();
    rpc.script.put("eth_call", p -> word(tokens, walletOf(p.get(0).get("data").asText())));
    rpc.script.put(
        "eth_getBalance",
        p ->
            "\"0x"
                + gas.getOrDefault(Wallet.parse(p.get(0).asText()), BigInteger.ZERO).toString(16)
                + "\"");
    FundsChecker checker =
        new FundsChecker(
            new JsonRpcBlockchainClient(
                rpc.url(), TOKEN, HttpClient.newHttpClient(), Duration.ofSeconds(5)),
            runtime.mailbox("funds-checks"));
    credit = new PayerCredit(PayerCredit.Terms.withCredit(CREDIT), runtime.clock(), checker);
  }

  @AfterEach
  void stop() {
    runtime.close();
    rpc.close();
  }

  private static Wallet walletOf(String balanceOfCallData) {
    return Wallet.parse("0x" + balanceOfCallData.substring(balanceOfCallData.length() - 40));
  }

  private static String word(Map<Wallet, BigInteger> balances, Wallet wallet) {
    String hex = balances.getOrDefault(wallet, BigInteger.ZERO).toString(16);
    return "\"0x" + "0".repeat(64 - hex.length()) + hex + "\"";
  }

  /**
   * Serves {@code wallet} its whole credit, lets the question run, and answers the next package.
   */
  private Decision pastTheCredit(Wallet wallet) throws InterruptedException {
    credit.served(wallet, CREDIT);
    credit.admit(wallet);
    assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
    return credit.admit(wallet);
  }

  private long questionsAbout(Wallet wallet, String method) {
    return rpc.requests.stream()
        .filter(r -> r.path("method").asText().equals(method))
        .filter(r -> r.get("params").toString().contains(wallet.toString().substring(2)))
        .count();
  }

  @Test
  void a_wallet_with_tokens_and_gas_is_funded_and_served_past_its_credit() throws Exception {
    assertThat(pastTheCredit(RICH)).isInstanceOf(Decision.Serve.class);
    assertThat(questionsAbout(RICH, "eth_call")).isEqualTo(1);
    assertThat(questionsAbout(RICH, "eth_getBalance")).isEqualTo(1);
  }

  @Test
  void a_wallet_without_tokens_or_without_gas_or_never_funded_is_refused_past_its_credit()
      throws Exception {
    for (Wallet empty : List.of(NO_TOKENS, NO_GAS, FRESH)) {
      assertThat(pastTheCredit(empty)).as(empty.toString()).isInstanceOf(Decision.Refuse.class);
      assertThat(credit.funds(empty)).contains(Funds.EMPTY);
    }
  }

  @Test
  void the_answer_is_kept_an_hour_for_a_funded_wallet_and_five_minutes_for_an_empty_one()
      throws Exception {
    pastTheCredit(RICH);
    pastTheCredit(FRESH);
    for (int i = 0; i < 100; i++) {
      credit.admit(RICH);
      credit.admit(FRESH);
    }
    runtime.advance(Duration.ofMinutes(4));
    credit.admit(FRESH);
    assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(questionsAbout(FRESH, "eth_getBalance")).isEqualTo(1);

    runtime.advance(Duration.ofMinutes(1));
    tokens.put(FRESH, BigInteger.ONE);
    gas.put(FRESH, BigInteger.ONE);
    credit.admit(FRESH);
    assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(questionsAbout(FRESH, "eth_getBalance")).isEqualTo(2);
    assertThat(credit.admit(FRESH)).as("funded now").isInstanceOf(Decision.Serve.class);

    assertThat(questionsAbout(RICH, "eth_getBalance")).isEqualTo(1);
    runtime.advance(Duration.ofMinutes(55));
    credit.admit(RICH);
    assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(questionsAbout(RICH, "eth_getBalance")).as("an hour later").isEqualTo(2);
  }

  @Test
  void a_chain_that_answers_with_an_error_leaves_the_wallet_unknown_and_refused_past_its_credit()
      throws Exception {
    rpc.script.put("eth_call", p -> "error:{\"code\":-32000,\"message\":\"rate limited\"}");

    assertThat(pastTheCredit(RICH)).isInstanceOf(Decision.Refuse.class);
    assertThat(credit.funds(RICH)).isEmpty();

    rpc.script.put("eth_call", p -> word(tokens, walletOf(p.get(0).get("data").asText())));
    runtime.advance(Duration.ofMinutes(1));
    credit.admit(RICH);
    assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(credit.admit(RICH))
        .as("asked again a minute later")
        .isInstanceOf(Decision.Serve.class);
  }

  /** A mailbox that keeps its tasks until the test runs them. */
  private static final class HeldMailbox implements Mailbox {
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    @Override
    public <T> CompletableFuture<T> ask(Callable<T> question) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int queued() {
      return tasks.size();
    }

    @Override
    public int capacity() {
      return Integer.MAX_VALUE;
    }

    @Override
    public long dropped() {
      return 0;
    }

    @Override
    public void close() {}
  }

  /** Records the answers a checker gives. */
  private static final class RecordedAnswers implements PayerCredit.Answers {
    final Map<Wallet, Funds> answered = new ConcurrentHashMap<>();
    final List<Wallet> unanswered = new ArrayList<>();

    @Override
    public void answered(Wallet wallet, Funds funds) {
      answered.put(wallet, funds);
    }

    @Override
    public void unanswered(Wallet wallet) {
      unanswered.add(wallet);
    }
  }

  @Test
  void a_wallet_already_waiting_is_asked_once_and_too_many_waiting_are_not_asked_at_all() {
    HeldMailbox mailbox = new HeldMailbox();
    FundsChecker checker =
        new FundsChecker(
            new JsonRpcBlockchainClient(
                rpc.url(), TOKEN, HttpClient.newHttpClient(), Duration.ofSeconds(5)),
            mailbox);
    RecordedAnswers answers = new RecordedAnswers();

    checker.ask(RICH, answers);
    checker.ask(RICH, answers);
    assertThat(mailbox.tasks).hasSize(1);
    for (int i = 1; i < FundsChecker.MAX_WAITING; i++) {
      checker.ask(Wallet.of(pad(i)), answers);
    }
    assertThat(mailbox.tasks).hasSize(FundsChecker.MAX_WAITING);
    checker.ask(FRESH, answers);

    assertThat(mailbox.tasks).hasSize(FundsChecker.MAX_WAITING);
    assertThat(answers.unanswered).containsExactly(FRESH);
    mailbox.tasks.get(0).run();
    assertThat(answers.answered).containsEntry(RICH, Funds.FUNDED);
    checker.ask(FRESH, answers);
    assertThat(mailbox.tasks)
        .as("room again once one was answered")
        .hasSize(FundsChecker.MAX_WAITING + 1);
  }

  private static byte[] pad(int i) {
    byte[] address = new byte[Wallet.LENGTH];
    address[18] = (byte) (i >> 8);
    address[19] = (byte) i;
    address[0] = 0x55;
    return address;
  }
}
