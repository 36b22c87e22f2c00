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
import org.jmasq.node.blockchain.JsonRpcBlockchainClient;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.PendingPayable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash acceptance test with real Node processes: the user's Node is killed with SIGKILL as
 * soon as its payable scan has put its first payment on the chain, before any pending-payable scan
 * could confirm it. Restarted on the same data directory, it opens its database, confirms what it
 * had sent, and pays no debt a second time: on the chain each creditor received at most one
 * transfer, worth exactly what the books say was paid. Debts mature by whole seconds from when each
 * was first charged, so the scan that was killed may have paid only some creditors; the restarted
 * Node pays the others, once each, their whole debt as the books held it at the crash.
 */
class NodeKilledDuringPaymentTest {
  private static final int NODES = 6;
  private static final int BIG = 3 * 1024 * 1024;

  /**
   * debt 100 gwei, maturity 10 s (the download is over long before), grace 600 s, permanent 10
   * gwei, interval 10 s, unban 10 gwei.
   */
  private static final String THRESHOLDS = "100|10|600|10|10|10";

  private static final BigInteger PERMANENT_DEBT_WEI =
      BigInteger.valueOf(10).multiply(Wei.WEI_PER_GWEI);

  /**
   * pending payable|payable|receivable: before the crash the pending-payable scan runs once at
   * start and then not for an hour, so whatever the payable scan sends stays pending until the
   * kill.
   */
  private static final String NEVER_CONFIRM = "3600|2|2";

  /** After the restart every scan runs every 2 s. */
  private static final String RESTART_INTERVALS = "2|2|2";

  private static final Pattern SENT = Pattern.compile("The payable scan: Outcome\\[sent=\\[[^\\]]");
  private static final Pattern CONFIRMED =
      Pattern.compile("The pending payable scan: Outcome\\[confirmed=([1-9]\\d*)");
  private static final Pattern PAID_NOTHING =
      Pattern.compile("The payable scan: Outcome\\[sent=\\[\\]");
  private static final Pattern NOTHING_PENDING =
      Pattern.compile(
          "The pending payable scan: Outcome\\[confirmed=0, failed=0, waiting=0, replaced=0\\]");
  private static final Pattern ANY_PAYABLE_SCAN = Pattern.compile("The payable scan: ");
  private static final Wallet CONSUMING = Devnet.consuming(1).wallet();

  @Test
  void a_node_killed_during_a_payment_scan_restarts_with_consistent_books_and_pays_no_debt_twice(
      @TempDir Path work) throws Exception {
    try (LocalSite site = new LocalSite(work, BIG, 19)) {
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
              NEVER_CONFIRM);
      Map<Wallet, Wei> stillOwed = new HashMap<>();
      try {
        Curl.Result big =
            Curl.run(
                work.resolve("curl"), "--socks5-hostname", devnet.proxy(), site.url("/big.bin"));
        assertThat(big.exitCode()).as(big.stderr() + devnet.diagnostics()).isZero();
        Devnet.Chain chain = devnet.chain();
        JsonRpcBlockchainClient rpc =
            new JsonRpcBlockchainClient(
                URI.create(chain.url()),
                chain.token(),
                HttpClient.newHttpClient(),
                Duration.ofSeconds(10));
        // Every debt is complete before any is paid, so each creditor is owed one payment.
        assertThat(rpc.transactionCount(CONSUMING, true))
            .as("nothing paid before the debts mature")
            .isZero();

        // The Node as it runs: its arguments, to restart it the same way.
        long pid = devnet.pid(1);
        List<String> args = nodeArguments(pid);
        // devnet hands each Node its secrets in its environment, never in its arguments.
        Map<String, String> secrets = nodeSecrets(pid);
        Path log = devnet.nodeDirectory(1).resolve("node.err");

        // Kill it the moment its first payment is on the chain or its scan says it sent.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String killedOn = null;
        while (killedOn == null) {
          assertThat(System.nanoTime())
              .as("the payable scan sent nothing within 60 s\n" + Files.readString(log))
              .isLessThan(deadline);
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
        assertThat(node.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS).isAlive())
            .isFalse();
        System.out.println(
            "killed the user's Node on "
                + killedOn
                + " after "
                + rpc.transactionCount(CONSUMING, false)
                + " mined payments");

        // What the crash left: the payments it recorded and did not confirm.
        List<PendingPayable> pendingAtCrash;
        Map<Wallet, Wei> debtAtCrash = new HashMap<>();
        try (NodeDatabase db = NodeDatabase.open(devnet.nodeDirectory(1), Chain.DEV)) {
          pendingAtCrash = db.pendingPayables().all();
          for (PayableAccount account : db.payables().all()) {
            debtAtCrash.put(account.wallet(), account.balance());
          }
          for (PendingPayable p : pendingAtCrash) {
            assertThat(db.payables().get(p.creditor()))
                .as("the debt behind %s", p.transactionHash())
                .isPresent();
          }
        }
        assertThat(pendingAtCrash)
            .as("payments recorded, sent and not yet confirmed at the crash")
            .isNotEmpty();

        // Restart it on the same data directory with the same arguments, every scan every 2 s.
        try (NodeProcess restarted =
            NodeProcess.start(
                work.resolve("restarted"), secrets, withScanIntervals(args, RESTART_INTERVALS))) {
          Path restartLog = work.resolve("restarted").resolve("stderr.log");
          // It confirms what it sent before the crash, pays any debt the killed scan had not
          // reached,
          // and settles: nothing pending, and the payable scan after that pays nothing.
          awaitSettled(restartLog, restarted, Duration.ofSeconds(90));
          restarted.interrupt();
          assertThat(restarted.awaitExit(Duration.ofSeconds(30)))
              .as(restarted.diagnostics())
              .isNotEqualTo(-1);
        } finally {
          keep(work, work.resolve("restarted").resolve("stderr.log"));
        }

        // On the chain: at most one transfer per creditor, and no transaction but those transfers.
        Map<Wallet, Wei> paid = new HashMap<>();
        long latest = rpc.latestBlock();
        for (int n = 2; n <= NODES; n++) {
          Wallet creditor = Devnet.earning(n);
          TransferLogs.Result result = TransferLogs.decode(rpc.transfersTo(creditor, 0, latest));
          assertThat(result).isInstanceOf(TransferLogs.Decoded.class);
          List<TransferLogs.IncomingTransfer> fromUser =
              ((TransferLogs.Decoded) result)
                  .transfers().stream().filter(t -> t.from().equals(CONSUMING)).toList();
          assertThat(fromUser)
              .as("transfers from the user's Node to Node %d", n)
              .hasSizeLessThanOrEqualTo(1);
          if (!fromUser.isEmpty()) {
            paid.put(creditor, fromUser.get(0).amount());
            assertThat(rpc.tokenBalance(creditor))
                .as("Node %d's balance", n)
                .isEqualTo(fromUser.get(0).amount());
          }
        }
        assertThat(rpc.transactionCount(CONSUMING, true))
            .as("payments sent in all")
            .isEqualTo(paid.size());
        // Those pending at the crash were paid what the killed scan had signed; the others, which
        // the
        // restarted Node paid, their whole debt as it stood at the crash.
        Map<Wallet, Wei> pendingAmounts = new HashMap<>();
        for (PendingPayable p : pendingAtCrash) {
          assertThat(pendingAmounts.put(p.creditor(), p.amount()))
              .as("one payment pending to %s", p.creditor())
              .isNull();
          assertThat(paid.get(p.creditor())).as("paid to %s", p.creditor()).isEqualTo(p.amount());
        }
        for (Map.Entry<Wallet, Wei> e : paid.entrySet()) {
          if (!pendingAmounts.containsKey(e.getKey())) {
            assertThat(e.getValue())
                .as("paid after the restart to %s", e.getKey())
                .isEqualTo(debtAtCrash.get(e.getKey()));
          }
        }
        System.out.println(
            "paid "
                + pendingAtCrash.size()
                + " creditors before the crash and "
                + (paid.size() - pendingAtCrash.size())
                + " after the restart");

        // The books after the restart: every payment confirmed, the paid debts settled.
        try (NodeDatabase db = NodeDatabase.open(devnet.nodeDirectory(1), Chain.DEV)) {
          assertThat(db.pendingPayables().all()).as("pending payments after the restart").isEmpty();
          for (PayableAccount account : db.payables().all()) {
            assertThat(account.balance().toBigInteger().signum())
                .as("the debt to %s", account.wallet())
                .isNotNegative();
            assertThat(account.hasPendingPayment())
                .as("the debt to %s is linked to a payment", account.wallet())
                .isFalse();
            if (paid.containsKey(account.wallet())) {
              assertThat(account.balance().toBigInteger())
                  .as("what is left of the debt to %s", account.wallet())
                  .isLessThanOrEqualTo(PERMANENT_DEBT_WEI);
            }
            stillOwed.put(account.wallet(), account.balance());
          }
        }
        assertThat(stillOwed.keySet()).containsAll(paid.keySet());
        // The creditors find the payments on their own receivable scans; wait for those before
        // the network stops (the restarted Node's last payment may be only seconds old).
        DevnetBooks.awaitCreditorsAgree(devnet, NODES, Duration.ofSeconds(60));
      } finally {
        devnet.close();
      }
      // Each creditor's receivable scan credited what reached it: what the user's books still owe
      // a paid creditor is what that creditor still expects, so each was paid what the books say.
      for (int n = 2; n <= NODES; n++) {
        try (NodeDatabase served = NodeDatabase.open(devnet.nodeDirectory(n), Chain.DEV)) {
          for (ReceivableAccount account : served.receivables().all()) {
            assertThat(account.balance().toBigInteger())
                .as("Node %d's receivable", n)
                .isEqualTo(stillOwed.getOrDefault(Devnet.earning(n), Wei.ZERO).toBigInteger());
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

  /** The {@code MASQ_} variables the Node was started with: its secrets among them. */
  private static Map<String, String> nodeSecrets(long pid) throws Exception {
    byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    Map<String, String> secrets = new HashMap<>();
    for (String entry : new String(raw, StandardCharsets.UTF_8).split("\0")) {
      int equals = entry.indexOf('=');
      if (entry.startsWith("MASQ_") && equals > 0) {
        secrets.put(entry.substring(0, equals), entry.substring(equals + 1));
      }
    }
    assertThat(secrets).as("the Node's secrets in its environment").isNotEmpty();
    return secrets;
  }

  private static String[] withScanIntervals(List<String> args, String intervals) {
    List<String> out = new ArrayList<>(args);
    int at = out.indexOf("--scan-intervals");
    assertThat(at).isNotNegative();
    out.set(at + 1, intervals);
    return out.toArray(String[]::new);
  }

  /**
   * Waits until the log shows the pre-crash payments confirmed and, after that, a pending-payable
   * scan with nothing pending whose next payable scan sent nothing: from then on, with no new
   * traffic, the books stay as they are.
   */
  private static void awaitSettled(Path log, NodeProcess node, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      if (settled(text)) {
        return;
      }
      assertThat(node.isAlive())
          .as("the restarted Node is running\n" + node.diagnostics())
          .isTrue();
      assertThat(System.nanoTime())
          .as("the restarted Node's scans within " + timeout + "\n" + node.diagnostics())
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static boolean settled(String log) {
    Matcher confirmed = CONFIRMED.matcher(log);
    if (!confirmed.find()) {
      return false;
    }
    Matcher empty = NOTHING_PENDING.matcher(log);
    int from = confirmed.end();
    while (empty.find(from)) {
      Matcher next = ANY_PAYABLE_SCAN.matcher(log);
      if (next.find(empty.end())) {
        if (PAID_NOTHING.matcher(log).region(next.start(), log.length()).lookingAt()) {
          return true;
        }
      }
      from = empty.end();
    }
    return false;
  }
}
