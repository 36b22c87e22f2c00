package org.jmasq.node.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jmasq.accountant.BannedWallets;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentBansTest {
  private static final Wallet DEBTOR = Wallet.parse("0x" + "dd".repeat(20));
  private static final Wallet OTHER = Wallet.parse("0x" + "ee".repeat(20));
  @TempDir Path dataDirectory;

  @Test
  void bans_survive_a_restart_and_the_memory_mirror_follows_the_database() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      BannedWallets memory = new BannedWallets();
      PersistentBans bans = PersistentBans.load(db.banned(), memory);
      bans.ban(DEBTOR);
      bans.ban(OTHER);
      bans.unban(OTHER);
      assertThat(memory.isBanned(DEBTOR)).isTrue();
      assertThat(memory.isBanned(OTHER)).isFalse();
    }
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      BannedWallets memory = new BannedWallets();
      memory.ban(OTHER);
      PersistentBans.load(db.banned(), memory);
      assertThat(memory.snapshot()).containsExactly(DEBTOR);
    }
  }

  @Test
  void the_in_memory_fake_serves_the_same_way() throws Exception {
    BannedWallets memory = new BannedWallets();
    PersistentBans bans = PersistentBans.load(new InMemoryBannedDao(), memory);
    bans.ban(DEBTOR);
    assertThat(memory.snapshot()).containsExactly(DEBTOR);
  }
}
