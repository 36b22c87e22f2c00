package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.JsonRpcBlockchainClient;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bill-payment acceptance test on the local chain, with separate Node processes and short
 * thresholds: the originator's matured payables are paid on chain by its own scans, the creditors'
 * token balances rise by exactly what they were paid, their receivable scans credit the payments,
 * and every payment is confirmed.
 */
class NodesPayOnLocalChainTest {
  private static final int NODES = 6;
  private static final int BIG = 3 * 1024 * 1024;

  /** debt 100 gwei, maturity 5 s, grace 600 s, permanent 10 gwei, interval 10 s, unban 10 gwei. */
  private static final String THRESHOLDS = "100|5|600|10|10|10";

  private static final BigInteger PERMANENT_DEBT_WEI =
      BigInteger.valueOf(10).multiply(Wei.WEI_PER_GWEI);

  /** The creditors holding tokens, with their balances: before this test, none held any. */
  private static Map<Wallet, Wei> paidCreditors(JsonRpcBlockchainClient rpc) throws Exception {
    Map<Wallet, Wei> paid = new HashMap<>();
    for (int node = 2; node <= NODES; node++) {
      Wei balance = rpc.tokenBalance(Devnet.earning(node));
      if (!balance.isZero()) {
        paid.put(Devnet.earning(node), balance);
      }
    }
    return paid;
  }

  @Test
  void matured_payables_are_paid_on_chain_credited_by_the_creditors_and_confirmed(
      @TempDir Path work) throws Exception {
    Devnet devnet;
    Map<Wallet, Wei> tokens = new HashMap<>();
    try (LocalSite site = new LocalSite(work, BIG, 13)) {
      devnet =
          Devnet.start(
              work.resolve("devnet"),
              NODES,
              "--allow-private-targets",
              "--dns-servers",
              site.dns.address(),
              "--payment-thresholds",
              THRESHOLDS,
              "--scan-intervals",
              "2|2|2");
      try {
        for (int i = 0; i < 2; i++) {
          Curl.Result big =
              Curl.run(
                  work.resolve("curl"), "--socks5-hostname", devnet.proxy(), site.url("/big.bin"));
          assertThat(big.exitCode()).as(big.stderr() + devnet.diagnostics()).isZero();
        }
        Devnet.Chain chain = devnet.chain();
        JsonRpcBlockchainClient rpc =
            new JsonRpcBlockchainClient(
                URI.create(chain.url()),
                chain.token(),
                HttpClient.newHttpClient(),
                Duration.ofSeconds(10));
        // Each debt is paid once it is older than the maturity (5 s) and above the tolerated
        // debt, which falls from 100 to 10 gwei over the next 10 s; a scan runs every 2 s. How the
        // scans fall against the downloads differs from run to run (a debt may be paid in two
        // parts), so the test waits on the books: nothing in flight, nothing above the permanent
        // debt allowed, and each creditor expecting what the user's Node owes it.
        // First the payments themselves (the exit and the two return relays are owed far more
        // than the threshold), so that books read before the first charges were written cannot
        // pass for settled ones.
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (paidCreditors(rpc).size() < 3) {
          assertThat(System.nanoTime())
              .as(
                  "three creditors paid within 120 s: "
                      + paidCreditors(rpc)
                      + "\n"
                      + devnet.diagnostics())
              .isLessThan(deadline);
          Thread.sleep(500);
        }
        DevnetBooks.awaitSettled(devnet, NODES, PERMANENT_DEBT_WEI, Duration.ofSeconds(120));
        tokens.putAll(paidCreditors(rpc));
      } finally {
        devnet.close();
      }
    }

    assertThat(tokens)
        .as("at least two relays and an exit were paid")
        .hasSizeGreaterThanOrEqualTo(3);
    Map<Wallet, Wei> stillOwed = new HashMap<>();
    try (NodeDatabase originator = NodeDatabase.open(devnet.nodeDirectory(1), Chain.DEV)) {
      assertThat(originator.pendingPayables().all()).as("every payment is confirmed").isEmpty();
      for (PayableAccount account : originator.payables().all()) {
        assertThat(account.balance().toBigInteger())
            .as("what is left of the debt to %s", account.wallet())
            .isLessThanOrEqualTo(PERMANENT_DEBT_WEI);
        stillOwed.put(account.wallet(), account.balance());
      }
    }
    assertThat(stillOwed.keySet()).containsAll(tokens.keySet());
    for (int node = 2; node <= NODES; node++) {
      try (NodeDatabase served = NodeDatabase.open(devnet.nodeDirectory(node), Chain.DEV)) {
        for (ReceivableAccount account : served.receivables().all()) {
          // The receivable scan credited exactly what reached the chain: what is left on each
          // side is the same, so what was paid is what was received.
          assertThat(Optional.of(account.balance().toBigInteger()))
              .as("node %d's receivable after its scan", node)
              .isEqualTo(
                  Optional.ofNullable(stillOwed.get(Devnet.earning(node))).map(Wei::toBigInteger));
        }
      }
    }
  }
}
