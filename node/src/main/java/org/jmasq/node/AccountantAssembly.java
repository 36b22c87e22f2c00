package org.jmasq.node;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jmasq.accountant.BannedWallets;
import org.jmasq.accountant.ChargeSink;
import org.jmasq.accountant.DebtPolicy;
import org.jmasq.accountant.PendingPaymentPolicy;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.node.accountant.Accountant;
import org.jmasq.node.accountant.Books;
import org.jmasq.node.accountant.Ledger;
import org.jmasq.node.accountant.PayableScanner;
import org.jmasq.node.accountant.PendingPayableScanner;
import org.jmasq.node.accountant.ReceivableScanner;
import org.jmasq.node.blockchain.JsonRpcBlockchainClient;
import org.jmasq.node.blockchain.TransferSigner;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.PersistentBans;
import org.jmasq.node.runtime.NodeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The books of a Node that pays and earns (every mode but zero-hop): its database, wallets and
 * settings, the Accountant that writes the charges to them, the banned wallets, and the scans that
 * pay, confirm and find payments on the chain.
 */
final class AccountantAssembly {
  private static final Logger log = LoggerFactory.getLogger(AccountantAssembly.class);

  /** How often the charges gathered from the data path are written to the database. */
  private static final Duration LEDGER_FLUSH = Duration.ofSeconds(1);

  /**
   * How long one JSON-RPC call may take in all, its answer's body included; a provider that drips
   * its answer fails the call then, and the scan with it, and the next scan tries again.
   */
  private static final Duration CHAIN_DEADLINE = Duration.ofSeconds(30);

  private AccountantAssembly() {}

  /**
   * A networked Node's books, and what its data path checks and charges against them.
   *
   * @param bans the banned wallets as the data path reads them, loaded from the database
   * @param persistentBans the same bans, kept in the database first when the scans ban or unban
   */
  record Accounts(
      Books books, Accountant accountant, BannedWallets bans, PersistentBans persistentBans) {
    NodeDatabase database() {
      return books.database();
    }

    Optional<WalletKey> consumingKey() {
      return books.consumingKey();
    }

    Wallet earningWallet() {
      return books.earningWallet();
    }

    RatePack ratePack() {
      return books.settings().ratePack();
    }

    /** Where the data path's charges go: the Accountant's ledger. */
    ChargeSink charges() {
      return accountant.ledger();
    }

    /** The wallets this Node would only pay itself on: its earning and its consuming wallet. */
    Set<Wallet> ownWallets() {
      Set<Wallet> own = new HashSet<>();
      own.add(earningWallet());
      consumingKey().ifPresent(k -> own.add(k.wallet()));
      return Set.copyOf(own);
    }
  }

  /**
   * Opens the books, loads the bans the data path checks, and starts the Accountant, which closes
   * the books when it stops. It runs no scan until {@link #startScans}.
   */
  static Accounts open(NodeConfig config, NodeRuntime runtime, StartedParts started)
      throws NodeStartException {
    Books books;
    try {
      books = Books.open(config.dataDirectory(), config.chain(), config.accountant());
    } catch (DatabaseException e) {
      throw new NodeStartException(e.getMessage(), e);
    }
    Accountant accountant =
        new Accountant(
            runtime, books.database(), new Ledger(books.database(), runtime.clock()), LEDGER_FLUSH);
    started.onStop(accountant::close);
    BannedWallets bans = new BannedWallets();
    try {
      return new Accounts(
          books, accountant, bans, PersistentBans.load(books.database().banned(), bans));
    } catch (DatabaseException e) {
      throw new NodeStartException(e.getMessage(), e);
    }
  }

  /**
   * With a chain to talk to, starts the scans: paying and confirming only with a consuming wallet,
   * finding payments always. The first scans run at once, and a payment may go out: call this only
   * once nothing else can fail the start. Stopping the Accountant stops them.
   */
  static void startScans(NodeConfig config, Accounts accounts, NodeRuntime runtime) {
    NodeDatabase database = accounts.database();
    if (config.accountant().blockchainServiceUrl().isEmpty()) {
      log.info("No --blockchain-service-url: no payment or receivable scans");
      return;
    }
    Chain chain = config.chain();
    Wallet token = config.accountant().tokenContract().orElse(Wallet.of(chain.contractAddress()));
    JsonRpcBlockchainClient rpc =
        new JsonRpcBlockchainClient(
            config.accountant().blockchainServiceUrl().get(),
            token,
            // Its work runs on the Node's I/O threads; only its selector thread is its own.
            HttpClient.newBuilder().executor(runtime.ioExecutor("chain-rpc")).build(),
            CHAIN_DEADLINE);
    Clock clock = runtime.utcClock();
    DebtPolicy policy = new DebtPolicy(accounts.books().settings().thresholds(), clock);
    Optional<WalletKey> consumingKey = accounts.consumingKey();
    Optional<TransferSigner> signer =
        consumingKey.map(k -> new TransferSigner(chain.chainId(), token, chain, k));
    Optional<PayableScanner> payable =
        signer.map(
            s ->
                new PayableScanner(
                    database, rpc, s, consumingKey.get().wallet(), chain, policy, clock));
    Optional<PendingPayableScanner> pending =
        signer.map(
            s ->
                new PendingPayableScanner(
                    database,
                    rpc,
                    s,
                    consumingKey.get().wallet(),
                    new PendingPaymentPolicy(PendingPaymentPolicy.DEFAULT_TIMEOUT, clock),
                    clock));
    ReceivableScanner receivable =
        new ReceivableScanner(
            database, rpc, accounts.earningWallet(), policy, accounts.persistentBans(), clock);
    accounts
        .accountant()
        .startScans(
            new Accountant.Scans(
                payable, pending, receivable, accounts.books().settings().scanIntervals()));
  }
}
