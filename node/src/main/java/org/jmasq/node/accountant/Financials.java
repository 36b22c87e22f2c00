package org.jmasq.node.accountant;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmasq.accountant.Balance;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.PendingPayable;

/**
 * A Node's money at one moment, as {@code financials} shows it: totals, and each payable and
 * receivable with its balance, age and pending transaction. Read from the database, so it works
 * while the Node is stopped too.
 */
public record Financials(
    Wei totalPayable, Balance totalReceivable, List<Row> payables, List<Row> receivables) {
  public Financials {
    payables = List.copyOf(payables);
    receivables = List.copyOf(receivables);
  }

  /** One account: its balance in wei, its age in seconds, and the hash of a payment in flight. */
  public record Row(
      Wallet wallet, Balance balanceWei, long ageSec, Optional<String> pendingTransaction) {
    /** The balance in MASQ (18 decimals), exact, without trailing zeros. */
    public String balanceMasq() {
      return masq(balanceWei);
    }
  }

  public static Financials read(NodeDatabase database, Clock clock) throws DatabaseException {
    long now = clock.instant().getEpochSecond();
    Map<Long, String> hashes = new HashMap<>();
    for (PendingPayable p : database.pendingPayables().all()) {
      hashes.put(p.rowid(), p.transactionHash());
    }
    List<Row> payables = new ArrayList<>();
    for (PayableAccount p : database.payables().all()) {
      Optional<String> pending =
          p.pendingPayableRowid().isPresent()
              ? Optional.ofNullable(hashes.get(p.pendingPayableRowid().getAsLong()))
              : Optional.empty();
      payables.add(
          new Row(
              p.wallet(), Balance.of(p.balance()), now - p.lastPaid().getEpochSecond(), pending));
    }
    List<Row> receivables = new ArrayList<>();
    for (ReceivableAccount r : database.receivables().all()) {
      receivables.add(
          new Row(
              r.wallet(), r.balance(), now - r.lastReceived().getEpochSecond(), Optional.empty()));
    }
    return new Financials(
        database.payables().total(), database.receivables().total(), payables, receivables);
  }

  /** Wei as MASQ: the exact decimal with 18 places, trailing zeros dropped. */
  public static String masq(Balance wei) {
    BigDecimal value = new BigDecimal(wei.toBigInteger(), 18).stripTrailingZeros();
    return value.signum() == 0 ? "0" : value.toPlainString();
  }
}
