package org.jmasq.node;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jmasq.accountant.ChargeSink;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;

/**
 * The data path's charges on their way to the books, added up since the Node started: what it
 * earned serving others and what it spent on its own streams. The books hold each account's debt
 * after payments; these totals are what the dashboard shows as earnings and spending.
 */
final class ChargeTotals implements ChargeSink {
  private final ChargeSink books;
  private final AtomicReference<BigInteger> earned = new AtomicReference<>(BigInteger.ZERO);
  private final AtomicReference<BigInteger> spent = new AtomicReference<>(BigInteger.ZERO);

  ChargeTotals(ChargeSink books) {
    this.books = books;
  }

  @Override
  public void owe(Wallet creditor, Wei amount) {
    books.owe(creditor, amount);
    spent.accumulateAndGet(amount.toBigInteger(), BigInteger::add);
  }

  @Override
  public void earn(Wallet debtor, Wei amount) {
    books.earn(debtor, amount);
    earned.accumulateAndGet(amount.toBigInteger(), BigInteger::add);
  }

  BigInteger earnedWei() {
    return earned.get();
  }

  BigInteger spentWei() {
    return spent.get();
  }
}
