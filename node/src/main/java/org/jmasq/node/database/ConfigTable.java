package org.jmasq.node.database;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jmasq.identity.Wallet;

/**
 * The {@code config} table: named values, some of them secrets encrypted under the database
 * password (the consuming wallet's key, the mnemonic seed, the Node key, the past neighbors).
 *
 * <p>The row {@code example_encrypted} holds 32 random bytes encrypted under the password; it is
 * null until a password is set, and a password that does not decrypt it is wrong. Every operation
 * that takes a password checks it before writing anything, so a wrong password leaves the database
 * as it was. A password can be changed (every secret is re-encrypted in the same transaction) but
 * never removed.
 */
public final class ConfigTable {
  static final String CHAIN_NAME = "chain_name";
  static final String SCHEMA_VERSION = "schema_version";
  static final String EXAMPLE_ENCRYPTED = "example_encrypted";
  public static final String CONSUMING_WALLET_PRIVATE_KEY = "consuming_wallet_private_key";
  public static final String EARNING_WALLET_ADDRESS = "earning_wallet_address";
  public static final String LAST_CRYPTDE = "last_cryptde";
  public static final String PAST_NEIGHBORS = "past_neighbors";
  public static final String MNEMONIC_SEED = "mnemonic_seed";
  private static final int EXAMPLE_LENGTH = 32;

  private final NodeDatabase database;
  private final SecretCipher cipher;
  private final SecureRandom random = new SecureRandom();

  ConfigTable(NodeDatabase database, SecretCipher cipher) {
    this.database = database;
    this.cipher = cipher;
  }

  private record Row(String value, boolean encrypted) {}

  private static Optional<Row> row(Connection c, String name) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT value, encrypted FROM config WHERE name = ?")) {
      q.setString(1, name);
      try (ResultSet r = q.executeQuery()) {
        return r.next() ? Optional.of(new Row(r.getString(1), r.getInt(2) != 0)) : Optional.empty();
      }
    }
  }

  private static Row existing(Connection c, String name) throws SQLException {
    return row(c, name)
        .orElseThrow(() -> new IllegalArgumentException("config has no row '" + name + "'"));
  }

  private static void write(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("UPDATE config SET value = ? WHERE name = ?")) {
      u.setString(1, value);
      u.setString(2, name);
      u.executeUpdate();
    }
  }

  /** A value kept in clear; empty when it is null. */
  public Optional<String> get(String name) throws DatabaseException {
    return database.inTransaction(
        "read config '" + name + "'",
        c -> {
          Row r = existing(c, name);
          if (r.encrypted()) {
            throw new IllegalArgumentException(
                "config '" + name + "' is encrypted; read it as a secret");
          }
          return Optional.ofNullable(r.value());
        });
  }

  /** Sets a value kept in clear; the row must exist. */
  public void set(String name, String value) throws DatabaseException {
    database.inTransaction(
        "write config '" + name + "'",
        c -> {
          if (existing(c, name).encrypted()) {
            throw new IllegalArgumentException(
                "config '" + name + "' is encrypted; write it as a secret");
          }
          write(c, name, value);
          return null;
        });
  }

  /** Whether a secret is kept under {@code name}, which can be told without the password. */
  public boolean holdsSecret(String name) throws DatabaseException {
    return database.inTransaction(
        "look for the secret '" + name + "'",
        c -> {
          Row r = existing(c, name);
          if (!r.encrypted()) {
            throw new IllegalArgumentException("config '" + name + "' is not a secret");
          }
          return r.value() != null;
        });
  }

  public boolean hasPassword() throws DatabaseException {
    return database.inTransaction(
        "read the password check", c -> existing(c, EXAMPLE_ENCRYPTED).value() != null);
  }

  /** True when {@code password} is the database password; false when it is not or none is set. */
  public boolean checkPassword(String password) throws DatabaseException {
    return database.inTransaction("check the password", c -> passwordMatches(c, password, cipher));
  }

  /**
   * Whether a password is set and {@code password} is not it; read-only, for checks before a
   * migration.
   */
  static boolean isSetAndOther(Connection c, String password, SecretCipher cipher)
      throws SQLException {
    Optional<Row> example = row(c, EXAMPLE_ENCRYPTED);
    return example.isPresent()
        && example.get().value() != null
        && !passwordMatches(c, password, cipher);
  }

  private static boolean passwordMatches(Connection c, String password, SecretCipher cipher)
      throws SQLException {
    String example = existing(c, EXAMPLE_ENCRYPTED).value();
    if (example == null || password == null) {
      return false;
    }
    try {
      return cipher.decrypt(example, password, EXAMPLE_ENCRYPTED).length == EXAMPLE_LENGTH;
    } catch (SecretCipher.NotDecryptable e) {
      return false;
    }
  }

  private void requirePassword(Connection c, String password)
      throws SQLException, DatabaseException {
    if (existing(c, EXAMPLE_ENCRYPTED).value() == null) {
      throw new WrongPasswordException(
          "No database password is set yet; set one with --db-password first");
    }
    if (!passwordMatches(c, password, cipher)) {
      throw new WrongPasswordException("The database password is wrong; nothing was changed");
    }
  }

  /**
   * Sets the first password, or changes it: {@code oldPassword} must be empty when none is set and
   * right when one is. Every secret is decrypted with the old password and re-encrypted with the
   * new one in the same transaction.
   */
  public void changePassword(Optional<String> oldPassword, String newPassword)
      throws DatabaseException {
    if (newPassword == null || newPassword.isEmpty()) {
      throw new IllegalArgumentException("the new database password must not be empty");
    }
    database.inTransaction(
        "change the database password",
        c -> {
          boolean isSet = existing(c, EXAMPLE_ENCRYPTED).value() != null;
          if (isSet && oldPassword.isEmpty()) {
            throw new WrongPasswordException(
                "A database password is already set; give the old one to change it");
          }
          if (!isSet && oldPassword.isPresent()) {
            throw new WrongPasswordException(
                "No database password is set yet, so there is no old one to give");
          }
          Map<String, byte[]> secrets = new LinkedHashMap<>();
          if (isSet) {
            requirePassword(c, oldPassword.get());
            try (PreparedStatement q =
                c.prepareStatement(
                    "SELECT name, value FROM config WHERE encrypted = 1 AND value IS NOT NULL AND name <> ?")) {
              q.setString(1, EXAMPLE_ENCRYPTED);
              try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                  secrets.put(
                      r.getString(1),
                      decryptOrFail(r.getString(2), oldPassword.get(), r.getString(1)));
                }
              }
            }
          }
          byte[] example = new byte[EXAMPLE_LENGTH];
          random.nextBytes(example);
          write(c, EXAMPLE_ENCRYPTED, cipher.encrypt(example, newPassword, EXAMPLE_ENCRYPTED));
          for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
            write(
                c,
                secret.getKey(),
                cipher.encrypt(secret.getValue(), newPassword, secret.getKey()));
            Arrays.fill(secret.getValue(), (byte) 0);
          }
          return null;
        });
  }

  /**
   * Re-encrypts every secret still kept under the legacy key derivation (PBKDF2, see {@link
   * SecretCipher}) under the current one, in one transaction; {@code password} must be the
   * database's. Nothing to do, and no password check, when no value is legacy.
   *
   * @return how many values were re-encrypted, the password check included
   */
  int upgradeSecrets(String password) throws DatabaseException {
    return database.inTransaction(
        "re-encrypt the secrets under Argon2id",
        c -> {
          Map<String, String> legacy = new LinkedHashMap<>();
          try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT name, value FROM config WHERE encrypted = 1 AND value IS NOT NULL");
              ResultSet r = q.executeQuery()) {
            while (r.next()) {
              if (SecretCipher.isLegacy(r.getString(2))) {
                legacy.put(r.getString(1), r.getString(2));
              }
            }
          }
          if (legacy.isEmpty()) {
            return 0;
          }
          requirePassword(c, password);
          for (Map.Entry<String, String> old : legacy.entrySet()) {
            byte[] plain = decryptOrFail(old.getValue(), password, old.getKey());
            write(c, old.getKey(), cipher.encrypt(plain, password, old.getKey()));
            Arrays.fill(plain, (byte) 0);
          }
          return legacy.size();
        });
  }

  private byte[] decryptOrFail(String stored, String password, String name)
      throws DatabaseException {
    try {
      return cipher.decrypt(stored, password, name);
    } catch (SecretCipher.NotDecryptable e) {
      throw new DatabaseException("The secret '" + name + "' is damaged: " + e.getMessage());
    }
  }

  /** A secret, decrypted; empty when it is null. A wrong password is refused. */
  public Optional<byte[]> secret(String name, String password) throws DatabaseException {
    return database.inTransaction(
        "read the secret '" + name + "'",
        c -> {
          Row r = existing(c, name);
          if (!r.encrypted()) {
            throw new IllegalArgumentException("config '" + name + "' is not a secret");
          }
          requirePassword(c, password);
          return r.value() == null
              ? Optional.<byte[]>empty()
              : Optional.of(decryptOrFail(r.value(), password, name));
        });
  }

  /** Encrypts and stores a secret under the database password, which must be set and right. */
  public void setSecret(String name, byte[] value, String password) throws DatabaseException {
    database.inTransaction(
        "write the secret '" + name + "'",
        c -> {
          if (!existing(c, name).encrypted() || name.equals(EXAMPLE_ENCRYPTED)) {
            throw new IllegalArgumentException("config '" + name + "' is not a secret");
          }
          requirePassword(c, password);
          write(c, name, cipher.encrypt(value, password, name));
          return null;
        });
  }

  /**
   * Keeps the consuming wallet's 32-byte private key. The same key again is accepted; a different
   * key is refused once one is kept.
   */
  public void keepConsumingKey(byte[] privateKey, String password) throws DatabaseException {
    if (privateKey == null || privateKey.length != 32) {
      throw new IllegalArgumentException("consuming private key: expected 32 bytes");
    }
    keepSecretOnce(
        CONSUMING_WALLET_PRIVATE_KEY,
        privateKey,
        password,
        "keep the consuming key",
        "A different consuming wallet key is already kept in "
            + database.file()
            + "; it cannot be replaced");
  }

  /**
   * Keeps the 64-byte BIP-39 seed the wallets were derived from. The same seed again is accepted; a
   * different one is refused once one is kept, as the wallets it belongs to are.
   */
  public void keepMnemonicSeed(byte[] seed, String password) throws DatabaseException {
    if (seed == null || seed.length != 64) {
      throw new IllegalArgumentException("mnemonic seed: expected 64 bytes");
    }
    keepSecretOnce(
        MNEMONIC_SEED,
        seed,
        password,
        "keep the mnemonic seed",
        "A different mnemonic seed is already kept in "
            + database.file()
            + "; it cannot be replaced");
  }

  private void keepSecretOnce(
      String name, byte[] value, String password, String what, String refusal)
      throws DatabaseException {
    database.inTransaction(
        what,
        c -> {
          requirePassword(c, password);
          String stored = existing(c, name).value();
          if (stored != null) {
            byte[] kept = decryptOrFail(stored, password, name);
            boolean same = Arrays.equals(kept, value);
            Arrays.fill(kept, (byte) 0);
            if (!same) {
              throw new DatabaseException(refusal);
            }
            return null;
          }
          write(c, name, cipher.encrypt(value, password, name));
          return null;
        });
  }

  /** Keeps the earning wallet; the same wallet again is accepted, a different one refused. */
  public void keepEarningWallet(Wallet wallet) throws DatabaseException {
    database.inTransaction(
        "keep the earning wallet",
        c -> {
          String stored = existing(c, EARNING_WALLET_ADDRESS).value();
          if (stored != null && !Wallet.parse(stored).equals(wallet)) {
            throw new DatabaseException(
                "The earning wallet "
                    + stored
                    + " is already kept in "
                    + database.file()
                    + "; it cannot be replaced by "
                    + wallet);
          }
          write(c, EARNING_WALLET_ADDRESS, wallet.toString());
          return null;
        });
  }
}
