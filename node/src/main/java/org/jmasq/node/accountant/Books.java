package org.jmasq.node.accountant;

import java.util.Arrays;
import java.util.Optional;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.AccountantSettings;
import org.jmasq.node.database.ConfigTable;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.WrongPasswordException;

/**
 * A Node's books as it starts: the database for its data directory and chain, its wallets and its
 * accountant settings, with what the command line gave reconciled with what is kept.
 *
 * <p>Every check that can refuse (wrong chain, wrong password, a different wallet than the kept
 * one) runs before anything is written, so a refused start leaves the database as it was.
 */
public record Books(
    NodeDatabase database,
    Optional<WalletKey> consumingKey,
    Wallet earningWallet,
    AccountantSettings settings) {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Books.class);

  /** The earning wallet of a Node that was never given one: it earns nothing anyone can pay. */
  static final Wallet NO_EARNING_WALLET = Wallet.of(new byte[Wallet.LENGTH]);

  public static Books open(java.nio.file.Path dataDirectory, Chain chain, AccountantConfig given)
      throws DatabaseException {
    NodeDatabase database = NodeDatabase.open(dataDirectory, chain, given.dbPassword());
    try {
      ConfigTable config = database.config();
      Optional<String> password = given.dbPassword();
      boolean passwordSet = config.hasPassword();
      if (passwordSet && password.isPresent() && !config.checkPassword(password.get())) {
        throw new WrongPasswordException("The database password is wrong; nothing was changed");
      }
      Optional<WalletKey> keptKey =
          passwordSet && password.isPresent()
              ? config
                  .secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, password.get())
                  .map(WalletKey::of)
              : Optional.empty();
      if (given.consumingKey().isPresent()
          && keptKey.isPresent()
          && !keptKey.get().equals(given.consumingKey().get())) {
        throw new DatabaseException(
            "A different consuming wallet key is already kept in "
                + database.file()
                + "; it cannot be replaced");
      }
      if (password.isEmpty()
          && given.consumingKey().isEmpty()
          && config.holdsSecret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY)) {
        log.warn(
            "A consuming wallet is kept encrypted in {}; without --db-password this Node cannot use it and will not pay",
            database.file());
      }
      Optional<String> keptEarning = config.get(ConfigTable.EARNING_WALLET_ADDRESS);
      if (given.earningWallet().isPresent()
          && keptEarning.isPresent()
          && !Wallet.parse(keptEarning.get()).equals(given.earningWallet().get())) {
        throw new DatabaseException(
            "The earning wallet "
                + keptEarning.get()
                + " is already kept in "
                + database.file()
                + "; it cannot be replaced by "
                + given.earningWallet().get());
      }
      // Every refusal is behind us; from here on the given values are kept.
      if (password.isPresent() && !passwordSet) {
        config.changePassword(Optional.empty(), password.get());
      }
      if (given.consumingKey().isPresent() && password.isPresent()) {
        byte[] raw = given.consumingKey().get().privateKeyBytes();
        config.keepConsumingKey(raw, password.get());
        Arrays.fill(raw, (byte) 0);
      }
      if (given.earningWallet().isPresent()) {
        config.keepEarningWallet(given.earningWallet().get());
      }
      AccountantSettings settings =
          AccountantSettings.apply(
              database, given.paymentThresholds(), given.scanIntervals(), given.ratePack());
      Wallet earning =
          given.earningWallet().or(() -> keptEarning.map(Wallet::parse)).orElse(NO_EARNING_WALLET);
      return new Books(database, given.consumingKey().or(() -> keptKey), earning, settings);
    } catch (DatabaseException | RuntimeException e) {
      database.close();
      throw e;
    }
  }
}
