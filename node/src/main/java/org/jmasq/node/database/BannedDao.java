package org.jmasq.node.database;

import java.util.Set;
import org.jmasq.identity.Wallet;

/** The delinquent wallets this Node refuses to serve. */
public interface BannedDao {
  void ban(Wallet wallet) throws DatabaseException;

  void unban(Wallet wallet) throws DatabaseException;

  boolean isBanned(Wallet wallet) throws DatabaseException;

  Set<Wallet> all() throws DatabaseException;
}
