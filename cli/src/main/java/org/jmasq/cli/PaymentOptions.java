package org.jmasq.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.blockchain.WalletKey;
import picocli.CommandLine.Option;

/** {@code jmasq node}'s options of what the Node charges, whom it pays from and which chain. */
final class PaymentOptions {
  @Option(
      names = "--earning-wallet",
      converter = Converters.WalletAddress.class,
      description =
          "The wallet (0x + 40 hex digits) other Nodes pay for this Node's services; kept, and immutable once kept.")
  Wallet earningWallet;

  @Option(
      names = "--consuming-private-key",
      converter = Converters.ConsumingKey.class,
      description =
          "The private key (64 hex digits) of the wallet this Node pays other Nodes from; "
              + "it proves the wallet to each Node of its routes. Every local user can read a "
              + "command line: give it in MASQ_CONSUMING_PRIVATE_KEY or --consuming-private-key-file.")
  WalletKey consumingKey;

  @Option(
      names = "--consuming-private-key-file",
      description =
          "A file whose first line is the consuming private key (- reads one line of standard input).")
  Path consumingKeyFile;

  @Option(
      names = "--rate-pack",
      converter = Converters.Rates.class,
      description =
          "What this Node charges, in wei: routing byte|routing service|exit byte|exit service "
              + "(default: 53844|53844|107688|107688).")
  RatePack ratePack;

  @Option(
      names = "--payment-thresholds",
      converter = Converters.Thresholds.class,
      description =
          "debt|maturity|grace|permanent|interval|unban, in gwei and seconds "
              + "(default: 1000000000|1200|1200|500000000|21600|500000000); kept in the database.")
  PaymentThresholds paymentThresholds;

  @Option(
      names = "--scan-intervals",
      converter = Converters.Intervals.class,
      description =
          "pending payable|payable|receivable scan periods in seconds (default: 600|600|600); kept in the database.")
  ScanIntervals scanIntervals;

  @Option(
      names = "--blockchain-service-url",
      converter = Converters.Url.class,
      description = "The JSON-RPC endpoint of the chain, for payments and the receivable scan.")
  URI blockchainServiceUrl;

  @Option(
      names = "--token-contract",
      converter = Converters.WalletAddress.class,
      description =
          "The token contract's address, where it is not the chain's own (a local chain's deployment).")
  Wallet tokenContract;

  @Option(
      names = "--new-payer-credit",
      converter = Converters.Bytes.class,
      defaultValue = "10485760",
      description =
          "Bytes of service (relayed and exited together) a payer's wallet gets before this Node"
              + " has checked on chain that it holds tokens and gas; needs --blockchain-service-url"
              + " (default: ${DEFAULT-VALUE}, 10 MiB).")
  long newPayerCredit;

  /** The consuming key given on the command line, in a file or on standard input, if any. */
  Optional<WalletKey> consumingKey(Secrets secrets) {
    return secrets.read(
        "--consuming-private-key", consumingKey, consumingKeyFile, WalletKey::parse);
  }

  /** These options with {@code consuming} and the database {@code password}. */
  AccountantConfig accountantConfig(Optional<WalletKey> consuming, Optional<String> password) {
    return new AccountantConfig(
        consuming,
        Optional.ofNullable(earningWallet),
        password,
        Optional.ofNullable(paymentThresholds),
        Optional.ofNullable(scanIntervals),
        Optional.ofNullable(ratePack),
        Optional.ofNullable(blockchainServiceUrl),
        Optional.ofNullable(tokenContract),
        newPayerCredit);
  }
}
