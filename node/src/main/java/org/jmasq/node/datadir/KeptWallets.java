package org.jmasq.node.datadir;

import java.util.Arrays;
import java.util.Optional;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.DerivationPath;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.blockchain.Wallets;
import org.jmasq.node.database.ConfigTable;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.WrongPasswordException;

/**
 * Keeps the wallets derived from a mnemonic in a Node's database, where {@link Books#open} finds
 * them when the Node starts: the consuming key and the seed encrypted under the database password
 * (set here when none is set yet), the earning wallet's address in clear.
 *
 * <p>All of it happens in one transaction, so every refusal (a wrong password, other wallets
 * already kept) leaves the database as it was. The same wallets again are accepted.
 */
public final class KeptWallets {
  private KeptWallets() {}

  /** Where the wallets come from: the words, the passphrase that salts them, and the two paths. */
  public record Derivation(
      Mnemonic mnemonic,
      String passphrase,
      DerivationPath consumingPath,
      DerivationPath earningPath) {
    public Derivation {
      if (mnemonic == null || passphrase == null || consumingPath == null || earningPath == null) {
        throw new IllegalArgumentException(
            "wallet derivation: every part is required (the passphrase may be empty)");
      }
    }

    /** Hides the passphrase, which is as secret as the words. */
    @Override
    public String toString() {
      return "Derivation["
          + mnemonic
          + ", consuming "
          + consumingPath
          + ", earning "
          + earningPath
          + "]";
    }
  }

  /** Derives the wallets and keeps them; returns what was kept. */
  static Wallets.Derived keep(NodeDatabase database, Derivation derivation, String password)
      throws DatabaseException {
    return keep(database, derivation, password, derived -> {});
  }

  /** Last words before the wallets are committed; throwing keeps nothing. */
  @FunctionalInterface
  public interface BeforeCommit {
    void run(Wallets.Derived derived) throws DatabaseException;
  }

  /**
   * As {@link #keep(NodeDatabase, Derivation, String)}, running {@code beforeCommit} once
   * everything is written and checked but not yet committed: new words are shown there, so that
   * wallets nobody has seen the words of are never kept.
   */
  public static Wallets.Derived keep(
      NodeDatabase database, Derivation derivation, String password, BeforeCommit beforeCommit)
      throws DatabaseException {
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("the database password must not be empty");
    }
    byte[] seed = derivation.mnemonic().seed(derivation.passphrase());
    try {
      WalletKey consuming = WalletKey.derive(seed, derivation.consumingPath());
      Wallet earning = WalletKey.derive(seed, derivation.earningPath()).wallet();
      Wallets.Derived derived = new Wallets.Derived(derivation.mnemonic(), consuming, earning);
      keepPair(
          database,
          consuming,
          earning,
          Optional.of(seed),
          password,
          () -> beforeCommit.run(derived));
      return derived;
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * Keeps a consuming key and an earning wallet, and the seed they came from if any, in one
   * transaction, under {@code password} (set here when none is set yet); {@code beforeCommit} runs
   * once everything is written and checked.
   */
  public static void keepPair(
      NodeDatabase database,
      WalletKey consuming,
      Wallet earning,
      Optional<byte[]> seed,
      String password,
      NodeDatabase.Action beforeCommit)
      throws DatabaseException {
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("the database password must not be empty");
    }
    byte[] key = consuming.privateKeyBytes();
    try {
      ConfigTable config = database.config();
      database.atomically(
          "keep the wallets",
          () -> {
            if (!config.hasPassword()) {
              config.changePassword(Optional.empty(), password);
            } else if (!config.checkPassword(password)) {
              throw new WrongPasswordException(
                  "The database password is wrong; nothing was changed");
            }
            config.keepConsumingKey(key, password);
            config.keepEarningWallet(earning);
            if (seed.isPresent()) {
              config.keepMnemonicSeed(seed.get(), password);
            }
            beforeCommit.run();
          });
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
