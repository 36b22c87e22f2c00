package org.jmasq.node.database;

import org.jmasq.accountant.BannedWallets;
import org.jmasq.identity.Wallet;

/**
 * Bans kept in the database and mirrored in a {@link BannedWallets}: the database is written first,
 * so a crash never leaves memory banning someone the database does not, and the mirror is loaded
 * from the database at startup.
 */
public final class PersistentBans {
  private final BannedDao dao;
  private final BannedWallets mirror;

  private PersistentBans(BannedDao dao, BannedWallets mirror) {
    this.dao = dao;
    this.mirror = mirror;
  }

  /** Loads {@code mirror} from {@code dao} and keeps the two in step from then on. */
  public static PersistentBans load(BannedDao dao, BannedWallets mirror) throws DatabaseException {
    mirror.load(dao.all());
    return new PersistentBans(dao, mirror);
  }

  public void ban(Wallet wallet) throws DatabaseException {
    dao.ban(wallet);
    mirror.ban(wallet);
  }

  public void unban(Wallet wallet) throws DatabaseException {
    dao.unban(wallet);
    mirror.unban(wallet);
  }
}
