package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.accountant.Wei;
import org.jmasq.blockchain.TransferLogs;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.accountant.JsonRpcBlockchainClient;
import org.jmasq.node.blockchain.DerivationPath;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.PendingPayable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash acceptance test with real Node processes: the user's Node is killed with SIGKILL as
 * soon as its payable scan has put its first payment on the chain, before any pending-payable scan
 * could confirm it. Restarted on the same data directory, it opens its database, confirms what it
 * had sent, and pays no debt a second time: on the chain each creditor received exactly one
 * transfer, worth exactly what the books say was paid.
 */
class NodeKilledDuringPaymentTest {
  private static final int NODES = 6;
  private static final int BIG = 3 * 1024 * 1024;
  /**
   * debt 100 gwei, maturity 10 s (the download is over long before), grace 600 s, permanent 10 gwei,
   * interval 10 s, unban 10 gwei.
   */
  private static final String THRESHOLDS = "100|10|600|10|10|10";
  private static final BigInteger PERMANENT_DEBT_WEI = BigInteger.valueOf(10).multiply(Wei.WEI_PER_GWEI);
  /**
   * pending payable|payable|receivable: before the crash the pending-payable scan runs once at start
   * and then not for an hour, so whatever the payable scan sends stays pending until the kill.
   */
  private static final String NEVER_CONFIRM = "3600|2|2";
  /** After the restart every scan runs every 2 s. */
  private static final String RESTART_INTERVALS = "2|2|2";
  private static final Pattern SENT = Pattern.compile("The payable scan: Outcome\\[sent=\\[[^\\]]");
  private static final Pattern CONFIRMED = Pattern.compile("The pending payable scan: Outcome\\[confirmed=([1-9]\\d*)");
  private static final Pattern PAID_NOTHING = Pattern.compile("The payable scan: Outcome\\[sent=\\[\\]");
  private static final byte[] SEED =
      Mnemonic.parse("myth like bonus scare over problem client lizard pioneer submit female collect").seed("");
  private static final Wallet CONSUMING = WalletKey.derive(SEED, DerivationPath.parse("m/44'/60'/0'/0/1")).wallet();

  private static Wallet earning(int node) {
    return WalletKey.derive(SEED, DerivationPath.parse("m/44'/60'/1'/0/" + (node - 1))).wallet();
  }

  @Test
  void a_node_killed_during_a_payment_scan_restarts_with_consistent_books_and_pays_no_debt_twice(@TempDir Path work)
      throws Exception {
    try (LocalSite site = new LocalSite(work, BIG, 19)) {
      Devnet devnet = Devnet.start(work.resolve("devnet"), NODES, "--allow-private-targets", "--dns-servers", site.dns.address(),
          "--payment-thresholds", THRESHOLDS, "--scan-intervals", NEVER_CONFIRM);
      Map<Wallet, Wei> stillOwed = new HashMap<>();
      try {
        Curl.Result big = Curl.run(work.resolve("curl"), "--socks5-hostname", devnet.proxy(), site.url("/big.bin"));
        assertThat(big.exitCode()).as(big.stderr() + devnet.diagnostics()).isZero();
        Devnet.Chain chain = devnet.chain();
        JsonRpcBlockchainClient rpc =
            new JsonRpcBlockchainClient(URI.create(chain.url()), chain.token(), HttpClient.newHttpClient(), Duration.ofSeconds(10));
        // Every debt is complete before any is paid, so each creditor is owed one payment.
        assertThat(rpc.transactionCount(CONSUMING, true)).as("nothing paid before the debts mature").isZero();

        // The Node as it runs: its arguments, to restart it the same way.
        long pid = devnet.pid(1);
        List<String> args = nodeArguments(pid);
        Path log = devnet.nodeDirectory(1).resolve("node.err");

        // Kill it the moment its first payment is on the chain or its scan says it sent.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String killedOn = null;
        while (killedOn == null) {
          assertThat(System.nanoTime()).as("the payable scan sent nothing within 60 s\n" + Files.readString(log)).isLessThan(deadline);
          if (rpc.transactionCount(CONSUMING, true) > 0) {
            killedOn = "a payment on the chain";
          } else if (SENT.matcher(Files.readString(log)).find()) {
            killedOn = "the scan's log";
          } else {
            Thread.sleep(20);
          }
        }
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow();
        devnet.kill(1);
        assertThat(node.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
        System.out.println("killed the user's Node on " + killedOn + " after " + rpc.transactionCount(CONSUMING, false)
            + " mined payments");

        // What the crash left: the payments it recorded and did not confirm.
        List<PendingPayable> pendingAtCrash;
        try (NodeDatabase db = NodeDatabase.open(devnet.nodeDirectory(1), Chain.DEV)) {
          pendingAtCrash = db.pendingPayables().all();
          for (PendingPayable p : pendingAtCrash) {
            assertThat(db.payables().get(p.creditor())).as("the debt behind %s", p.transactionHash()).isPresent();
          }
        }
        assertThat(pendingAtCrash).as("payments recorded, sent and not yet confirmed at the crash").isNotEmpty();

        // Restart it on the same data directory with the same arguments, every scan every 2 s.
        try (NodeProcess restarted = NodeProcess.start(work.resolve("restarted"), withScanIntervals(args, RESTART_INTERVALS))) {
          Path restartLog = work.resolve("restarted").resolve("stderr.log");
          // It confirms what it sent before the crash, then scans its payables again and pays nothing.
          awaitInOrder(restartLog, restarted, Duration.ofSeconds(60), CONFIRMED, PAID_NOTHING, PAID_NOTHING);
          restarted.interrupt();
          assertThat(restarted.awaitExit(Duration.ofSeconds(30))).as(restarted.diagnostics()).isNotEqualTo(-1);
        } finally {
          keep(work, work.resolve("restarted").resolve("stderr.log"));
        }

        // On the chain: one transfer per creditor, no nonce used twice, nothing more was sent.
        assertThat(rpc.transactionCount(CONSUMING, true)).as("payments sent in all").isEqualTo(pendingAtCrash.size());
        Map<Wallet, Wei> paid = new HashMap<>();
        long latest = rpc.latestBlock();
        for (int n = 2; n <= NODES; n++) {
          Wallet creditor = earning(n);
          TransferLogs.Result result = TransferLogs.decode(rpc.transfersTo(creditor, 0, latest));
          assertThat(result).isInstanceOf(TransferLogs.Decoded.class);
          List<TransferLogs.IncomingTransfer> fromUser = ((TransferLogs.Decoded) result).transfers().stream()
              .filter(t -> t.from().equals(CONSUMING)).toList();
          assertThat(fromUser).as("transfers from the user's Node to Node %d", n).hasSizeLessThanOrEqualTo(1);
          if (!fromUser.isEmpty()) {
            paid.put(creditor, fromUser.get(0).amount());
            assertThat(rpc.tokenBalance(creditor)).as("Node %d's balance", n).isEqualTo(fromUser.get(0).amount());
          }
        }
        assertThat(paid).as("creditors paid").hasSize(pendingAtCrash.size());
        for (PendingPayable p : pendingAtCrash) {
          assertThat(paid.get(p.creditor())).as("paid to %s", p.creditor()).isEqualTo(p.amount());
        }

        // The books after the restart: every payment confirmed, the paid debts settled.
        try (NodeDatabase db = NodeDatabase.open(devnet.nodeDirectory(1), Chain.DEV)) {
          assertThat(db.pendingPayables().all()).as("pending payments after the restart").isEmpty();
          for (PayableAccount account : db.payables().all()) {
            assertThat(account.balance().toBigInteger().signum()).as("the debt to %s", account.wallet()).isNotNegative();
            assertThat(account.hasPendingPayment()).as("the debt to %s is linked to a payment", account.wallet()).isFalse();
            if (paid.containsKey(account.wallet())) {
              assertThat(account.balance().toBigInteger()).as("what is left of the debt to %s", account.wallet())
                  .isLessThanOrEqualTo(PERMANENT_DEBT_WEI);
            }
            stillOwed.put(account.wallet(), account.balance());
          }
        }
        assertThat(stillOwed.keySet()).containsAll(paid.keySet());
      } finally {
        devnet.close();
      }
      // Each creditor's receivable scan credited what reached it: what the user's books still owe
      // a paid creditor is what that creditor still expects, so each was paid what the books say.
      for (int n = 2; n <= NODES; n++) {
        try (NodeDatabase served = NodeDatabase.open(devnet.nodeDirectory(n), Chain.DEV)) {
          for (ReceivableAccount account : served.receivables().all()) {
            assertThat(account.balance().toBigInteger()).as("Node %d's receivable", n)
                .isEqualTo(stillOwed.getOrDefault(earning(n), Wei.ZERO).toBigInteger());
          }
        }
      }
    }
  }

  /** Keeps the restarted Node's log next to the devnet's logs in target/devnet-logs. */
  private static void keep(Path work, Path log) {
    try {
      Path to = Path.of("target", "devnet-logs", work.getFileName().toString(), "node-1-restarted");
      Files.createDirectories(to);
      if (Files.exists(log)) {
        Files.copy(log, to.resolve("node.err"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (java.io.IOException e) {
      System.err.println("could not keep the restarted Node's log: " + e.getMessage());
    }
  }

  /** The arguments after the main class on the Node's command line. */
  private static List<String> nodeArguments(long pid) throws Exception {
    byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
    List<String> parts = Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    int main = parts.indexOf("org.jmasq.cli.Main");
    assertThat(main).as("the Node's command line: %s", parts).isNotNegative();
    return List.copyOf(parts.subList(main + 1, parts.size()));
  }

  private static String[] withScanIntervals(List<String> args, String intervals) {
    List<String> out = new ArrayList<>(args);
    int at = out.indexOf("--scan-intervals");
    assertThat(at).isNotNegative();
    out.set(at + 1, intervals);
    return out.toArray(String[]::new);
  }

  /** Waits until the log holds lines matching each pattern, in this order. */
  private static void awaitInOrder(Path log, NodeProcess node, Duration timeout, Pattern... patterns) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      int from = 0;
      int found = 0;
      for (Pattern p : patterns) {
        Matcher m = p.matcher(text);
        if (!m.find(from)) {
          break;
        }
        from = m.end();
        found++;
      }
      if (found == patterns.length) {
        return;
      }
      assertThat(node.isAlive()).as("the restarted Node is running\n" + node.diagnostics()).isTrue();
      assertThat(System.nanoTime()).as("the restarted Node's scans within " + timeout + "\n" + node.diagnostics()).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
