package org.jmasq.accountant;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jmasq.identity.Wallet;

/**
 * The wallets this Node refuses to serve, in memory. The Accountant's thread writes it (after the
 * database) and the Hopper's and the exit's threads read it for every payer they check, so it is
 * the one piece of accountant state shared between threads; reads never block.
 */
public final class BannedWallets {
  private final Set<Wallet> banned = ConcurrentHashMap.newKeySet();

  /** Replaces the contents with what the database holds, at startup. */
  public void load(Collection<Wallet> wallets) {
    banned.retainAll(Set.copyOf(wallets));
    banned.addAll(wallets);
  }

  public void ban(Wallet wallet) {
    banned.add(wallet);
  }

  public void unban(Wallet wallet) {
    banned.remove(wallet);
  }

  public boolean isBanned(Wallet wallet) {
    return banned.contains(wallet);
  }

  public Set<Wallet> snapshot() {
    return Set.copyOf(banned);
  }
}
