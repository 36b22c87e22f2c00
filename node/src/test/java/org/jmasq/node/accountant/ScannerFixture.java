package org.jmasq.node.accountant;

import java.nio.file.Path;
import java.time.Instant;
import org.jmasq.accountant.BannedWallets;
import org.jmasq.accountant.DebtPolicy;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.PendingPaymentPolicy;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.TransferSigner;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.PersistentBans;
import org.jmasq.time.ManualClock;

/**
 * A database in a temporary directory, a scripted chain, a manual clock and the three scanners,
 * with short thresholds: debt 1000 gwei, maturity 10 s, grace 10 s, permanent 500 gwei, interval
 * 100 s, unban at 500 gwei.
 */
final class ScannerFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final WalletKey CONSUMING =
      WalletKey.parse("1ab42cc412b618bdea3a599e3c9bae199ebf030895b039e9db1e30dafb12b727");
  static final Wallet EARNING = Wallet.parse("0x" + "ea".repeat(20));
  static final PaymentThresholds THRESHOLDS = PaymentThresholds.parse("1000|10|10|500|100|500");

  final NodeDatabase database;
  final ScriptedChain chain = new ScriptedChain();
  final ManualClock clock = new ManualClock(T0);
  final BannedWallets banList = new BannedWallets();
  final PayableScanner payables;
  final PendingPayableScanner pending;
  final ReceivableScanner receivables;

  ScannerFixture(Path dataDirectory) throws DatabaseException {
    database = NodeDatabase.open(dataDirectory, Chain.DEV);
    DebtPolicy policy = new DebtPolicy(THRESHOLDS, clock);
    TransferSigner signer = new TransferSigner(Chain.DEV, CONSUMING);
    payables =
        new PayableScanner(database, chain, signer, CONSUMING.wallet(), Chain.DEV, policy, clock);
    pending =
        new PendingPayableScanner(
            database,
            chain,
            signer,
            CONSUMING.wallet(),
            new PendingPaymentPolicy(PendingPaymentPolicy.DEFAULT_TIMEOUT, clock),
            clock);
    receivables =
        new ReceivableScanner(
            database,
            chain,
            EARNING,
            policy,
            PersistentBans.load(database.banned(), banList),
            clock);
  }

  @Override
  public void close() throws DatabaseException {
    database.close();
  }
}
