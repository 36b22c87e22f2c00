package org.jmasq.node.ui;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.DatabaseException;

/**
 * The settings and wallets a Node keeps in its database, as the reference's Configurator serves
 * them to a UI: {@code configuration}, the wallet opcodes and {@code gas-price}.
 */
public interface Configurator {
  /**
   * The Node's settings; the secrets (the consuming wallet's key and address, the past neighbors)
   * only when {@code password} is the database password.
   */
  Configuration configuration(Optional<String> password) throws DatabaseException;

  /** Whether a consuming key or an earning wallet is kept already. */
  boolean hasWallets() throws DatabaseException;

  /**
   * The kept wallets' addresses; empty when they are not both kept.
   *
   * @throws org.jmasq.node.database.WrongPasswordException when {@code password} is not right
   */
  Optional<WalletAddresses> walletAddresses(String password) throws DatabaseException;

  /**
   * Keeps the wallets, and the seed they came from if any, in one transaction; they are the Node's
   * from its next start.
   *
   * @throws org.jmasq.node.database.WrongPasswordException when {@code password} is not right
   */
  void keepWallets(WalletKey consuming, Wallet earning, Optional<byte[]> seed, String password)
      throws DatabaseException;

  /** Keeps the gas price (gwei) payments are made with from now on. */
  void setGasPrice(long gwei) throws DatabaseException;

  /** The addresses of the kept consuming and earning wallets. */
  record WalletAddresses(Wallet consuming, Wallet earning) {}

  /**
   * What {@code configuration} answers. {@code consumingKey} and {@code pastNeighbors} are secrets:
   * empty unless the request carried the right password.
   */
  record Configuration(
      Optional<String> blockchainServiceUrl,
      String chainName,
      int clandestinePort,
      String currentSchemaVersion,
      Optional<Wallet> earningWallet,
      long gasPrice,
      OptionalLong maxBlockCount,
      String neighborhoodMode,
      Optional<String> portMappingProtocol,
      OptionalLong startBlock,
      Optional<WalletKey> consumingKey,
      List<String> pastNeighbors,
      PaymentThresholds paymentThresholds,
      RatePack ratePack,
      ScanIntervals scanIntervals) {
    /** Names the key's wallet only. */
    @Override
    public String toString() {
      return "Configuration[" + chainName + ", " + neighborhoodMode + "]";
    }
  }
}
