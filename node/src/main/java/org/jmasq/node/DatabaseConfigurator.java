package org.jmasq.node;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.AccountantSettings;
import org.jmasq.node.database.ConfigTable;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.datadir.KeptWallets;
import org.jmasq.node.ui.Configurator;
import org.jmasq.node.ui.UiNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI's Configurator and password check over a Node's database: what a running Node serves, and
 * what {@code jmasq} serves from a stopped Node's database through the same handlers.
 */
public final class DatabaseConfigurator implements Configurator {
  private static final Logger log = LoggerFactory.getLogger(DatabaseConfigurator.class);

  private final NodeDatabase database;
  private final Running running;

  /**
   * What the running Node was started with, which the database does not say.
   *
   * @param neighborhoodMode as {@code --neighborhood-mode} names it
   * @param blockchainServiceUrl the chain's endpoint, if the Node has one
   */
  public record Running(
      String neighborhoodMode, int clandestinePort, Optional<String> blockchainServiceUrl) {}

  public DatabaseConfigurator(NodeDatabase database, Running running) {
    this.database = database;
    this.running = running;
  }

  /**
   * The Configurator of a stopped Node's database: what the database keeps stands for what the Node
   * was started with.
   */
  public static DatabaseConfigurator ofStoppedNode(NodeDatabase database) throws DatabaseException {
    ConfigTable config = database.config();
    return new DatabaseConfigurator(
        database,
        new Running(
            config.get("neighborhood_mode").orElse("standard"),
            number(config, "clandestine_port").isPresent()
                ? (int) number(config, "clandestine_port").getAsLong()
                : 0,
            config.get("blockchain_service_url")));
  }

  /** The clandestine port is the one the links took, where the descriptor names it. */
  static Running running(NodeConfig config, NodeDescriptor descriptor) {
    return new Running(
        config.mode().identifier(),
        descriptor
            .nodeAddr()
            .filter(a -> !a.ports().isEmpty())
            .map(a -> a.ports().get(0))
            .orElse(config.clandestinePort()),
        config.accountant().blockchainServiceUrl().map(Object::toString));
  }

  @Override
  public Configuration configuration(Optional<String> password) throws DatabaseException {
    ConfigTable config = database.config();
    Optional<String> good =
        password.isPresent() && config.checkPassword(password.get()) ? password : Optional.empty();
    Optional<WalletKey> key = Optional.empty();
    List<String> past = List.of();
    if (good.isPresent()) {
      key =
          config
              .secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, good.get())
              .map(DatabaseConfigurator::key);
      past =
          config
              .secret(ConfigTable.PAST_NEIGHBORS, good.get())
              .map(DatabaseConfigurator::lines)
              .orElse(List.of());
    }
    AccountantSettings settings =
        AccountantSettings.apply(database, Optional.empty(), Optional.empty(), Optional.empty());
    return new Configuration(
        running.blockchainServiceUrl(),
        database.chain().identifier(),
        running.clandestinePort(),
        config.get("schema_version").orElse(""),
        config.get(ConfigTable.EARNING_WALLET_ADDRESS).map(Wallet::parse),
        number(config, "gas_price").orElse(1),
        number(config, "max_block_count"),
        running.neighborhoodMode(),
        config.get("mapping_protocol"),
        number(config, "start_block"),
        key,
        past,
        settings.thresholds(),
        settings.ratePack(),
        settings.scanIntervals());
  }

  @Override
  public boolean hasWallets() throws DatabaseException {
    ConfigTable config = database.config();
    return config.holdsSecret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY)
        || config.get(ConfigTable.EARNING_WALLET_ADDRESS).isPresent();
  }

  @Override
  public Optional<WalletAddresses> walletAddresses(String password) throws DatabaseException {
    ConfigTable config = database.config();
    Optional<WalletKey> key =
        config
            .secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, password)
            .map(DatabaseConfigurator::key);
    Optional<Wallet> earning = config.get(ConfigTable.EARNING_WALLET_ADDRESS).map(Wallet::parse);
    return key.isPresent() && earning.isPresent()
        ? Optional.of(new WalletAddresses(key.get().wallet(), earning.get()))
        : Optional.empty();
  }

  @Override
  public void keepWallets(
      WalletKey consuming, Wallet earning, Optional<byte[]> seed, String password)
      throws DatabaseException {
    KeptWallets.keepPair(database, consuming, earning, seed, password, () -> {});
    // The addresses are public; the key and the seed are never logged.
    log.info(
        "Wallets kept from a UI: consuming {}, earning {}; the Node uses them from its next start",
        consuming.wallet(),
        earning);
  }

  @Override
  public void setGasPrice(long gwei) throws DatabaseException {
    database.config().set("gas_price", Long.toString(gwei));
    log.info("gas-price set to {} gwei from a UI", gwei);
  }

  /** The database password's check over {@code database}. */
  public static UiNode.Passwords passwords(NodeDatabase database) {
    return new UiNode.Passwords() {
      @Override
      public boolean hasPassword() throws DatabaseException {
        return database.config().hasPassword();
      }

      @Override
      public boolean matches(String password) throws DatabaseException {
        return database.config().checkPassword(password);
      }

      @Override
      public void change(Optional<String> oldPassword, String newPassword)
          throws DatabaseException {
        database.config().changePassword(oldPassword, newPassword);
        log.info("The database password was changed from a UI");
      }
    };
  }

  private static WalletKey key(byte[] bytes) {
    try {
      return WalletKey.of(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static List<String> lines(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }

  private static OptionalLong number(ConfigTable config, String row) throws DatabaseException {
    Optional<String> v = config.get(row);
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(v.get().trim()));
    } catch (NumberFormatException e) {
      throw new DatabaseException("config '" + row + "' holds '" + v.get() + "', not a number");
    }
  }
}
