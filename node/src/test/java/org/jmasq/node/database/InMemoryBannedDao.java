package org.jmasq.node.database;

import java.util.HashSet;
import java.util.Set;
import org.jmasq.identity.Wallet;

/** A {@link BannedDao} in a set, for tests of the code that uses one. */
final class InMemoryBannedDao implements BannedDao {
  private final Set<Wallet> banned = new HashSet<>();

  @Override
  public void ban(Wallet wallet) {
    banned.add(wallet);
  }

  @Override
  public void unban(Wallet wallet) {
    banned.remove(wallet);
  }

  @Override
  public boolean isBanned(Wallet wallet) {
    return banned.contains(wallet);
  }

  @Override
  public Set<Wallet> all() {
    return Set.copyOf(banned);
  }
}
