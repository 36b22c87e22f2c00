package org.jmasq.accountant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;

class PaymentAdjusterTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final PaymentAdjuster adjuster = new PaymentAdjuster();

  private static Wallet wallet(int n) {
    return Wallet.parse(String.format("0x%040x", n));
  }

  private static PayableAccount debt(int n, long wei, long settledAtSec) {
    return new PayableAccount(wallet(n), Wei.of(wei), T0.plusSeconds(settledAtSec));
  }

  @Test
  void with_enough_of_everything_every_debt_is_paid_in_full() {
    PaymentPlan plan =
        adjuster.adjust(
            List.of(debt(1, 100, 5), debt(2, 200, 1)),
            new PaymentBudget(Wei.of(1000), Wei.of(1000), Wei.of(10)));
    assertThat(plan.payments())
        .containsExactly(
            new Payment(wallet(2), Wei.of(200), false), new Payment(wallet(1), Wei.of(100), false));
    assertThat(plan.deferred()).isEmpty();
  }

  @Test
  void short_of_tokens_the_oldest_debt_is_paid_first_and_the_next_gets_the_rest() {
    PaymentPlan plan =
        adjuster.adjust(
            List.of(debt(1, 100, 30), debt(2, 100, 10), debt(3, 100, 20)),
            new PaymentBudget(Wei.of(150), Wei.of(1000), Wei.of(1)));
    assertThat(plan.payments())
        .containsExactly(
            new Payment(wallet(2), Wei.of(100), false), new Payment(wallet(3), Wei.of(50), true));
    assertThat(plan.deferred()).containsExactly(wallet(1));
  }

  @Test
  void short_of_gas_only_as_many_transactions_as_the_gas_pays_for_are_planned() {
    PaymentPlan plan =
        adjuster.adjust(
            List.of(debt(1, 100, 30), debt(2, 100, 10), debt(3, 100, 20)),
            new PaymentBudget(Wei.of(1000), Wei.of(25), Wei.of(10)));
    assertThat(plan.payments()).extracting(Payment::creditor).containsExactly(wallet(2), wallet(3));
    assertThat(plan.deferred()).containsExactly(wallet(1));
  }

  @Test
  void without_gas_or_tokens_nothing_is_paid() {
    List<PayableAccount> debts = List.of(debt(1, 100, 0));
    assertThat(
            adjuster
                .adjust(debts, new PaymentBudget(Wei.of(1000), Wei.of(9), Wei.of(10)))
                .payments())
        .isEmpty();
    assertThat(
            adjuster
                .adjust(debts, new PaymentBudget(Wei.ZERO, Wei.of(1000), Wei.of(10)))
                .payments())
        .isEmpty();
  }

  @Test
  void a_debt_with_a_payment_in_flight_is_left_out() {
    PayableAccount pending = new PayableAccount(wallet(1), Wei.of(100), T0, OptionalLong.of(3));
    assertThat(
            adjuster
                .adjust(List.of(pending), new PaymentBudget(Wei.of(1000), Wei.of(1000), Wei.of(1)))
                .payments())
        .isEmpty();
  }

  @Property(tries = 300)
  void a_plan_never_spends_more_token_or_gas_than_the_wallet_has(
      @ForAll("debts") List<PayableAccount> debts, @ForAll("budgets") PaymentBudget budget) {
    PaymentPlan plan = adjuster.adjust(debts, budget);
    assertThat(plan.totalTokens()).isLessThanOrEqualTo(budget.tokenBalance());
    Wei fees = budget.feePerTransaction().times(plan.payments().size());
    assertThat(fees).isLessThanOrEqualTo(budget.gasBalance());
    Map<Wallet, Wei> owed =
        debts.stream().collect(Collectors.toMap(PayableAccount::wallet, PayableAccount::balance));
    for (Payment p : plan.payments()) {
      assertThat(p.amount()).isLessThanOrEqualTo(owed.get(p.creditor()));
      assertThat(p.partial()).isEqualTo(p.amount().compareTo(owed.get(p.creditor())) < 0);
    }
  }

  @Property(tries = 300)
  void no_debt_is_paid_while_a_more_overdue_one_is_left_short(
      @ForAll("debts") List<PayableAccount> debts, @ForAll("budgets") PaymentBudget budget) {
    PaymentPlan plan = adjuster.adjust(debts, budget);
    Map<Wallet, PayableAccount> byWallet =
        debts.stream().collect(Collectors.toMap(PayableAccount::wallet, Function.identity()));
    Map<Wallet, Wei> paid =
        plan.payments().stream().collect(Collectors.toMap(Payment::creditor, Payment::amount));
    for (Payment p : plan.payments()) {
      PayableAccount paidDebt = byWallet.get(p.creditor());
      for (PayableAccount other : debts) {
        boolean moreOverdue = PaymentAdjuster.MOST_OVERDUE_FIRST.compare(other, paidDebt) < 0;
        if (moreOverdue) {
          assertThat(paid.get(other.wallet()))
              .as("more overdue %s", other.wallet())
              .isEqualTo(other.balance());
        }
      }
    }
    assertThat(plan.payments().size() + plan.deferred().size()).isEqualTo(debts.size());
  }

  @Provide
  Arbitrary<List<PayableAccount>> debts() {
    Arbitrary<Long> wei = Arbitraries.longs().between(1, 1_000_000);
    Arbitrary<Long> settled = Arbitraries.longs().between(0, 50);
    return Combinators.combine(wei, settled)
        .as((w, s) -> new long[] {w, s})
        .list()
        .ofMaxSize(12)
        .map(
            pairs -> {
              List<PayableAccount> list = new java.util.ArrayList<>();
              for (int i = 0; i < pairs.size(); i++) {
                list.add(debt(i + 1, pairs.get(i)[0], pairs.get(i)[1]));
              }
              return list;
            });
  }

  @Provide
  Arbitrary<PaymentBudget> budgets() {
    Arbitrary<Wei> amounts = Arbitraries.longs().between(0, 5_000_000).map(Wei::of);
    Arbitrary<Wei> fees = Arbitraries.longs().between(0, 1000).map(Wei::of);
    return Combinators.combine(amounts, amounts, fees).as(PaymentBudget::new);
  }
}
