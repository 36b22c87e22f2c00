package org.jmasq.node.database;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.jmasq.accountant.Balance;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;

/** A {@link ReceivableDao} in a map, for tests of the code that uses one. */
final class InMemoryReceivableDao implements ReceivableDao {
  private final TreeMap<String, ReceivableAccount> rows = new TreeMap<>();

  @Override
  public void addCharge(Wallet debtor, Wei amount, Instant now) {
    ReceivableAccount old = rows.get(debtor.toString());
    rows.put(
        debtor.toString(),
        old == null
            ? new ReceivableAccount(
                debtor, Balance.of(amount), Instant.ofEpochSecond(now.getEpochSecond()))
            : new ReceivableAccount(debtor, old.balance().plus(amount), old.lastReceived()));
  }

  @Override
  public boolean recordPayment(Wallet debtor, Wei amount, Instant now) {
    ReceivableAccount old = rows.get(debtor.toString());
    if (old == null) {
      return false;
    }
    rows.put(
        debtor.toString(),
        new ReceivableAccount(
            debtor, old.balance().minus(amount), Instant.ofEpochSecond(now.getEpochSecond())));
    return true;
  }

  @Override
  public Optional<ReceivableAccount> get(Wallet debtor) {
    return Optional.ofNullable(rows.get(debtor.toString()));
  }

  @Override
  public List<ReceivableAccount> all() {
    return List.copyOf(rows.values());
  }

  @Override
  public Balance total() {
    return Balance.of(
        rows.values().stream()
            .map(r -> r.balance().toBigInteger())
            .reduce(java.math.BigInteger.ZERO, java.math.BigInteger::add));
  }
}
