package org.jmasq.accountant;

import java.util.List;
import org.jmasq.identity.Wallet;

/** The adjuster's answer: the payments to make now, and the creditors left for a later scan. */
public record PaymentPlan(List<Payment> payments, List<Wallet> deferred) {
  public PaymentPlan {
    payments = List.copyOf(payments);
    deferred = List.copyOf(deferred);
  }

  Wei totalTokens() {
    Wei total = Wei.ZERO;
    for (Payment p : payments) {
      total = total.plus(p.amount());
    }
    return total;
  }
}
