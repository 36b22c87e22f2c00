package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jmasq.accountant.Balance;
import org.jmasq.accountant.BannedWallets;
import org.jmasq.accountant.DebtPolicy;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.PendingPaymentPolicy;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.accountant.PayableScanner;
import org.jmasq.node.accountant.PendingPayableScanner;
import org.jmasq.node.accountant.ReceivableScanner;
import org.jmasq.node.blockchain.JsonRpcBlockchainClient;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.TransferSigner;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.blockchain.Wallets;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.PersistentBans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bill-payment scenario on a real local chain, at the level of the Accountant's parts (the
 * Nodes are not wired to it yet): a consumer's matured payables are paid on chain by its payable
 * scan, confirmed by its pending-payable scan, the creditors' token balances rise by exactly the
 * amounts, and a creditor's receivable scan credits the payment.
 */
class BillPaymentOnLocalChainTest {
  /** ganache's deterministic phrase: account 0 deploys the token and holds its supply. */
  private static final String GANACHE = org.jmasq.cli.DevnetWallets.GANACHE_PHRASE;

  private static final PaymentThresholds SHORT = PaymentThresholds.parse("1000|10|10|500|100|500");

  @TempDir Path work;

  @Test
  void matured_payables_are_paid_on_chain_confirmed_and_credited_by_the_creditor()
      throws Exception {
    Wallet alice = Wallets.recover(Mnemonic.parse(GANACHE), "a").earning();
    Wallet bob = Wallets.recover(Mnemonic.parse(GANACHE), "b").earning();
    WalletKey consuming = Wallets.recover(Mnemonic.parse(GANACHE), "").consuming();
    Wei toAlice = Wei.ofGwei(2_000);
    Wei toBob = Wei.ofGwei(3_000);
    Clock clock = Clock.fixed(Instant.now().plusSeconds(3600), ZoneOffset.UTC);
    Instant longAgo = clock.instant().minusSeconds(600);

    try (LocalChain chain = LocalChain.start(work.resolve("chain"), Chain.DEV.chainId());
        NodeDatabase consumer = NodeDatabase.open(work.resolve("consumer"), Chain.DEV);
        NodeDatabase aliceNode = NodeDatabase.open(work.resolve("alice"), Chain.DEV)) {
      assertThat(chain.deployer).isEqualTo(consuming.wallet());
      JsonRpcBlockchainClient rpc =
          new JsonRpcBlockchainClient(
              URI.create(chain.url),
              chain.token,
              HttpClient.newHttpClient(),
              Duration.ofSeconds(10));
      TransferSigner signer = new TransferSigner(chain.chainId, chain.token, Chain.DEV, consuming);
      DebtPolicy policy = new DebtPolicy(SHORT, clock);

      consumer.payables().addDebt(alice, toAlice, longAgo);
      consumer.payables().addDebt(bob, toBob, longAgo);
      aliceNode.receivables().addCharge(consuming.wallet(), toAlice, longAgo);
      aliceNode.config().set("start_block", "0");

      PayableScanner.Outcome paid =
          new PayableScanner(consumer, rpc, signer, consuming.wallet(), Chain.DEV, policy, clock)
              .scan();
      assertThat(paid.sent()).hasSize(2);

      PendingPayableScanner.Outcome confirmed =
          new PendingPayableScanner(
                  consumer,
                  rpc,
                  signer,
                  consuming.wallet(),
                  new PendingPaymentPolicy(PendingPaymentPolicy.DEFAULT_TIMEOUT, clock),
                  clock)
              .scan();
      assertThat(confirmed.confirmed()).isEqualTo(2);
      assertThat(consumer.payables().get(alice).orElseThrow().balance()).isEqualTo(Wei.ZERO);
      assertThat(consumer.payables().get(bob).orElseThrow().balance()).isEqualTo(Wei.ZERO);
      assertThat(consumer.pendingPayables().all()).isEmpty();
      assertThat(rpc.tokenBalance(alice)).isEqualTo(toAlice);
      assertThat(rpc.tokenBalance(bob)).isEqualTo(toBob);
      assertThat(rpc.tokenBalance(consuming.wallet()).toBigInteger())
          .isEqualTo(
              BigInteger.TEN
                  .pow(27)
                  .subtract(toAlice.toBigInteger())
                  .subtract(toBob.toBigInteger()));

      ReceivableScanner.Outcome credited =
          new ReceivableScanner(
                  aliceNode,
                  rpc,
                  alice,
                  policy,
                  PersistentBans.load(aliceNode.banned(), new BannedWallets()),
                  clock)
              .scan();
      assertThat(credited.credited()).hasSize(1);
      assertThat(aliceNode.receivables().get(consuming.wallet()).orElseThrow().balance())
          .isEqualTo(Balance.ZERO);
    }
  }
}
