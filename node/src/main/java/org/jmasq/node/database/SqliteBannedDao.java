package org.jmasq.node.database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
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
    database.inTransaction("ban " + wallet, c -> {
      try (PreparedStatement i = c.prepareStatement("INSERT OR IGNORE INTO banned (wallet_address) VALUES (?)")) {
        i.setString(1, wallet.toString());
        i.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void unban(Wallet wallet) throws DatabaseException {
    database.inTransaction("unban " + wallet, c -> {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM banned WHERE wallet_address = ?")) {
        d.setString(1, wallet.toString());
        d.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public boolean isBanned(Wallet wallet) throws DatabaseException {
    return database.inTransaction("look up the ban of " + wallet, c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM banned WHERE wallet_address = ?")) {
        q.setString(1, wallet.toString());
        try (ResultSet r = q.executeQuery()) {
          return r.next();
        }
      }
    });
  }

  @Override
  public Set<Wallet> all() throws DatabaseException {
    return database.inTransaction("read the bans", c -> {
      Set<Wallet> out = new HashSet<>();
      try (PreparedStatement q = c.prepareStatement("SELECT wallet_address FROM banned"); ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(Wallet.parse(r.getString(1)));
        }
      }
      return Set.copyOf(out);
    });
  }
}
