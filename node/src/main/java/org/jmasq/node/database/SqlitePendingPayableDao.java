package org.jmasq.node.database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;

/** The {@code pending_payable} table: fingerprints of payments sent and not yet confirmed. */
public final class SqlitePendingPayableDao {
  private static final String COLUMNS =
      "rowid, transaction_hash, wallet_address, amount_high_b, amount_low_b, payable_timestamp, attempt, process_error,"
          + " nonce, gas_price_high_b, gas_price_low_b";
  private final NodeDatabase database;

  SqlitePendingPayableDao(NodeDatabase database) {
    this.database = database;
  }

  /** Records a payment before it is sent, as attempt 1; answers its row id. */
  public long record(
      String transactionHash, Wallet creditor, Wei amount, long nonce, Wei gasPrice, Instant sentAt)
      throws DatabaseException {
    PendingPayable.checkHash(transactionHash);
    return database.inTransaction(
        "record the payment " + transactionHash,
        c -> {
          try (PreparedStatement i =
              c.prepareStatement(
                  "INSERT INTO pending_payable (transaction_hash, wallet_address, amount_high_b, amount_low_b, payable_timestamp, attempt,"
                      + " nonce, gas_price_high_b, gas_price_low_b) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            i.setString(1, transactionHash);
            i.setString(2, creditor.toString());
            Amounts.bind(i, 3, amount.toBigInteger());
            i.setLong(5, sentAt.getEpochSecond());
            i.setLong(6, nonce);
            Amounts.bind(i, 7, gasPrice.toBigInteger());
            i.executeUpdate();
            try (ResultSet keys = i.getGeneratedKeys()) {
              keys.next();
              return keys.getLong(1);
            }
          }
        });
  }

  public List<PendingPayable> all() throws DatabaseException {
    return database.inTransaction(
        "read the pending payments",
        c ->
            Rows.list(
                c,
                "SELECT " + COLUMNS + " FROM pending_payable ORDER BY rowid",
                SqlitePendingPayableDao::read));
  }

  private static PendingPayable read(ResultSet r) throws SQLException {
    return new PendingPayable(
        r.getLong("rowid"),
        r.getString("transaction_hash"),
        Wallet.parse(r.getString("wallet_address")),
        Wei.of(Amounts.read(r, "amount_high_b", "amount_low_b")),
        r.getLong("nonce"),
        Wei.of(Amounts.read(r, "gas_price_high_b", "gas_price_low_b")),
        Instant.ofEpochSecond(r.getLong("payable_timestamp")),
        r.getInt("attempt"),
        Optional.ofNullable(r.getString("process_error")));
  }

  public void incrementAttempt(long rowid) throws DatabaseException {
    update(
        "count another attempt of payment " + rowid,
        "UPDATE pending_payable SET attempt = attempt + 1 WHERE rowid = ?",
        rowid,
        null);
  }

  public void markFailed(long rowid, String error) throws DatabaseException {
    update(
        "mark payment " + rowid + " failed",
        "UPDATE pending_payable SET process_error = ? WHERE rowid = ?",
        rowid,
        error);
  }

  public void delete(long rowid) throws DatabaseException {
    update("delete payment " + rowid, "DELETE FROM pending_payable WHERE rowid = ?", rowid, null);
  }

  private void update(String what, String sql, long rowid, String text) throws DatabaseException {
    database.inTransaction(
        what,
        c -> {
          try (PreparedStatement u = c.prepareStatement(sql)) {
            int index = 1;
            if (text != null) {
              u.setString(index++, text);
            }
            u.setLong(index, rowid);
            u.executeUpdate();
          }
          return null;
        });
  }
}
