package org.jmasq.node.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;

/** {@link PayableDao} on the {@code payable} table. */
public final class SqlitePayableDao implements PayableDao {
  private static final String COLUMNS =
      "wallet_address, balance_high_b, balance_low_b, last_paid_timestamp, pending_payable_rowid";
  private final NodeDatabase database;

  SqlitePayableDao(NodeDatabase database) {
    this.database = database;
  }

  @Override
  public void addDebt(Wallet creditor, Wei amount, Instant now) throws DatabaseException {
    database.inTransaction(
        "add a debt to " + creditor,
        c -> {
          Optional<PayableAccount> old = find(c, creditor);
          Wei balance = old.map(PayableAccount::balance).orElse(Wei.ZERO).plus(amount);
          if (old.isPresent()) {
            update(c, creditor, balance);
          } else {
            try (PreparedStatement i =
                c.prepareStatement(
                    "INSERT INTO payable (" + COLUMNS + ") VALUES (?, ?, ?, ?, NULL)")) {
              i.setString(1, creditor.toString());
              Amounts.bind(i, 2, balance.toBigInteger());
              i.setLong(4, now.getEpochSecond());
              i.executeUpdate();
            }
          }
          return null;
        });
  }

  private static void update(Connection c, Wallet creditor, Wei balance) throws SQLException {
    try (PreparedStatement u =
        c.prepareStatement(
            "UPDATE payable SET balance_high_b = ?, balance_low_b = ? WHERE wallet_address = ?")) {
      Amounts.bind(u, 1, balance.toBigInteger());
      u.setString(3, creditor.toString());
      u.executeUpdate();
    }
  }

  private static Optional<PayableAccount> find(Connection c, Wallet creditor) throws SQLException {
    return Rows.first(
        c,
        "SELECT " + COLUMNS + " FROM payable WHERE wallet_address = ?",
        SqlitePayableDao::read,
        creditor.toString());
  }

  private static PayableAccount read(ResultSet r) throws SQLException {
    long pending = r.getLong("pending_payable_rowid");
    OptionalLong link = r.wasNull() ? OptionalLong.empty() : OptionalLong.of(pending);
    return new PayableAccount(
        Wallet.parse(r.getString("wallet_address")),
        Wei.of(Amounts.read(r, "balance_high_b", "balance_low_b")),
        Instant.ofEpochSecond(r.getLong("last_paid_timestamp")),
        link);
  }

  @Override
  public Optional<PayableAccount> get(Wallet creditor) throws DatabaseException {
    return database.inTransaction("read the debt to " + creditor, c -> find(c, creditor));
  }

  @Override
  public List<PayableAccount> all() throws DatabaseException {
    return database.inTransaction(
        "read the payables",
        c ->
            Rows.list(
                c,
                "SELECT " + COLUMNS + " FROM payable ORDER BY wallet_address",
                SqlitePayableDao::read));
  }

  @Override
  public void markPending(Wallet creditor, long pendingPayableRowid) throws DatabaseException {
    database.inTransaction(
        "link the debt to " + creditor + " to its payment",
        c -> {
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE payable SET pending_payable_rowid = ? WHERE wallet_address = ?")) {
            u.setLong(1, pendingPayableRowid);
            u.setString(2, creditor.toString());
            if (u.executeUpdate() != 1) {
              throw new DatabaseException(
                  "No debt to " + creditor + " to link to pending payment " + pendingPayableRowid);
            }
          }
          return null;
        });
  }

  @Override
  public void clearPending(Wallet creditor) throws DatabaseException {
    database.inTransaction(
        "free the debt to " + creditor,
        c -> {
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE payable SET pending_payable_rowid = NULL WHERE wallet_address = ?")) {
            u.setString(1, creditor.toString());
            u.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void settle(Wallet creditor, Wei paid, Instant paidAt) throws DatabaseException {
    database.inTransaction(
        "settle the debt to " + creditor,
        c -> {
          PayableAccount old =
              find(c, creditor)
                  .orElseThrow(
                      () -> new DatabaseException("No debt to " + creditor + " to settle"));
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE payable SET balance_high_b = ?, balance_low_b = ?,"
                      + " last_paid_timestamp = ?, pending_payable_rowid = NULL WHERE wallet_address = ?")) {
            Amounts.bind(u, 1, old.balance().minusOrZero(paid).toBigInteger());
            u.setLong(3, paidAt.getEpochSecond());
            u.setString(4, creditor.toString());
            u.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Wei total() throws DatabaseException {
    Wei total = Wei.ZERO;
    for (PayableAccount p : all()) {
      total = total.plus(p.balance());
    }
    return total;
  }
}
