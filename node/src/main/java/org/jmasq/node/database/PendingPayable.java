package org.jmasq.node.database;

import java.time.Instant;
import java.util.Optional;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;

/**
 * A payment sent (or about to be sent) and not yet confirmed: the fingerprint the pending-payable
 * scan looks up by transaction hash.
 */
public record PendingPayable(
    long rowid,
    String transactionHash,
    Wallet creditor,
    Wei amount,
    long nonce,
    Wei gasPrice,
    Instant sentAt,
    int attempt,
    Optional<String> processError) {
  public PendingPayable {
    checkHash(transactionHash);
    if (creditor == null
        || amount == null
        || gasPrice == null
        || sentAt == null
        || processError == null
        || attempt < 1
        || nonce < 0) {
      throw new IllegalArgumentException(
          "pending payable: creditor, amount, gas price, time, error, nonce >= 0 and attempt >= 1 are required");
    }
  }

  /** A transaction hash is {@code 0x} and 64 lower-case hex digits. */
  static void checkHash(String hash) {
    if (hash == null || !hash.matches("0x[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "transaction hash '" + hash + "' is not 0x followed by 64 lower-case hex digits");
    }
  }
}
