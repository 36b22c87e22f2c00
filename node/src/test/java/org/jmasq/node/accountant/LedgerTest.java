package org.jmasq.node.accountant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jmasq.accountant.Balance;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
  private static final Wallet ALICE = Wallet.parse("0x" + "a1".repeat(20));
  private static final Wallet BOB = Wallet.parse("0x" + "b2".repeat(20));
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  @TempDir Path dataDirectory;

  @Test
  void charges_from_many_threads_reach_the_tables_exactly_once() throws Exception {
    try (NodeDatabase database = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      Ledger ledger = new Ledger(database, InstantSource.fixed(T0));
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      for (int i = 0; i < 1000; i++) {
                        ledger.owe(ALICE, Wei.of(3));
                        ledger.earn(BOB, Wei.of(5));
                      }
                    }));
      }
      ledger.flush();
      for (Thread t : threads) {
        t.join();
      }
      ledger.flush();
      ledger.flush();

      assertThat(database.payables().get(ALICE).orElseThrow().balance())
          .isEqualTo(Wei.of(3 * 8000));
      assertThat(database.payables().get(ALICE).orElseThrow().lastPaid()).isEqualTo(T0);
      assertThat(database.receivables().get(BOB).orElseThrow().balance())
          .isEqualTo(Balance.of(5 * 8000));
      assertThat(database.payables().get(BOB)).isEmpty();
    }
  }
}
