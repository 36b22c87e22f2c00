package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jmasq.accountant.DebtPolicy;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.PendingPaymentPolicy;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.accountant.PayableScanner;
import org.jmasq.node.accountant.PendingPayableScanner;
import org.jmasq.node.blockchain.JsonRpcBlockchainClient;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.TransferSigner;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.blockchain.Wallets;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL in the middle of a payment scan, before or after it sends, leaves a
 * database from which the restarted scans pay each debt exactly once on a real local chain.
 */
class PaymentCrashTest {
  private static final String GANACHE = org.jmasq.cli.DevnetWallets.GANACHE_PHRASE;
  private static final WalletKey CONSUMING =
      Wallets.recover(Mnemonic.parse(GANACHE), "").consuming();
  private static final Wallet CREDITOR = Wallet.parse("0x" + "c7".repeat(20));
  private static final Wei DEBT = Wei.ofGwei(2_000);

  @TempDir Path work;

  @Test
  void killed_after_sending_the_restart_pays_nothing_again_and_confirms_the_payment()
      throws Exception {
    crashAndRecover("after-send", Duration.ZERO);
  }

  @Test
  void killed_before_sending_the_stuck_payment_is_resent_under_its_nonce_and_paid_once()
      throws Exception {
    crashAndRecover("before-send", Duration.ofHours(7));
  }

  private void crashAndRecover(String mode, Duration waitBeforeRecovery) throws Exception {
    Path data = work.resolve("node");
    try (LocalChain chain = LocalChain.start(work.resolve("chain"), Chain.DEV.chainId())) {
      try (NodeDatabase db = NodeDatabase.open(data, Chain.DEV)) {
        db.payables().addDebt(CREDITOR, DEBT, Instant.now().minusSeconds(600));
      }
      Process paying =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-cp",
                      System.getProperty("java.class.path"),
                      PayingProcess.class.getName(),
                      data.toString(),
                      chain.url,
                      Long.toString(chain.chainId),
                      chain.token.toString(),
                      HexFormat.of().formatHex(CONSUMING.privateKeyBytes()),
                      mode))
              .redirectError(work.resolve("paying-stderr.log").toFile())
              .start();
      String line =
          new BufferedReader(new InputStreamReader(paying.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      assertThat(line)
          .as("see %s", work.resolve("paying-stderr.log"))
          .isEqualTo(mode.equals("after-send") ? "SENT" : "SENDING");
      paying.destroyForcibly(); // SIGKILL
      assertThat(paying.waitFor(10, TimeUnit.SECONDS)).isTrue();

      JsonRpcBlockchainClient rpc =
          new JsonRpcBlockchainClient(
              URI.create(chain.url),
              chain.token,
              HttpClient.newHttpClient(),
              Duration.ofSeconds(10));
      Clock clock = Clock.fixed(Instant.now().plus(waitBeforeRecovery), ZoneOffset.UTC);
      TransferSigner signer = new TransferSigner(chain.chainId, chain.token, Chain.DEV, CONSUMING);
      try (NodeDatabase db = NodeDatabase.open(data, Chain.DEV)) {
        assertThat(db.pendingPayables().all()).hasSize(1);
        PayableScanner payables =
            new PayableScanner(
                db,
                rpc,
                signer,
                CONSUMING.wallet(),
                Chain.DEV,
                new DebtPolicy(PaymentThresholds.parse("1000|10|10|500|100|500"), clock),
                clock);
        PendingPayableScanner pending =
            new PendingPayableScanner(
                db,
                rpc,
                signer,
                CONSUMING.wallet(),
                new PendingPaymentPolicy(PendingPaymentPolicy.DEFAULT_TIMEOUT, clock),
                clock);
        for (int round = 0; round < 3; round++) {
          assertThat(payables.scan().sent()).as("round %d pays nothing anew", round).isEmpty();
          pending.scan();
        }
        assertThat(db.pendingPayables().all()).isEmpty();
        assertThat(db.payables().get(CREDITOR).orElseThrow().balance()).isEqualTo(Wei.ZERO);
      }
      assertThat(rpc.tokenBalance(CREDITOR)).isEqualTo(DEBT);
    }
  }
}
