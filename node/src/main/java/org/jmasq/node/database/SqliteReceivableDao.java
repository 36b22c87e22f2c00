package org.jmasq.node.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmasq.accountant.Balance;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;

/** {@link ReceivableDao} on the {@code receivable} table. */
public final class SqliteReceivableDao implements ReceivableDao {
  private static final String COLUMNS =
      "wallet_address, balance_high_b, balance_low_b, last_received_timestamp";
  private final NodeDatabase database;

  SqliteReceivableDao(NodeDatabase database) {
    this.database = database;
  }

  @Override
  public void addCharge(Wallet debtor, Wei amount, Instant now) throws DatabaseException {
    database.inTransaction(
        "add a charge to " + debtor,
        c -> {
          Optional<ReceivableAccount> old = find(c, debtor);
          if (old.isPresent()) {
            setBalance(c, debtor, old.get().balance().plus(amount), Optional.empty());
          } else {
            try (PreparedStatement i =
                c.prepareStatement(
                    "INSERT INTO receivable (" + COLUMNS + ") VALUES (?, ?, ?, ?)")) {
              i.setString(1, debtor.toString());
              Amounts.bind(i, 2, amount.toBigInteger());
              i.setLong(4, now.getEpochSecond());
              i.executeUpdate();
            }
          }
          return null;
        });
  }

  private static void setBalance(
      Connection c, Wallet debtor, Balance balance, Optional<Instant> received)
      throws SQLException {
    String sql =
        received.isPresent()
            ? "UPDATE receivable SET balance_high_b = ?, balance_low_b = ?, last_received_timestamp = ? WHERE wallet_address = ?"
            : "UPDATE receivable SET balance_high_b = ?, balance_low_b = ? WHERE wallet_address = ?";
    try (PreparedStatement u = c.prepareStatement(sql)) {
      Amounts.bind(u, 1, balance.toBigInteger());
      int next = 3;
      if (received.isPresent()) {
        u.setLong(next++, received.get().getEpochSecond());
      }
      u.setString(next, debtor.toString());
      u.executeUpdate();
    }
  }

  @Override
  public boolean recordPayment(Wallet debtor, Wei amount, Instant now) throws DatabaseException {
    return database.inTransaction(
        "record a payment from " + debtor,
        c -> {
          Optional<ReceivableAccount> old = find(c, debtor);
          if (old.isEmpty()) {
            return false;
          }
          setBalance(c, debtor, old.get().balance().minus(amount), Optional.of(now));
          return true;
        });
  }

  private static Optional<ReceivableAccount> find(Connection c, Wallet debtor) throws SQLException {
    return Rows.first(
        c,
        "SELECT " + COLUMNS + " FROM receivable WHERE wallet_address = ?",
        SqliteReceivableDao::read,
        debtor.toString());
  }

  private static ReceivableAccount read(ResultSet r) throws SQLException {
    return new ReceivableAccount(
        Wallet.parse(r.getString("wallet_address")),
        Balance.of(Amounts.read(r, "balance_high_b", "balance_low_b")),
        Instant.ofEpochSecond(r.getLong("last_received_timestamp")));
  }

  @Override
  public Optional<ReceivableAccount> get(Wallet debtor) throws DatabaseException {
    return database.inTransaction("read the receivable of " + debtor, c -> find(c, debtor));
  }

  @Override
  public List<ReceivableAccount> all() throws DatabaseException {
    return database.inTransaction(
        "read the receivables",
        c ->
            Rows.list(
                c,
                "SELECT " + COLUMNS + " FROM receivable ORDER BY wallet_address",
                SqliteReceivableDao::read));
  }

  @Override
  public Balance total() throws DatabaseException {
    Balance total = Balance.ZERO;
    for (ReceivableAccount r : all()) {
      total = Balance.of(total.toBigInteger().add(r.balance().toBigInteger()));
    }
    return total;
  }
}
