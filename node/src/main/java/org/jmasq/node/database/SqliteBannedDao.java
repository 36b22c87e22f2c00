package org.jmasq.node.database;

import java.sql.PreparedStatement;
import java.util.Set;
import org.jmasq.identity.Wallet;

/** {@link BannedDao} on the {@code banned} table. */
public final class SqliteBannedDao implements BannedDao {
  private final NodeDatabase database;

  SqliteBannedDao(NodeDatabase database) {
    this.database = database;
  }

  @Override
  public void ban(Wallet wallet) throws DatabaseException {
    database.inTransaction(
        "ban " + wallet,
        c -> {
          try (PreparedStatement i =
              c.prepareStatement("INSERT OR IGNORE INTO banned (wallet_address) VALUES (?)")) {
            i.setString(1, wallet.toString());
            i.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void unban(Wallet wallet) throws DatabaseException {
    database.inTransaction(
        "unban " + wallet,
        c -> {
          try (PreparedStatement d =
              c.prepareStatement("DELETE FROM banned WHERE wallet_address = ?")) {
            d.setString(1, wallet.toString());
            d.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public boolean isBanned(Wallet wallet) throws DatabaseException {
    return database.inTransaction(
        "look up the ban of " + wallet,
        c ->
            Rows.first(
                    c,
                    "SELECT 1 FROM banned WHERE wallet_address = ?",
                    r -> true,
                    wallet.toString())
                .isPresent());
  }

  @Override
  public Set<Wallet> all() throws DatabaseException {
    return database.inTransaction(
        "read the bans",
        c ->
            Set.copyOf(
                Rows.list(
                    c, "SELECT wallet_address FROM banned", r -> Wallet.parse(r.getString(1)))));
  }
}
