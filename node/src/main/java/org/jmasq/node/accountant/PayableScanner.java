package org.jmasq.node.accountant;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jmasq.accountant.DebtPolicy;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.Payment;
import org.jmasq.accountant.PaymentAdjuster;
import org.jmasq.accountant.PaymentBudget;
import org.jmasq.accountant.PaymentPlan;
import org.jmasq.accountant.Wei;
import org.jmasq.blockchain.Erc20;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.BlockchainClient;
import org.jmasq.node.blockchain.BlockchainException;
import org.jmasq.node.blockchain.TransferSigner;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;

/**
 * Pays the debts that are due: selects them ({@link DebtPolicy}), fits them into the consuming
 * wallet's balances ({@link PaymentAdjuster}), signs one transfer each under consecutive nonces,
 * records every fingerprint and links it to its debt in one transaction, and only then sends the
 * batch. A crash before the send leaves fingerprints whose nonces the pending-payable scan
 * resolves; a crash after it leaves nothing to pay twice, because linked debts are never due.
 */
public final class PayableScanner {
  private final NodeDatabase database;
  private final BlockchainClient chain;
  private final TransferSigner signer;
  private final Wallet consuming;
  private final Chain gasRules;
  private final DebtPolicy policy;
  private final PaymentAdjuster adjuster = new PaymentAdjuster();
  private final Clock clock;

  public PayableScanner(
      NodeDatabase database,
      BlockchainClient chain,
      TransferSigner signer,
      Wallet consuming,
      Chain gasRules,
      DebtPolicy policy,
      Clock clock) {
    this.database = database;
    this.chain = chain;
    this.signer = signer;
    this.consuming = consuming;
    this.gasRules = gasRules;
    this.policy = policy;
    this.clock = clock;
  }

  /** What one scan did. */
  public record Outcome(List<TransferSigner.SignedTransfer> sent, List<Wallet> deferred) {
    public Outcome {
      sent = List.copyOf(sent);
      deferred = List.copyOf(deferred);
    }
  }

  public Outcome scan() throws DatabaseException, BlockchainException {
    List<PayableAccount> due = policy.qualifiedPayables(database.payables().all());
    if (due.isEmpty()) {
      return new Outcome(List.of(), List.of());
    }
    Wei gasPrice = chain.gasPrice();
    PaymentBudget budget =
        new PaymentBudget(
            chain.tokenBalance(consuming),
            chain.gasBalance(consuming),
            Erc20.maximalFee(gasRules, gasPrice));
    PaymentPlan plan = adjuster.adjust(due, budget);
    if (plan.payments().isEmpty()) {
      return new Outcome(List.of(), plan.deferred());
    }
    long nonce = chain.transactionCount(consuming, true);
    List<TransferSigner.SignedTransfer> signed = new ArrayList<>();
    for (Payment p : plan.payments()) {
      signed.add(signer.sign(p.creditor(), p.amount(), nonce++, gasPrice));
    }
    Instant now = clock.instant();
    database.atomically(
        "record " + signed.size() + " payments",
        () -> {
          for (TransferSigner.SignedTransfer t : signed) {
            long rowid =
                database
                    .pendingPayables()
                    .record(
                        t.transactionHash(), t.recipient(), t.amount(), t.nonce(), gasPrice, now);
            database.payables().markPending(t.recipient(), rowid);
          }
        });
    chain.sendRawTransactions(
        signed.stream().map(TransferSigner.SignedTransfer::rawTransaction).toList());
    return new Outcome(signed, plan.deferred());
  }
}
