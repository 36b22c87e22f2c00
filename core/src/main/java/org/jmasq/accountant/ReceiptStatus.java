package org.jmasq.accountant;

/**
 * What the chain says about a sent payment: mined and successful, mined and reverted, or unknown so
 * far.
 */
public sealed interface ReceiptStatus {
  record Confirmed(long blockNumber) implements ReceiptStatus {}

  record Reverted(long blockNumber) implements ReceiptStatus {}

  /** No receipt yet, or the provider failed to answer. */
  record NotFound() implements ReceiptStatus {}
}
