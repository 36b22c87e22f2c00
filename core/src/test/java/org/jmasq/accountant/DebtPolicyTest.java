package org.jmasq.accountant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.jmasq.identity.Wallet;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of Part 2 §5.4 with the default thresholds: debt threshold 10^18 wei, permanent
 * debt 5·10^17 wei, maturity 1200 s, grace 1200 s, interval 21 600 s, slope −23 148 148 148 148
 * wei/s.
 */
class DebtPolicyTest {
  private static final Instant SETTLED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Wallet CREDITOR = Wallet.parse("0x" + "11".repeat(20));
  private static final Wallet DEBTOR = Wallet.parse("0x" + "22".repeat(20));

  private final ManualClock clock = new ManualClock(SETTLED);
  private final DebtPolicy policy = new DebtPolicy(PaymentThresholds.DEFAULT, clock);

  private PayableAccount payableAged(long ageSec, String wei) {
    clock.advance(Duration.between(clock.instant(), SETTLED.plusSeconds(ageSec)));
    return new PayableAccount(CREDITOR, Wei.parse(wei), SETTLED);
  }

  private ReceivableAccount receivableAged(long ageSec, String wei) {
    clock.advance(Duration.between(clock.instant(), SETTLED.plusSeconds(ageSec)));
    return new ReceivableAccount(DEBTOR, Balance.of(Wei.parse(wei)), SETTLED);
  }

  @Test
  void a_debt_is_not_paid_before_it_is_older_than_the_maturity_threshold() {
    assertThat(policy.qualifiesForPayment(payableAged(1200, "900000000000000000000"))).isFalse();
    assertThat(policy.qualifiesForPayment(payableAged(1201, "900000000000000000000"))).isTrue();
  }

  @Test
  void one_second_past_maturity_the_tolerated_debt_is_the_threshold_plus_one_slope_step() {
    assertThat(policy.payableLimitWei(1201)).isEqualTo(new BigInteger("999976851851851852"));
    assertThat(policy.qualifiesForPayment(payableAged(1201, "999976851851851852"))).isFalse();
    assertThat(policy.qualifiesForPayment(payableAged(1201, "999976851851851853"))).isTrue();
  }

  @Test
  void half_way_through_the_interval_the_tolerated_debt_has_fallen_by_half_the_slope_range() {
    // 10^18 − 23 148 148 148 148 × 10 800 = 750 000 000 000 001 600
    assertThat(policy.payableLimitWei(1200 + 10_800))
        .isEqualTo(new BigInteger("750000000000001600"));
    assertThat(policy.qualifiesForPayment(payableAged(12_000, "750000000000001600"))).isFalse();
    assertThat(policy.qualifiesForPayment(payableAged(12_000, "750000000000001601"))).isTrue();
  }

  @Test
  void after_maturity_plus_interval_only_the_permanent_debt_is_tolerated() {
    assertThat(policy.payableLimitWei(22_801)).isEqualTo(new BigInteger("500000000000000000"));
    assertThat(policy.qualifiesForPayment(payableAged(22_801, "500000000000000000"))).isFalse();
    assertThat(policy.qualifiesForPayment(payableAged(22_801, "500000000000000001"))).isTrue();
  }

  @Test
  void a_debt_with_a_payment_in_flight_is_never_paid_again() {
    clock.advance(Duration.ofDays(30));
    PayableAccount pending = new PayableAccount(CREDITOR, Wei.MAX, SETTLED, OptionalLong.of(7));
    assertThat(policy.qualifiesForPayment(pending)).isFalse();
    assertThat(policy.qualifiedPayables(List.of(pending))).isEmpty();
  }

  @Test
  void a_debtor_is_not_delinquent_within_maturity_plus_grace() {
    assertThat(policy.isDelinquent(receivableAged(2400, "900000000000000000000"))).isFalse();
    assertThat(policy.isDelinquent(receivableAged(2401, "900000000000000000000"))).isTrue();
  }

  @Test
  void one_second_past_grace_a_debtor_is_delinquent_above_the_threshold_plus_one_slope_step() {
    assertThat(policy.delinquencyLimitWei(2401)).isEqualTo(new BigInteger("999976851851851852"));
    assertThat(policy.isDelinquent(receivableAged(2401, "999976851851851852"))).isFalse();
    assertThat(policy.isDelinquent(receivableAged(2401, "999976851851851853"))).isTrue();
  }

  @Test
  void long_after_grace_the_unfloored_limit_is_negative_and_the_permanent_debt_decides() {
    // 10^18 − 23 148 148 148 148 × (10^6 − 2400) < 0, so only "balance > permanent debt" bites.
    assertThat(policy.delinquencyLimitWei(1_000_000))
        .isEqualTo(new BigInteger("-22092592592592444800"));
    assertThat(policy.isDelinquent(receivableAged(1_000_000, "500000000000000000"))).isFalse();
    assertThat(policy.isDelinquent(receivableAged(1_000_000, "500000000000000001"))).isTrue();
  }

  @Test
  void only_debtors_not_yet_banned_are_newly_delinquent() {
    ReceivableAccount owing = receivableAged(1_000_000, "900000000000000000000");
    assertThat(policy.newDelinquencies(List.of(owing), Set.of())).containsExactly(DEBTOR);
    assertThat(policy.newDelinquencies(List.of(owing), Set.of(DEBTOR))).isEmpty();
  }

  @Test
  void a_banned_debtor_is_unbanned_once_it_owes_no_more_than_the_unban_limit() {
    ReceivableAccount atLimit =
        new ReceivableAccount(DEBTOR, Balance.of(Wei.parse("500000000000000000")), SETTLED);
    ReceivableAccount above =
        new ReceivableAccount(DEBTOR, Balance.of(Wei.parse("500000000000000001")), SETTLED);
    ReceivableAccount overpaid = new ReceivableAccount(DEBTOR, Balance.of(-5), SETTLED);
    assertThat(policy.paidDelinquencies(List.of(atLimit), Set.of(DEBTOR))).containsExactly(DEBTOR);
    assertThat(policy.paidDelinquencies(List.of(above), Set.of(DEBTOR))).isEmpty();
    assertThat(policy.paidDelinquencies(List.of(overpaid), Set.of(DEBTOR))).containsExactly(DEBTOR);
    assertThat(policy.paidDelinquencies(List.of(atLimit), Set.of())).isEmpty();
  }

  @Test
  void a_banned_wallet_without_a_receivable_owes_nothing_and_is_unbanned() {
    assertThat(policy.paidDelinquencies(List.of(), Set.of(DEBTOR))).containsExactly(DEBTOR);
  }
}
