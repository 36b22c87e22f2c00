package org.jmasq.node.accountant;

import java.net.URI;
import java.util.Optional;
import org.jmasq.accountant.PayerCredit;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.node.blockchain.WalletKey;

/**
 * What the command line says about money. Each value is optional: a given one is kept in the
 * database (wallets only if none is kept yet, or the same), a missing one is read from it.
 *
 * @param consumingKey the wallet this Node pays with; kept encrypted when {@code dbPassword} is
 *     given
 * @param earningWallet the wallet other Nodes pay this Node on; immutable once kept
 * @param dbPassword encrypts the consuming key, the Node key and the past neighbors in the database
 * @param blockchainServiceUrl the JSON-RPC endpoint the scanners use; without it no scan runs
 * @param tokenContract the token's address where it is not the chain's own (a local chain's
 *     deployment)
 * @param newPayerCredit bytes of service a payer gets before the chain must have said its wallet
 *     holds tokens and gas (only with {@code blockchainServiceUrl}; not kept in the database)
 */
public record AccountantConfig(
    Optional<WalletKey> consumingKey,
    Optional<Wallet> earningWallet,
    Optional<String> dbPassword,
    Optional<PaymentThresholds> paymentThresholds,
    Optional<ScanIntervals> scanIntervals,
    Optional<RatePack> ratePack,
    Optional<URI> blockchainServiceUrl,
    Optional<Wallet> tokenContract,
    long newPayerCredit) {
  public AccountantConfig {
    if (consumingKey == null
        || earningWallet == null
        || dbPassword == null
        || paymentThresholds == null
        || scanIntervals == null
        || ratePack == null
        || blockchainServiceUrl == null
        || tokenContract == null) {
      throw new IllegalArgumentException("accountant config: use Optional.empty(), not null");
    }
    if (dbPassword.isPresent() && dbPassword.get().isEmpty()) {
      throw new IllegalArgumentException("--db-password must not be empty");
    }
    if (newPayerCredit < 0) {
      throw new IllegalArgumentException(
          "new payer credit: " + newPayerCredit + " (expected: >= 0)");
    }
  }

  /** With the default credit for new payers ({@link PayerCredit.Terms#DEFAULT_CREDIT}). */
  public AccountantConfig(
      Optional<WalletKey> consumingKey,
      Optional<Wallet> earningWallet,
      Optional<String> dbPassword,
      Optional<PaymentThresholds> paymentThresholds,
      Optional<ScanIntervals> scanIntervals,
      Optional<RatePack> ratePack,
      Optional<URI> blockchainServiceUrl,
      Optional<Wallet> tokenContract) {
    this(
        consumingKey,
        earningWallet,
        dbPassword,
        paymentThresholds,
        scanIntervals,
        ratePack,
        blockchainServiceUrl,
        tokenContract,
        PayerCredit.Terms.DEFAULT_CREDIT);
  }

  /** Nothing given: every value comes from the database or its default. */
  public static final AccountantConfig NONE =
      new AccountantConfig(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
}
