package org.jmasq.accountant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jmasq.identity.Wallet;

/**
 * Fits the due payables into what the consuming wallet holds (the reference leaves this a stub).
 *
 * <p>Debts are taken most overdue first: the oldest last settlement, then the larger balance, then
 * the wallet address so the order is total. As many transactions are planned as the gas balance
 * pays for; each pays its whole debt while tokens last, and the first debt the tokens do not cover
 * in full gets what remains, as a partial payment. Everything after that waits for a later scan. So
 * the plan never spends more token or gas than the wallet has, and no debt is paid while a more
 * overdue one is left short.
 */
public final class PaymentAdjuster {
  /** The order in which debts are paid. */
  static final Comparator<PayableAccount> MOST_OVERDUE_FIRST =
      Comparator.comparing(PayableAccount::lastPaid)
          .thenComparing(PayableAccount::balance, Comparator.reverseOrder())
          .thenComparing(p -> p.wallet().toString());

  public PaymentPlan adjust(List<PayableAccount> duePayables, PaymentBudget budget) {
    List<PayableAccount> ordered =
        duePayables.stream()
            .filter(p -> !p.hasPendingPayment() && !p.balance().isZero())
            .sorted(MOST_OVERDUE_FIRST)
            .toList();
    long transactionsLeft = budget.affordableTransactions();
    Wei tokensLeft = budget.tokenBalance();
    List<Payment> payments = new ArrayList<>();
    List<Wallet> deferred = new ArrayList<>();
    for (PayableAccount p : ordered) {
      if (transactionsLeft == 0 || tokensLeft.isZero()) {
        deferred.add(p.wallet());
        continue;
      }
      Wei amount = Wei.min(p.balance(), tokensLeft);
      payments.add(new Payment(p.wallet(), amount, amount.compareTo(p.balance()) < 0));
      tokensLeft = tokensLeft.minus(amount);
      transactionsLeft--;
    }
    return new PaymentPlan(payments, deferred);
  }
}
