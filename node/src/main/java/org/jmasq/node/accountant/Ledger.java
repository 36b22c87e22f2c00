package org.jmasq.node.accountant;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jmasq.accountant.ChargeSink;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;

/**
 * Takes the charges of every package off the data path: {@link #owe} and {@link #earn} only add to
 * a per-wallet sum in memory, and {@link #flush} writes the sums to the payable and receivable
 * tables in one transaction. Sums are exact, so a thousand packages flushed at once add up to the
 * same wei as a thousand flushed one by one.
 *
 * <p>Threading: {@code owe} and {@code earn} from any thread, without a lock; {@code flush} from
 * the Accountant's threads (its own, and before each scan the scans'), one flush at a time, so that
 * a flush that returns has written every charge made before it began, or put it back.
 */
public final class Ledger implements ChargeSink {
  private final NodeDatabase database;
  private final InstantSource clock;
  private final ConcurrentHashMap<Wallet, Wei> owed = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Wallet, Wei> earned = new ConcurrentHashMap<>();

  public Ledger(NodeDatabase database, InstantSource clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public void owe(Wallet creditor, Wei amount) {
    owed.merge(creditor, amount, Wei::plus);
  }

  @Override
  public void earn(Wallet debtor, Wei amount) {
    earned.merge(debtor, amount, Wei::plus);
  }

  /**
   * Records what has accumulated since the last flush. If the database refuses, the sums are put
   * back for the next flush, so no charge is lost or counted twice.
   */
  synchronized void flush() throws DatabaseException {
    Map<Wallet, Wei> debts = drain(owed);
    Map<Wallet, Wei> earnings = drain(earned);
    if (debts.isEmpty() && earnings.isEmpty()) {
      return;
    }
    try {
      database.atomically(
          "record charges",
          () -> {
            var now = clock.instant();
            var payables = database.payables();
            var receivables = database.receivables();
            for (Map.Entry<Wallet, Wei> debt : debts.entrySet()) {
              payables.addDebt(debt.getKey(), debt.getValue(), now);
            }
            for (Map.Entry<Wallet, Wei> earning : earnings.entrySet()) {
              receivables.addCharge(earning.getKey(), earning.getValue(), now);
            }
          });
    } catch (DatabaseException | RuntimeException e) {
      debts.forEach(this::owe);
      earnings.forEach(this::earn);
      throw e;
    }
  }

  private static Map<Wallet, Wei> drain(ConcurrentHashMap<Wallet, Wei> sums) {
    Map<Wallet, Wei> out = new HashMap<>();
    for (Wallet wallet : sums.keySet()) {
      Wei sum = sums.remove(wallet);
      if (sum != null) {
        out.put(wallet, sum);
      }
    }
    return out;
  }
}
