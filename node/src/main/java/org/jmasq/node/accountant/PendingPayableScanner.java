package org.jmasq.node.accountant;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jmasq.accountant.PendingPaymentPolicy;
import org.jmasq.accountant.PendingPaymentPolicy.Decision;
import org.jmasq.accountant.ReceiptStatus;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.BlockchainClient;
import org.jmasq.node.blockchain.BlockchainException;
import org.jmasq.node.blockchain.TransferSigner;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.PendingPayable;

/**
 * Follows the payments sent and not yet confirmed. Fingerprints that share a nonce (a payment and
 * its replacements) are one payment: at most one of them can be mined. So a group is settled once
 * when any member is confirmed; it is given up (the debt freed) when a member reverted or the nonce
 * went to another transaction; otherwise its newest member waits or is replaced under the same
 * nonce ({@link PendingPaymentPolicy}).
 */
public final class PendingPayableScanner {
  private final NodeDatabase database;
  private final BlockchainClient chain;
  private final TransferSigner signer;
  private final Wallet consuming;
  private final PendingPaymentPolicy policy;
  private final Clock clock;

  public PendingPayableScanner(
      NodeDatabase database,
      BlockchainClient chain,
      TransferSigner signer,
      Wallet consuming,
      PendingPaymentPolicy policy,
      Clock clock) {
    this.database = database;
    this.chain = chain;
    this.signer = signer;
    this.consuming = consuming;
    this.policy = policy;
    this.clock = clock;
  }

  /** How many payments one scan settled, gave up, left waiting and replaced. */
  public record Outcome(int confirmed, int failed, int waiting, int replaced) {}

  public Outcome scan() throws DatabaseException, BlockchainException {
    Map<Long, List<PendingPayable>> byNonce = new TreeMap<>();
    for (PendingPayable p : database.pendingPayables().all()) {
      if (p.processError().isEmpty()) {
        byNonce.computeIfAbsent(p.nonce(), n -> new ArrayList<>()).add(p);
      }
    }
    if (byNonce.isEmpty()) {
      return new Outcome(0, 0, 0, 0);
    }
    // The mined count is read before the receipts, so a payment mined in between reads as
    // confirmed.
    long minedCount = chain.transactionCount(consuming, false);
    List<String> hashes =
        byNonce.values().stream()
            .flatMap(List::stream)
            .map(PendingPayable::transactionHash)
            .toList();
    Map<String, ReceiptStatus> receipts = chain.receipts(hashes);
    int confirmed = 0;
    int failed = 0;
    int waiting = 0;
    List<TransferSigner.SignedTransfer> replacements = new ArrayList<>();
    for (List<PendingPayable> group : byNonce.values()) {
      group.sort(Comparator.comparing(PendingPayable::sentAt).thenComparing(PendingPayable::rowid));
      Decision decision = decide(group, receipts, minedCount);
      switch (decision) {
        case Decision.Confirm c -> {
          settle(group, receipts);
          confirmed++;
        }
        case Decision.MarkFailed f -> {
          giveUp(group, f.reason());
          failed++;
        }
        case Decision.Superseded s -> {
          giveUp(group, "nonce " + group.get(0).nonce() + " was used by another transaction");
          failed++;
        }
        case Decision.KeepWaiting w -> {
          PendingPayable newest = group.get(group.size() - 1);
          database.pendingPayables().incrementAttempt(newest.rowid());
          waiting++;
        }
        case Decision.ReplaceSameNonce r ->
            replacements.add(replace(group.get(group.size() - 1), r));
      }
    }
    if (!replacements.isEmpty()) {
      chain.sendRawTransactions(
          replacements.stream().map(TransferSigner.SignedTransfer::rawTransaction).toList());
    }
    return new Outcome(confirmed, failed, waiting, replacements.size());
  }

  private Decision decide(
      List<PendingPayable> group, Map<String, ReceiptStatus> receipts, long minedCount) {
    for (PendingPayable p : group) {
      ReceiptStatus status =
          receipts.getOrDefault(p.transactionHash(), new ReceiptStatus.NotFound());
      if (!(status instanceof ReceiptStatus.NotFound)) {
        return policy.decide(p.sentAt(), p.nonce(), p.gasPrice(), status, minedCount);
      }
    }
    PendingPayable newest = group.get(group.size() - 1);
    return policy.decide(
        newest.sentAt(),
        newest.nonce(),
        newest.gasPrice(),
        new ReceiptStatus.NotFound(),
        minedCount);
  }

  private void settle(List<PendingPayable> group, Map<String, ReceiptStatus> receipts)
      throws DatabaseException {
    PendingPayable mined =
        group.stream()
            .filter(p -> receipts.get(p.transactionHash()) instanceof ReceiptStatus.Confirmed)
            .findFirst()
            .orElseThrow();
    database.atomically(
        "settle the payment " + mined.transactionHash(),
        () -> {
          database.payables().settle(mined.creditor(), mined.amount(), mined.sentAt());
          for (PendingPayable p : group) {
            database.pendingPayables().delete(p.rowid());
          }
        });
  }

  private void giveUp(List<PendingPayable> group, String reason) throws DatabaseException {
    database.atomically(
        "give up the payment with nonce " + group.get(0).nonce(),
        () -> {
          database.payables().clearPending(group.get(0).creditor());
          for (PendingPayable p : group) {
            database.pendingPayables().markFailed(p.rowid(), reason);
          }
        });
  }

  private TransferSigner.SignedTransfer replace(PendingPayable newest, Decision.ReplaceSameNonce r)
      throws DatabaseException {
    TransferSigner.SignedTransfer t =
        signer.sign(newest.creditor(), newest.amount(), newest.nonce(), r.gasPrice());
    database.atomically(
        "record the replacement of " + newest.transactionHash(),
        () -> {
          long rowid =
              database
                  .pendingPayables()
                  .record(
                      t.transactionHash(),
                      t.recipient(),
                      t.amount(),
                      t.nonce(),
                      r.gasPrice(),
                      clock.instant());
          database.payables().markPending(t.recipient(), rowid);
        });
    return t;
  }
}
