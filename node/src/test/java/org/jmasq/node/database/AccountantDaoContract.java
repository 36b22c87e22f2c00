package org.jmasq.node.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.OptionalLong;
import org.jmasq.accountant.Balance;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;

/** One suite for every implementation of the Accountant's DAOs: they must behave alike. */
abstract class AccountantDaoContract {
  static final Wallet ALICE = Wallet.parse("0x" + "a1".repeat(20));
  static final Wallet BOB = Wallet.parse("0x" + "b2".repeat(20));
  static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
  static final Instant T1 = T0.plusSeconds(3600);

  abstract PayableDao payables();

  abstract ReceivableDao receivables();

  abstract BannedDao banned();

  @Test
  void a_first_debt_creates_the_payable_dated_now_and_later_debts_keep_the_date() throws Exception {
    payables().addDebt(ALICE, Wei.of(100), T0);
    payables().addDebt(ALICE, Wei.of(23), T1);
    assertThat(payables().get(ALICE)).contains(new PayableAccount(ALICE, Wei.of(123), T0));
    assertThat(payables().get(BOB)).isEmpty();
  }

  @Test
  void a_pending_payment_is_linked_then_settling_clears_it_and_dates_the_payment()
      throws Exception {
    payables().addDebt(ALICE, Wei.of(1000), T0);
    payables().markPending(ALICE, 42);
    assertThat(payables().get(ALICE).orElseThrow().pendingPayableRowid())
        .isEqualTo(OptionalLong.of(42));
    payables().settle(ALICE, Wei.of(600), T1);
    assertThat(payables().get(ALICE)).contains(new PayableAccount(ALICE, Wei.of(400), T1));
  }

  @Test
  void clearing_the_pending_link_frees_the_debt_and_keeps_its_balance_and_date() throws Exception {
    payables().addDebt(ALICE, Wei.of(1000), T0);
    payables().markPending(ALICE, 42);
    payables().clearPending(ALICE);
    assertThat(payables().get(ALICE)).contains(new PayableAccount(ALICE, Wei.of(1000), T0));
  }

  @Test
  void linking_or_settling_an_unknown_creditor_is_refused() {
    assertThatThrownBy(() -> payables().markPending(BOB, 1)).isInstanceOf(DatabaseException.class);
    assertThatThrownBy(() -> payables().settle(BOB, Wei.of(1), T1))
        .isInstanceOf(DatabaseException.class);
  }

  @Test
  void the_payable_total_sums_every_debt() throws Exception {
    payables().addDebt(ALICE, Wei.of(5), T0);
    payables().addDebt(BOB, Wei.of(7), T0);
    assertThat(payables().total()).isEqualTo(Wei.of(12));
    assertThat(payables().all())
        .extracting(PayableAccount::wallet)
        .containsExactlyInAnyOrder(ALICE, BOB);
  }

  @Test
  void the_largest_amounts_round_trip_exactly() throws Exception {
    Wei almostMax = Wei.of(Wei.MAX_VALUE.subtract(BigInteger.ONE));
    payables().addDebt(ALICE, almostMax, T0);
    payables().addDebt(ALICE, Wei.of(1), T0);
    assertThat(payables().get(ALICE).orElseThrow().balance()).isEqualTo(Wei.MAX);
    assertThatThrownBy(() -> payables().addDebt(ALICE, Wei.of(1), T0))
        .isInstanceOf(ArithmeticException.class);
    assertThat(payables().get(ALICE).orElseThrow().balance()).isEqualTo(Wei.MAX);
  }

  @Test
  void charges_accumulate_and_a_payment_may_take_a_receivable_below_zero() throws Exception {
    receivables().addCharge(BOB, Wei.of(300), T0);
    receivables().addCharge(BOB, Wei.of(200), T1);
    assertThat(receivables().get(BOB)).contains(new ReceivableAccount(BOB, Balance.of(500), T0));
    assertThat(receivables().recordPayment(BOB, Wei.of(800), T1)).isTrue();
    assertThat(receivables().get(BOB)).contains(new ReceivableAccount(BOB, Balance.of(-300), T1));
    assertThat(receivables().total()).isEqualTo(Balance.of(-300));
  }

  @Test
  void a_payment_from_an_unknown_sender_changes_nothing() throws Exception {
    assertThat(receivables().recordPayment(ALICE, Wei.of(1), T1)).isFalse();
    assertThat(receivables().all()).isEmpty();
  }

  @Test
  void the_most_negative_receivable_round_trips_exactly() throws Exception {
    receivables().addCharge(ALICE, Wei.ZERO, T0);
    receivables().recordPayment(ALICE, Wei.MAX, T1);
    assertThat(receivables().get(ALICE).orElseThrow().balance().toBigInteger())
        .isEqualTo(Wei.MAX_VALUE.negate());
  }

  @Test
  void a_ban_is_kept_once_and_lifted() throws Exception {
    banned().ban(ALICE);
    banned().ban(ALICE);
    assertThat(banned().all()).containsExactly(ALICE);
    assertThat(banned().isBanned(ALICE)).isTrue();
    assertThat(banned().isBanned(BOB)).isFalse();
    banned().unban(ALICE);
    assertThat(banned().all()).isEmpty();
  }
}
