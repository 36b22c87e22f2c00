package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;

/**
 * The books of a devnet's Nodes, read from their databases while they run (the write-ahead log lets
 * a reader in beside the Node), so that a test can wait until the Nodes' own scans have settled
 * them before it stops the network and checks the books for good. Waiting on the books themselves,
 * not on a quiet spell, keeps a test right however the scans fall on a slow machine.
 */
final class DevnetBooks {
  private DevnetBooks() {}

  /**
   * Waits until the user's Node (node 1) has no payment in flight and owes no creditor more than
   * {@code tolerated}, and every serving Node expects exactly what node 1 owes it.
   */
  static void awaitSettled(Devnet devnet, int nodes, BigInteger tolerated, Duration timeout)
      throws Exception {
    await(
        devnet,
        timeout,
        "the user's Node paid every debt above " + tolerated + " wei, and its creditors agree",
        () -> userSettled(devnet, tolerated) && creditorsAgree(devnet, nodes));
  }

  /** Waits until every serving Node expects exactly what the user's Node owes it. */
  static void awaitCreditorsAgree(Devnet devnet, int nodes, Duration timeout) throws Exception {
    await(
        devnet,
        timeout,
        "the creditors' receivables equal the user's Node's payables",
        () -> creditorsAgree(devnet, nodes));
  }

  @FunctionalInterface
  private interface Condition {
    boolean holds() throws DatabaseException;
  }

  private static void await(Devnet devnet, Duration timeout, String what, Condition condition)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastError = "";
    while (true) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (DatabaseException e) {
        // A Node may hold a write lock for a moment; the next look will do.
        lastError = " (last look: " + e.getMessage() + ")";
      }
      assertThat(System.nanoTime())
          .as(
              "within %s: %s%s (%s)\n%s",
              timeout, what, lastError, lastDisagreement, devnet.diagnostics())
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  private static boolean userSettled(Devnet devnet, BigInteger tolerated) throws DatabaseException {
    try (NodeDatabase db = NodeDatabase.open(devnet.nodeDirectory(1), Chain.DEV)) {
      if (!db.pendingPayables().all().isEmpty()) {
        return false;
      }
      for (PayableAccount account : db.payables().all()) {
        if (account.hasPendingPayment()
            || account.balance().toBigInteger().compareTo(tolerated) > 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** What the last look at the books found wrong, for the failure message. */
  private static volatile String lastDisagreement = "";

  private static boolean creditorsAgree(Devnet devnet, int nodes) throws DatabaseException {
    Map<Wallet, BigInteger> owed = new HashMap<>();
    try (NodeDatabase db = NodeDatabase.open(devnet.nodeDirectory(1), Chain.DEV)) {
      for (PayableAccount account : db.payables().all()) {
        owed.put(account.wallet(), account.balance().toBigInteger());
      }
    }
    // Only the user's Node consumes, so what a Node expects from all its debtors is what the
    // user's Node owes it; a Node that has not written its first receivable yet expects nothing.
    for (int n = 2; n <= nodes; n++) {
      BigInteger expected = BigInteger.ZERO;
      try (NodeDatabase db = NodeDatabase.open(devnet.nodeDirectory(n), Chain.DEV)) {
        for (ReceivableAccount account : db.receivables().all()) {
          expected = expected.add(account.balance().toBigInteger());
        }
      }
      BigInteger owes = owed.getOrDefault(Devnet.earning(n), BigInteger.ZERO);
      if (!expected.equals(owes)) {
        lastDisagreement =
            "node " + n + " expects " + expected + " wei, the user's Node owes it " + owes;
        return false;
      }
    }
    return true;
  }
}
