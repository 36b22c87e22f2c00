package org.jmasq.node.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.identity.Chain;
import org.jmasq.neighborhood.RatePack;

/**
 * The schema's history, oldest first. The version lives in SQLite's {@code user_version} header
 * field, which changes in the same transaction as the step, and is mirrored in the config row
 * {@code schema_version} for people reading the file. A new step is appended here and never edits
 * an old one.
 */
final class Migrations {
  static final List<Migration> ALL =
      List.of(new InitialSchema(), new MnemonicSeed(), new ExitLocation());
  static final int LATEST = ALL.get(ALL.size() - 1).toVersion();

  private Migrations() {}

  /** Version 1: the tables of Part 2 §5.1 and §7 and the initial config rows. */
  private static final class InitialSchema implements Migration {
    @Override
    public int toVersion() {
      return 1;
    }

    @Override
    public String description() {
      return "config, payable, receivable, pending_payable and banned";
    }

    @Override
    public void apply(Connection connection, Chain chain) throws SQLException {
      try (Statement s = connection.createStatement()) {
        s.execute(
            "CREATE TABLE config (name TEXT PRIMARY KEY, value TEXT, encrypted INTEGER NOT NULL) STRICT");
        s.execute(
            "CREATE TABLE payable (wallet_address TEXT PRIMARY KEY, balance_high_b INTEGER NOT NULL,"
                + " balance_low_b INTEGER NOT NULL, last_paid_timestamp INTEGER NOT NULL, pending_payable_rowid INTEGER) STRICT");
        s.execute(
            "CREATE TABLE receivable (wallet_address TEXT PRIMARY KEY, balance_high_b INTEGER NOT NULL,"
                + " balance_low_b INTEGER NOT NULL, last_received_timestamp INTEGER NOT NULL) STRICT");
        // Beyond the reference: wallet_address names the creditor, so that a crash between
        // recording a payment and linking it to its payable still leaves the debt accounted for;
        // nonce and gas price let a stuck payment be replaced under the same nonce, never paid
        // twice.
        s.execute(
            "CREATE TABLE pending_payable (rowid INTEGER PRIMARY KEY, transaction_hash TEXT NOT NULL,"
                + " wallet_address TEXT NOT NULL, amount_high_b INTEGER NOT NULL, amount_low_b INTEGER NOT NULL,"
                + " payable_timestamp INTEGER NOT NULL, attempt INTEGER NOT NULL, process_error TEXT,"
                + " nonce INTEGER NOT NULL, gas_price_high_b INTEGER NOT NULL, gas_price_low_b INTEGER NOT NULL) STRICT");
        s.execute(
            "CREATE UNIQUE INDEX pending_payable_hash_idx ON pending_payable (transaction_hash)");
        s.execute("CREATE TABLE banned (wallet_address TEXT PRIMARY KEY) STRICT");
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO config (name, value, encrypted) VALUES (?, ?, ?)")) {
        row(insert, ConfigTable.EXAMPLE_ENCRYPTED, null, true);
        row(insert, "blockchain_service_url", null, false);
        row(insert, ConfigTable.CHAIN_NAME, chain.identifier(), false);
        row(insert, "clandestine_port", null, false);
        row(insert, ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, null, true);
        row(insert, ConfigTable.EARNING_WALLET_ADDRESS, null, false);
        row(insert, "neighborhood_mode", "standard", false);
        row(insert, ConfigTable.SCHEMA_VERSION, "1", false);
        row(insert, "start_block", null, false);
        row(insert, "gas_price", "1", false);
        row(insert, ConfigTable.LAST_CRYPTDE, null, true);
        row(insert, ConfigTable.PAST_NEIGHBORS, null, true);
        row(insert, "mapping_protocol", null, false);
        row(insert, "min_hops", "3", false);
        row(insert, "payment_thresholds", PaymentThresholds.DEFAULT.toString(), false);
        row(insert, "rate_pack", RatePack.DEFAULT.toString(), false);
        row(insert, "scan_intervals", ScanIntervals.DEFAULT.toString(), false);
        row(insert, "max_block_count", null, false);
        insert.executeBatch();
      }
    }

    private static void row(PreparedStatement insert, String name, String value, boolean encrypted)
        throws SQLException {
      insert.setString(1, name);
      insert.setString(2, value);
      insert.setInt(3, encrypted ? 1 : 0);
      insert.addBatch();
    }
  }

  /**
   * Version 2: the encrypted row {@code mnemonic_seed}, the BIP-39 seed that the wallets were
   * derived from, so that a Node can derive more of its wallets without asking for the words again.
   */
  private static final class MnemonicSeed implements Migration {
    @Override
    public int toVersion() {
      return 2;
    }

    @Override
    public String description() {
      return "the config row mnemonic_seed";
    }

    @Override
    public void apply(Connection connection, Chain chain) throws SQLException {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO config (name, value, encrypted) VALUES (?, NULL, 1)")) {
        insert.setString(1, ConfigTable.MNEMONIC_SEED);
        insert.executeUpdate();
      }
    }
  }

  /**
   * Version 3: the config row {@code exit_location}, the user's exit countries (see {@link
   * ExitLocationRow}).
   */
  private static final class ExitLocation implements Migration {
    @Override
    public int toVersion() {
      return 3;
    }

    @Override
    public String description() {
      return "the config row exit_location";
    }

    @Override
    public void apply(Connection connection, Chain chain) throws SQLException {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO config (name, value, encrypted) VALUES (?, NULL, 0)")) {
        insert.setString(1, ExitLocationRow.NAME);
        insert.executeUpdate();
      }
    }
  }
}
