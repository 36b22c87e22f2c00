package org.jmasq.accountant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

class PendingPaymentPolicyTest {
  private static final Instant SENT = Instant.parse("2026-01-01T00:00:00Z");
  private final ManualClock clock = new ManualClock(SENT);
  private final PendingPaymentPolicy policy =
      new PendingPaymentPolicy(PendingPaymentPolicy.DEFAULT_TIMEOUT, clock);

  @Test
  void a_confirmed_payment_is_settled() {
    assertThat(policy.decide(SENT, 4, Wei.ofGwei(1), new ReceiptStatus.Confirmed(99), 5))
        .isEqualTo(new PendingPaymentPolicy.Decision.Confirm(99));
  }

  @Test
  void a_reverted_payment_is_marked_failed() {
    assertThat(policy.decide(SENT, 4, Wei.ofGwei(1), new ReceiptStatus.Reverted(5), 5))
        .isEqualTo(new PendingPaymentPolicy.Decision.MarkFailed("reverted in block 5"));
  }

  @Test
  void an_unseen_payment_waits_until_the_timeout_and_is_then_replaced_under_the_same_nonce() {
    clock.advance(Duration.ofSeconds(21_600));
    assertThat(policy.decide(SENT, 4, Wei.ofGwei(1), new ReceiptStatus.NotFound(), 4))
        .isEqualTo(new PendingPaymentPolicy.Decision.KeepWaiting());
    clock.advance(Duration.ofSeconds(1));
    assertThat(policy.decide(SENT, 4, Wei.ofGwei(1), new ReceiptStatus.NotFound(), 4))
        .isEqualTo(new PendingPaymentPolicy.Decision.ReplaceSameNonce(Wei.of(1_100_000_000L)));
  }

  @Test
  void an_unseen_payment_whose_nonce_another_mined_transaction_used_is_superseded() {
    assertThat(policy.decide(SENT, 4, Wei.ofGwei(1), new ReceiptStatus.NotFound(), 5))
        .isEqualTo(new PendingPaymentPolicy.Decision.Superseded());
    clock.advance(Duration.ofDays(1));
    assertThat(policy.decide(SENT, 4, Wei.ofGwei(1), new ReceiptStatus.NotFound(), 5))
        .isEqualTo(new PendingPaymentPolicy.Decision.Superseded());
  }

  @Test
  void tiny_gas_prices_still_rise_by_at_least_one_wei() {
    assertThat(PendingPaymentPolicy.replacementGasPrice(Wei.ZERO)).isEqualTo(Wei.of(1));
    assertThat(PendingPaymentPolicy.replacementGasPrice(Wei.of(1))).isEqualTo(Wei.of(2));
    assertThat(PendingPaymentPolicy.replacementGasPrice(Wei.of(15))).isEqualTo(Wei.of(17));
  }

  @Property(tries = 200)
  void a_replacement_always_bids_at_least_ten_percent_more(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long price) {
    Wei bumped = PendingPaymentPolicy.replacementGasPrice(Wei.of(price));
    assertThat(bumped.toBigInteger().multiply(java.math.BigInteger.TEN))
        .isGreaterThanOrEqualTo(
            java.math.BigInteger.valueOf(price).multiply(java.math.BigInteger.valueOf(11)));
    assertThat(bumped).isGreaterThan(Wei.of(price));
  }
}
