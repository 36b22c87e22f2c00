package org.jmasq.accountant;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides what the pending-payable scan does with one sent payment, so that a debt is never paid
 * twice and a stuck payment does not stay stuck (the reference leaves both to a human).
 *
 * <ul>
 *   <li>Confirmed: the debt drops by the amount and the fingerprint goes.
 *   <li>Reverted: no token moved, so the fingerprint is kept as failed and the debt is freed for
 *       the next payable scan.
 *   <li>Not found, and the wallet already has a mined transaction with this nonce or a later one:
 *       another transaction took the nonce, so this one can never be mined. The debt is freed. The
 *       caller must read the mined nonce count <em>before</em> it asks for the receipts: a payment
 *       mined in between then shows up as confirmed, never as superseded.
 *   <li>Not found, younger than the timeout: wait, and count the attempt.
 *   <li>Not found, older than the timeout: send a replacement with the <em>same nonce</em> at a
 *       higher gas price. Only one transaction per nonce can ever be mined, so the original and its
 *       replacement cannot both pay; paying again under a new nonce could.
 * </ul>
 */
public final class PendingPaymentPolicy {
  /** The reference's {@code DEFAULT_PENDING_TOO_LONG_SEC}: six hours. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(21_600);

  private final Duration timeout;
  private final Clock clock;

  public PendingPaymentPolicy(Duration timeout, Clock clock) {
    if (timeout == null || timeout.isNegative() || timeout.isZero() || clock == null) {
      throw new IllegalArgumentException(
          "pending payment policy: a positive timeout and a clock are required");
    }
    this.timeout = timeout;
    this.clock = clock;
  }

  /** What to do with one pending payment. */
  public sealed interface Decision {
    record Confirm(long blockNumber) implements Decision {}

    record MarkFailed(String reason) implements Decision {}

    record KeepWaiting() implements Decision {}

    /** Another mined transaction used the nonce; this payment can never happen. */
    record Superseded() implements Decision {}

    /** Resend with the same nonce at {@code gasPrice}. */
    record ReplaceSameNonce(Wei gasPrice) implements Decision {}
  }

  /**
   * What to do with a payment sent at {@code sentAt} under {@code nonce}, given its receipt and the
   * number of the wallet's transactions mined before the receipt was asked for.
   */
  public Decision decide(
      Instant sentAt, long nonce, Wei gasPrice, ReceiptStatus status, long minedNonceCount) {
    return switch (status) {
      case ReceiptStatus.Confirmed c -> new Decision.Confirm(c.blockNumber());
      case ReceiptStatus.Reverted r ->
          new Decision.MarkFailed("reverted in block " + r.blockNumber());
      case ReceiptStatus.NotFound n -> {
        if (minedNonceCount > nonce) {
          yield new Decision.Superseded();
        }
        yield Duration.between(sentAt, clock.instant()).compareTo(timeout) > 0
            ? new Decision.ReplaceSameNonce(replacementGasPrice(gasPrice))
            : new Decision.KeepWaiting();
      }
    };
  }

  /**
   * At least 10 % more, rounded up, and at least one wei more: Ethereum nodes refuse a replacement
   * that bids less.
   */
  static Wei replacementGasPrice(Wei gasPrice) {
    BigInteger old = gasPrice.toBigInteger();
    BigInteger bumped =
        old.multiply(BigInteger.valueOf(11)).add(BigInteger.valueOf(9)).divide(BigInteger.TEN);
    return Wei.of(bumped.max(old.add(BigInteger.ONE)));
  }
}
