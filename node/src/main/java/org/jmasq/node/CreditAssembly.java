package org.jmasq.node;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.jmasq.accountant.PayerCredit;
import org.jmasq.accountant.ServiceMeter;
import org.jmasq.identity.Wallet;
import org.jmasq.node.accountant.FundsChecker;
import org.jmasq.node.blockchain.JsonRpcBlockchainClient;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.proxyserver.WalletStanding;
import org.jmasq.node.runtime.NodeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credit a networked Node gives payers it knows nothing about ({@link PayerCredit}), when it
 * has a chain to ask whether their wallets hold funds, and what its ProxyServer learns from the
 * same chain about its own consuming wallet.
 *
 * <p>A Node without {@code --blockchain-service-url} cannot ask, and serves every payer with a
 * valid proof as before: refusing everyone past the credit would make it a relay and exit that
 * breaks every stream after a few megabytes, and such a Node never bans a debtor either, because it
 * runs no receivable scan.
 */
final class CreditAssembly {
  private static final Logger log = LoggerFactory.getLogger(CreditAssembly.class);

  /** How long one question to the chain may take in all, its answer's body included. */
  private static final Duration CHAIN_TIMEOUT = Duration.ofSeconds(10);

  private CreditAssembly() {}

  /** The Node's credit for new payers, if it can ask the chain. */
  static Optional<PayerCredit> open(NodeConfig config, NodeRuntime runtime) {
    Optional<URI> url = config.accountant().blockchainServiceUrl();
    if (url.isEmpty()) {
      log.info(
          "No --blockchain-service-url: payers' wallets cannot be checked, so new wallets are"
              + " served without the credit limit");
      return Optional.empty();
    }
    Wallet token =
        config.accountant().tokenContract().orElse(Wallet.of(config.chain().contractAddress()));
    JsonRpcBlockchainClient rpc =
        new JsonRpcBlockchainClient(
            url.get(),
            token,
            HttpClient.newBuilder().executor(runtime.ioExecutor("funds-rpc")).build(),
            CHAIN_TIMEOUT);
    FundsChecker checker = new FundsChecker(rpc, runtime.mailbox("funds-checks"));
    return Optional.of(
        new PayerCredit(
            PayerCredit.Terms.withCredit(config.accountant().newPayerCredit()),
            runtime.clock(),
            checker));
  }

  /** What the gate's charges count into: the credit, or nothing. */
  static ServiceMeter meter(Optional<PayerCredit> credit) {
    return credit.<ServiceMeter>map(c -> c).orElse(ServiceMeter.NONE);
  }

  /**
   * What the ProxyServer knows of its consuming wallet: none without one; nothing known without a
   * chain to ask.
   */
  static Optional<WalletStanding> standing(
      Optional<WalletKey> consumingKey, Optional<PayerCredit> credit) {
    if (consumingKey.isEmpty()) {
      return Optional.empty();
    }
    if (credit.isEmpty()) {
      return Optional.of(WalletStanding.UNKNOWN);
    }
    Wallet wallet = consumingKey.get().wallet();
    PayerCredit c = credit.get();
    return Optional.of(
        new WalletStanding() {
          @Override
          public Optional<String> unfunded() {
            return c.funds(wallet)
                .filter(f -> f == PayerCredit.Funds.EMPTY)
                .map(f -> "Your consuming wallet " + wallet + " holds no MASQ or no gas.");
          }

          @Override
          public long credit() {
            return c.terms().credit();
          }
        });
  }
}
