package org.jmasq.node.database;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;

/** A {@link PayableDao} in a map, for tests of the code that uses one. */
final class InMemoryPayableDao implements PayableDao {
  private final TreeMap<String, PayableAccount> rows = new TreeMap<>();

  @Override
  public void addDebt(Wallet creditor, Wei amount, Instant now) {
    PayableAccount old = rows.get(creditor.toString());
    rows.put(
        creditor.toString(),
        old == null
            ? new PayableAccount(creditor, amount, Instant.ofEpochSecond(now.getEpochSecond()))
            : new PayableAccount(
                creditor, old.balance().plus(amount), old.lastPaid(), old.pendingPayableRowid()));
  }

  @Override
  public Optional<PayableAccount> get(Wallet creditor) {
    return Optional.ofNullable(rows.get(creditor.toString()));
  }

  @Override
  public List<PayableAccount> all() {
    return List.copyOf(rows.values());
  }

  @Override
  public void markPending(Wallet creditor, long pendingPayableRowid) throws DatabaseException {
    PayableAccount old =
        get(creditor).orElseThrow(() -> new DatabaseException("No debt to " + creditor));
    rows.put(
        creditor.toString(),
        new PayableAccount(
            creditor, old.balance(), old.lastPaid(), OptionalLong.of(pendingPayableRowid)));
  }

  @Override
  public void clearPending(Wallet creditor) {
    PayableAccount old = rows.get(creditor.toString());
    if (old != null) {
      rows.put(creditor.toString(), new PayableAccount(creditor, old.balance(), old.lastPaid()));
    }
  }

  @Override
  public void settle(Wallet creditor, Wei paid, Instant paidAt) throws DatabaseException {
    PayableAccount old =
        get(creditor).orElseThrow(() -> new DatabaseException("No debt to " + creditor));
    rows.put(
        creditor.toString(),
        new PayableAccount(
            creditor,
            old.balance().minusOrZero(paid),
            Instant.ofEpochSecond(paidAt.getEpochSecond()),
            OptionalLong.empty()));
  }

  @Override
  public Wei total() {
    return rows.values().stream().map(PayableAccount::balance).reduce(Wei.ZERO, Wei::plus);
  }
}
