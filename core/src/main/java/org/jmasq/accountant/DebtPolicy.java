package org.jmasq.accountant;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jmasq.identity.Wallet;

/**
 * The threshold maths of the reference's Accountant: which payables are due, which debtors become
 * delinquent and are banned, and which banned debtors have paid enough to be served again.
 *
 * <p>The tolerated debt starts at the debt threshold once a debt matures and falls along {@link
 * PaymentThresholds#slopeWeiPerSec()} to the permanent debt allowed over the threshold interval.
 * Ages are whole seconds between the injected clock and the last settlement. Stateless apart from
 * the clock; safe to share.
 */
public final class DebtPolicy {
  private final PaymentThresholds thresholds;
  private final Clock clock;

  public DebtPolicy(PaymentThresholds thresholds, Clock clock) {
    if (thresholds == null || clock == null) {
      throw new IllegalArgumentException("debt policy: thresholds and clock are required");
    }
    this.thresholds = thresholds;
    this.clock = clock;
  }

  PaymentThresholds thresholds() {
    return thresholds;
  }

  /** Seconds from {@code since} to now; negative if {@code since} lies in the future. */
  long ageSec(Instant since) {
    return clock.instant().getEpochSecond() - since.getEpochSecond();
  }

  /**
   * The largest debt still tolerated at {@code ageSec} past the last payment, for the payable scan:
   * the permanent debt allowed once maturity plus interval has passed, else {@code debt + slope ×
   * (age − maturity)}.
   */
  BigInteger payableLimitWei(long ageSec) {
    if (ageSec > thresholds.maturityThresholdSec() + thresholds.thresholdIntervalSec()) {
      return thresholds.permanentDebtAllowedWei();
    }
    return thresholds
        .debtThresholdWei()
        .add(
            thresholds
                .slopeWeiPerSec()
                .multiply(BigInteger.valueOf(ageSec - thresholds.maturityThresholdSec())));
  }

  /** Whether this debt should be paid now. A payable with a transaction in flight never is. */
  boolean qualifiesForPayment(PayableAccount payable) {
    if (payable.hasPendingPayment()) {
      return false;
    }
    long age = ageSec(payable.lastPaid());
    BigInteger balance = payable.balance().toBigInteger();
    return age > thresholds.maturityThresholdSec()
        && balance.compareTo(thresholds.permanentDebtAllowedWei()) > 0
        && balance.compareTo(payableLimitWei(age)) > 0;
  }

  public List<PayableAccount> qualifiedPayables(Collection<PayableAccount> payables) {
    return payables.stream().filter(this::qualifiesForPayment).toList();
  }

  /**
   * The debt tolerated from a debtor at {@code ageSec} past its last payment: {@code debt + slope ×
   * (age − maturity − grace)}, with no floor, as the reference computes it.
   */
  BigInteger delinquencyLimitWei(long ageSec) {
    long overdue = ageSec - thresholds.maturityThresholdSec() - thresholds.paymentGracePeriodSec();
    return thresholds
        .debtThresholdWei()
        .add(thresholds.slopeWeiPerSec().multiply(BigInteger.valueOf(overdue)));
  }

  /** Whether a debtor that is not banned yet should be. */
  boolean isDelinquent(ReceivableAccount receivable) {
    long age = ageSec(receivable.lastReceived());
    return age > thresholds.maturityThresholdSec() + thresholds.paymentGracePeriodSec()
        && receivable.balance().exceeds(delinquencyLimitWei(age))
        && receivable.balance().exceeds(thresholds.permanentDebtAllowedWei());
  }

  /** Whether a banned debtor has paid down enough to be served again. */
  boolean hasPaidEnoughToBeUnbanned(Balance balance) {
    return !balance.exceeds(thresholds.unbanBelowWei());
  }

  /** The debtors to ban now: delinquent and not banned already. */
  public List<Wallet> newDelinquencies(
      Collection<ReceivableAccount> receivables, Set<Wallet> banned) {
    List<Wallet> result = new ArrayList<>();
    for (ReceivableAccount r : receivables) {
      if (!banned.contains(r.wallet()) && isDelinquent(r)) {
        result.add(r.wallet());
      }
    }
    return List.copyOf(result);
  }

  /**
   * The banned debtors to unban now. A banned wallet with no receivable owes nothing and is
   * unbanned too.
   */
  public List<Wallet> paidDelinquencies(
      Collection<ReceivableAccount> receivables, Set<Wallet> banned) {
    Map<Wallet, Balance> balances = new HashMap<>();
    for (ReceivableAccount r : receivables) {
      balances.put(r.wallet(), r.balance());
    }
    List<Wallet> result = new ArrayList<>();
    for (Wallet w : banned) {
      if (hasPaidEnoughToBeUnbanned(balances.getOrDefault(w, Balance.ZERO))) {
        result.add(w);
      }
    }
    return List.copyOf(result);
  }
}
