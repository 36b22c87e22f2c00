package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.JsonRpcBlockchainClient;
import org.jmasq.node.blockchain.TransferSigner;
import org.jmasq.node.blockchain.WalletKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delinquency acceptance test with separate Node processes: an originator whose consuming
 * wallet holds no tokens keeps consuming until its debt passes the thresholds; the serving Nodes
 * then ban it and refuse its streams. Once it is funded it pays, is unbanned, and is served again.
 */
class DelinquencyTest {
  private static final int NODES = 6;
  private static final int BIG = 3 * 1024 * 1024;

  /** debt 100 gwei, maturity 5 s, grace 5 s, permanent 10 gwei, interval 10 s, unban 10 gwei. */
  private static final String THRESHOLDS = "100|5|5|10|10|10";

  private static boolean served(Path work, Devnet devnet, LocalSite site) throws Exception {
    Curl.Result hello =
        Curl.run(
            work.resolve("curl"),
            "--max-time",
            "25",
            "--socks5-hostname",
            devnet.proxy(),
            site.url("/hello"));
    return hello.exitCode() == 0 && hello.bodyText().equals(LocalSite.HELLO);
  }

  @Test
  void an_unpaying_originator_is_banned_and_refused_then_served_again_once_it_pays(
      @TempDir Path work) throws Exception {
    try (LocalSite site = new LocalSite(work, BIG, 17)) {
      Devnet devnet =
          Devnet.start(
              work.resolve("devnet"),
              NODES,
              "--allow-private-targets",
              "--dns-servers",
              site.dns.address(),
              "--payment-thresholds",
              THRESHOLDS,
              "--scan-intervals",
              "2|2|2",
              "--unfunded-user");
      try {
        Curl.Result big =
            Curl.run(
                work.resolve("curl"), "--socks5-hostname", devnet.proxy(), site.url("/big.bin"));
        assertThat(big.exitCode()).as(big.stderr() + devnet.diagnostics()).isZero();

        // The debt passes maturity + grace after 10 s; the serving Nodes' receivable scans ban it.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int banningNodes = 0;
        while (System.nanoTime() < deadline && banningNodes < 3) {
          Thread.sleep(1000);
          banningNodes = 0;
          for (int node = 2; node <= NODES; node++) {
            if (Files.readString(devnet.nodeDirectory(node).resolve("node.err"))
                .contains("Outcome[banned=[0x")) {
              banningNodes++;
            }
          }
        }
        assertThat(banningNodes)
            .as("serving Nodes that banned the originator")
            .isGreaterThanOrEqualTo(3);
        assertThat(served(work, devnet, site)).as("a banned originator is served").isFalse();

        // Fund the originator from the token's deployer; its payable scan then pays its debts.
        Devnet.Chain chain = devnet.chain();
        JsonRpcBlockchainClient rpc =
            new JsonRpcBlockchainClient(
                URI.create(chain.url()),
                chain.token(),
                HttpClient.newHttpClient(),
                Duration.ofSeconds(10));
        WalletKey deployer = Devnet.deployer();
        Wallet originator = Devnet.consuming(1).wallet();
        TransferSigner signer =
            new TransferSigner(chain.chainId(), chain.token(), Chain.DEV, deployer);
        Wei funding = Wei.of(BigInteger.TEN.pow(24));
        rpc.sendRawTransactions(
            List.of(
                signer
                    .sign(
                        originator,
                        funding,
                        rpc.transactionCount(deployer.wallet(), true),
                        rpc.gasPrice())
                    .rawTransaction()));

        boolean servedAgain = false;
        deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!servedAgain && System.nanoTime() < deadline) {
          Thread.sleep(2000);
          servedAgain = served(work, devnet, site);
        }
        assertThat(servedAgain).as("served again after paying" + devnet.diagnostics()).isTrue();
        assertThat(rpc.tokenBalance(originator))
            .as("the originator paid from its funding")
            .isLessThan(funding);
        // Each creditor unbans on its own receivable scan after the payment reaches it.
        int unbanningNodes = 0;
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
          unbanningNodes = 0;
          for (int node = 2; node <= NODES; node++) {
            if (Files.readString(devnet.nodeDirectory(node).resolve("node.err"))
                .contains(", unbanned=[0x")) {
              unbanningNodes++;
            }
          }
          if (unbanningNodes >= 3 || System.nanoTime() > deadline) {
            break;
          }
          Thread.sleep(500);
        }
        assertThat(unbanningNodes)
            .as("serving Nodes that unbanned the originator")
            .isGreaterThanOrEqualTo(3);
      } finally {
        devnet.close();
      }
    }
  }
}
