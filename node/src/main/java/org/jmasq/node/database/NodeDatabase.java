package org.jmasq.node.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.jmasq.identity.Chain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The Node's database file, {@code node-data.db} in the data directory, bound to one chain.
 *
 * <p>Opening first reads the file read-only and refuses it, unchanged, if it belongs to another
 * chain or to a newer schema; only then is it opened for writing, switched to WAL and migrated. One
 * connection, safe to share: every transaction holds this object's lock, so work from different
 * threads (the Accountant's scans, the Neighborhood keeping past neighbors) is serialized, and a
 * call made inside a transaction on the same thread joins it.
 */
public final class NodeDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeDatabase.class);
  public static final String FILE_NAME = "node-data.db";

  private final Path file;
  private final Chain chain;
  private final Connection connection;

  /** Shared by every {@link ConfigTable} of this database, so a derived key is derived once. */
  private final SecretCipher cipher;

  private int transactionDepth;

  private NodeDatabase(Path file, Chain chain, Connection connection, SecretCipher cipher) {
    this.file = file;
    this.chain = chain;
    this.connection = connection;
    this.cipher = cipher;
  }

  /** Opens or creates the database of {@code dataDirectory} for {@code chain}. */
  public static NodeDatabase open(Path dataDirectory, Chain chain) throws DatabaseException {
    return open(dataDirectory, chain, Optional.empty());
  }

  /**
   * As {@link #open(Path, Chain)}, and refuses {@code password} when the database has another one,
   * before anything is written: a refused password leaves even an older schema as it was. With the
   * right password, secrets still kept under the legacy key derivation are re-encrypted under the
   * current one.
   */
  public static NodeDatabase open(Path dataDirectory, Chain chain, Optional<String> password)
      throws DatabaseException {
    Path file = dataDirectory.resolve(FILE_NAME);
    SecretCipher cipher = new SecretCipher(new SecureRandom());
    if (Files.exists(file)) {
      checkBinding(file, chain, password, cipher);
    } else {
      try {
        Files.createDirectories(dataDirectory);
        // Only the Node's user reads its books; SQLite gives the log files the same permissions.
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(file);
        }
      } catch (IOException e) {
        throw new DatabaseException(
            "Cannot create the data directory " + dataDirectory + ": " + e.getMessage(), e);
      }
    }
    Connection connection = connect(file, false);
    try {
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA busy_timeout = 5000");
        try (ResultSet mode = s.executeQuery("PRAGMA journal_mode = WAL")) {
          if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
            throw new DatabaseException("Cannot switch " + file + " to write-ahead logging");
          }
        }
        s.execute("PRAGMA synchronous = NORMAL");
      }
      migrate(connection, chain, file);
      NodeDatabase database = new NodeDatabase(file, chain, connection, cipher);
      if (password.isPresent()) {
        int upgraded = database.config().upgradeSecrets(password.get());
        if (upgraded > 0) {
          log.info("Re-encrypted {} values of {} under Argon2id", upgraded, file);
        }
      }
      return database;
    } catch (SQLException | DatabaseException | RuntimeException e) {
      closeQuietly(connection, e);
      if (e instanceof DatabaseException d) {
        throw d;
      }
      throw new DatabaseException("Cannot open the database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the chain, schema version and password check without writing anything, and refuses a
   * mismatch.
   */
  private static void checkBinding(
      Path file, Chain chain, Optional<String> password, SecretCipher cipher)
      throws DatabaseException {
    try (Connection readOnly = connect(file, true)) {
      int version = userVersion(readOnly);
      if (version > Migrations.LATEST) {
        throw new DatabaseException(
            "The database "
                + file
                + " has schema version "
                + version
                + ", newer than this JMasq understands ("
                + Migrations.LATEST
                + "); it was left unchanged");
      }
      if (version == 0) {
        return;
      }
      Optional<String> bound = chainName(readOnly);
      if (bound.isPresent() && !bound.get().equals(chain.identifier())) {
        throw new WrongChainException(
            "The database "
                + file
                + " belongs to the chain '"
                + bound.get()
                + "', not '"
                + chain.identifier()
                + "'. Run with --chain "
                + bound.get()
                + " or use another --data-directory; the database was left unchanged.");
      }
      if (password.isPresent() && ConfigTable.isSetAndOther(readOnly, password.get(), cipher)) {
        throw new WrongPasswordException("The database password is wrong; nothing was changed");
      }
    } catch (SQLException e) {
      throw new DatabaseException("Cannot read the database " + file + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> chainName(Connection c) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT value FROM config WHERE name = ?")) {
      q.setString(1, ConfigTable.CHAIN_NAME);
      try (ResultSet row = q.executeQuery()) {
        return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
      }
    }
  }

  private static Connection connect(Path file, boolean readOnly) throws DatabaseException {
    // The default open mode reads, writes and creates; read-only drops the last two.
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    try {
      return DriverManager.getConnection(
          "jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    } catch (SQLException e) {
      throw new DatabaseException("Cannot open the database " + file + ": " + e.getMessage(), e);
    }
  }

  private static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet row = s.executeQuery("PRAGMA user_version")) {
      return row.next() ? row.getInt(1) : 0;
    }
  }

  private static void migrate(Connection connection, Chain chain, Path file)
      throws SQLException, DatabaseException {
    int version = userVersion(connection);
    if (version > Migrations.LATEST) {
      throw new DatabaseException(
          "The database "
              + file
              + " has schema version "
              + version
              + ", newer than "
              + Migrations.LATEST);
    }
    for (Migration step : Migrations.ALL) {
      if (step.toVersion() <= version) {
        continue;
      }
      connection.setAutoCommit(false);
      try {
        step.apply(connection, chain);
        try (Statement s = connection.createStatement()) {
          s.execute("PRAGMA user_version = " + step.toVersion());
        }
        try (PreparedStatement u =
            connection.prepareStatement("UPDATE config SET value = ? WHERE name = ?")) {
          u.setString(1, Integer.toString(step.toVersion()));
          u.setString(2, ConfigTable.SCHEMA_VERSION);
          u.executeUpdate();
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw new DatabaseException(
            "Migration to schema version "
                + step.toVersion()
                + " ("
                + step.description()
                + ") of "
                + file
                + " failed: "
                + e.getMessage(),
            e);
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static void closeQuietly(Connection connection, Exception cause) {
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  public Path file() {
    return file;
  }

  public Chain chain() {
    return chain;
  }

  synchronized int schemaVersion() throws DatabaseException {
    try {
      return userVersion(connection);
    } catch (SQLException e) {
      throw new DatabaseException(
          "Cannot read the schema version of " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes everything committed so far into the database file and syncs it. A commit alone is
   * durable against a crash of the process but, with {@code synchronous = NORMAL}, not against a
   * power loss until the next checkpoint; call this before deleting what the commit replaces.
   */
  public synchronized void checkpoint() throws DatabaseException {
    try (Statement s = connection.createStatement();
        ResultSet row = s.executeQuery("PRAGMA wal_checkpoint(FULL)")) {
      if (row.next() && row.getInt(1) != 0) {
        throw new DatabaseException("Cannot checkpoint " + file + ": the database is busy");
      }
    } catch (SQLException e) {
      throw new DatabaseException("Cannot checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  /** The journal mode SQLite reports; {@code wal} once open. */
  synchronized String journalMode() throws DatabaseException {
    try (Statement s = connection.createStatement();
        ResultSet row = s.executeQuery("PRAGMA journal_mode")) {
      row.next();
      return row.getString(1);
    } catch (SQLException e) {
      throw new DatabaseException(
          "Cannot read the journal mode of " + file + ": " + e.getMessage(), e);
    }
  }

  public ConfigTable config() {
    return new ConfigTable(this, cipher);
  }

  public SqlitePayableDao payables() {
    return new SqlitePayableDao(this);
  }

  public SqliteReceivableDao receivables() {
    return new SqliteReceivableDao(this);
  }

  public SqlitePendingPayableDao pendingPayables() {
    return new SqlitePendingPayableDao(this);
  }

  public SqliteBannedDao banned() {
    return new SqliteBannedDao(this);
  }

  /** Work that runs on the connection and may fail with SQL errors. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException, DatabaseException;
  }

  /** Database work that may fail, run by {@link #atomically}. */
  @FunctionalInterface
  public interface Action {
    void run() throws DatabaseException;
  }

  /**
   * Runs {@code action} in one transaction: every DAO call inside it joins that transaction, and
   * either all of it is committed or none of it.
   */
  public void atomically(String what, Action action) throws DatabaseException {
    inTransaction(
        what,
        c -> {
          action.run();
          return null;
        });
  }

  /**
   * Runs {@code work} in one transaction: all of it is committed, or none of it. Inside another
   * transaction it joins that one, and only the outermost commits or rolls back.
   */
  synchronized <T> T inTransaction(String what, Work<T> work) throws DatabaseException {
    if (transactionDepth > 0) {
      try {
        transactionDepth++;
        return work.run(connection);
      } catch (SQLException e) {
        throw new DatabaseException("Cannot " + what + " in " + file + ": " + e.getMessage(), e);
      } finally {
        transactionDepth--;
      }
    }
    try {
      connection.setAutoCommit(false);
      transactionDepth = 1;
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | DatabaseException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        transactionDepth = 0;
        connection.setAutoCommit(true);
      }
    } catch (DatabaseException e) {
      throw e;
    } catch (SQLException e) {
      throw new DatabaseException("Cannot " + what + " in " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() throws DatabaseException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new DatabaseException("Cannot close " + file + ": " + e.getMessage(), e);
    }
  }
}
