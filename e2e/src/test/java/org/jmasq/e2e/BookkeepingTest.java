package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bookkeeping acceptance test: after HTTP traffic through routes of at least three hops on a
 * devnet of separate Node processes, every payable on the originator equals, to the wei, the
 * receivable that the serving Node it names holds against the originator. The books are read from
 * each Node's SQLite file after the Nodes have stopped.
 */
class BookkeepingTest {
  private static final int NODES = 6;
  private static final int BIG = 3 * 1024 * 1024;

  /** devnet's wallets come from ganache's deterministic phrase (see DevnetWallets). */
  @Test
  void every_payable_of_the_originator_equals_the_receivable_of_the_node_it_owes(@TempDir Path work)
      throws Exception {
    Devnet devnet;
    try (LocalSite site = new LocalSite(work, BIG, 11)) {
      devnet =
          Devnet.start(
              work.resolve("devnet"),
              NODES,
              "--allow-private-targets",
              "--dns-servers",
              site.dns.address());
      try {
        for (int i = 0; i < 3; i++) {
          Curl.Result big =
              Curl.run(
                  work.resolve("curl"), "--socks5-hostname", devnet.proxy(), site.url("/big.bin"));
          assertThat(big.exitCode()).as(big.stderr() + devnet.diagnostics()).isZero();
          assertThat(big.body()).hasSize(BIG);
          Curl.Result hello =
              Curl.run(
                  work.resolve("curl"), "--proxy", "http://" + devnet.proxy(), site.url("/hello"));
          assertThat(hello.bodyText()).isEqualTo(LocalSite.HELLO);
        }
        // The last acknowledgements may still be crossing the network: stop the Nodes once both
        // sides have written them.
        DevnetBooks.awaitCreditorsAgree(devnet, NODES, java.time.Duration.ofSeconds(30));
      } finally {
        devnet.close();
      }
    }

    Map<Wallet, Wei> owed = new HashMap<>();
    try (NodeDatabase originator = NodeDatabase.open(devnet.nodeDirectory(1), Chain.DEV)) {
      for (PayableAccount account : originator.payables().all()) {
        owed.put(account.wallet(), account.balance());
      }
    }
    assertThat(owed)
        .as("the originator owes at least two relays and an exit")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(owed.values()).allSatisfy(amount -> assertThat(amount.isZero()).isFalse());

    Map<Wallet, Wei> earned = new HashMap<>();
    for (int node = 2; node <= NODES; node++) {
      Path directory = devnet.nodeDirectory(node);
      assertThat(directory.resolve(NodeDatabase.FILE_NAME)).exists();
      try (NodeDatabase served = NodeDatabase.open(directory, Chain.DEV)) {
        for (ReceivableAccount account : served.receivables().all()) {
          assertThat(account.wallet())
              .as("node %d bills only the originator", node)
              .isEqualTo(Devnet.consuming(1).wallet());
          assertThat(account.balance().isPositive()).isTrue();
          earned.put(Devnet.earning(node), Wei.of(account.balance().toBigInteger()));
        }
        assertThat(served.payables().all()).as("node %d originated nothing", node).isEmpty();
      }
    }
    assertThat(earned).isEqualTo(owed);

    // The same books, as `jmasq financials --top 65535 --json` prints them: the payload of a
    // `financials` answer (no Node answers on this UI port, so its handler reads the database).
    try (NodeProcess financials =
        NodeProcess.start(
            work.resolve("financials"),
            "financials",
            "--ui-port",
            "" + closedPort(),
            "--data-directory",
            devnet.nodeDirectory(1).toString(),
            "--chain",
            "dev",
            "--top",
            "65535",
            "--json")) {
      assertThat(financials.awaitExit(java.time.Duration.ofSeconds(30)))
          .as(financials.diagnostics())
          .isZero();
      com.fasterxml.jackson.databind.JsonNode payables =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(String.join("\n", financials.stdout()))
              .get("queryResultsOpt")
              .get("payableOpt");
      Map<Wallet, java.math.BigInteger> printed = new HashMap<>();
      payables.forEach(
          row ->
              printed.put(
                  Wallet.parse(row.get("wallet").asText()),
                  row.get("balanceGwei").bigIntegerValue()));
      Map<Wallet, java.math.BigInteger> owedGwei = new HashMap<>();
      owed.forEach((w, wei) -> owedGwei.put(w, wei.toBigInteger().divide(Wei.WEI_PER_GWEI)));
      assertThat(printed).isEqualTo(owedGwei);
    }
  }

  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
