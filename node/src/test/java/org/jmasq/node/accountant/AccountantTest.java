package org.jmasq.node.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.runtime.ManualRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Accountant on a clock the test moves: when it writes the charges and runs the scans. */
@Timeout(30)
class AccountantTest {
  private static final Wallet ALICE = Wallet.parse("0x" + "a1".repeat(20));
  private static final Duration IDLE = Duration.ofSeconds(10);

  @TempDir Path dataDirectory;
  private final ManualRuntime runtime = new ManualRuntime();

  @AfterEach
  void stop() {
    runtime.close();
  }

  private Optional<Wei> owedToAlice() throws Exception {
    try (NodeDatabase database = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      return database.payables().get(ALICE).map(a -> a.balance());
    }
  }

  private void settle(Duration by) throws InterruptedException {
    runtime.advance(by);
    assertThat(runtime.awaitIdle(IDLE)).as("the accountant's mailbox is idle").isTrue();
  }

  @Test
  void charges_are_written_once_per_flush_period_as_the_clock_moves() throws Exception {
    NodeDatabase database = NodeDatabase.open(dataDirectory, Chain.DEV);
    Ledger ledger = new Ledger(database, runtime.clock());
    Accountant accountant = new Accountant(runtime, database, ledger, Duration.ofSeconds(1));
    ledger.owe(ALICE, Wei.of(3));

    settle(Duration.ofMillis(999));
    assertThat(database.payables().get(ALICE)).as("not before a second has passed").isEmpty();
    settle(Duration.ofMillis(1));
    assertThat(database.payables().get(ALICE).orElseThrow().balance()).isEqualTo(Wei.of(3));

    ledger.owe(ALICE, Wei.of(4));
    settle(Duration.ofSeconds(1));
    assertThat(database.payables().get(ALICE).orElseThrow().balance()).isEqualTo(Wei.of(7));
    accountant.close();
  }

  @Test
  void closing_writes_what_the_ledger_still_holds_and_closes_the_database() throws Exception {
    NodeDatabase database = NodeDatabase.open(dataDirectory, Chain.DEV);
    Ledger ledger = new Ledger(database, runtime.clock());
    Accountant accountant = new Accountant(runtime, database, ledger, Duration.ofSeconds(1));
    ledger.owe(ALICE, Wei.of(5));

    accountant.close();

    assertThatThrownBy(() -> database.payables().get(ALICE))
        .as("the Accountant's database, closed")
        .isInstanceOf(DatabaseException.class)
        .hasMessageEndingWith("database connection closed");
    assertThat(owedToAlice()).contains(Wei.of(5));
  }

  @Test
  void the_receivable_scan_runs_at_once_and_then_once_per_its_interval() throws Exception {
    ScannerFixture fixture = new ScannerFixture(dataDirectory);
    Accountant accountant =
        new Accountant(
            runtime,
            fixture.database,
            new Ledger(fixture.database, runtime.clock()),
            Duration.ofSeconds(1));

    accountant.startScans(
        new Accountant.Scans(
            Optional.empty(), Optional.empty(), fixture.receivables, ScanIntervals.parse("5|6|7")));
    assertThat(runtime.awaitIdle(IDLE)).isTrue();
    int afterFirst = fixture.chain.calls;
    assertThat(afterFirst).as("the first scan asked the chain").isPositive();
    assertThat(accountant.scanResults().counts())
        .as("the first scan counted, ended well")
        .containsExactly(Map.entry(new ScanResults.Key("receivable", ScanResults.Outcome.OK), 1L));

    settle(Duration.ofSeconds(6));
    assertThat(fixture.chain.calls).as("no scan before the interval").isEqualTo(afterFirst);
    settle(Duration.ofSeconds(1));
    assertThat(fixture.chain.calls).as("the second scan").isGreaterThan(afterFirst);
    assertThat(accountant.scanResults().counts().values()).containsExactly(2L);
    accountant.close();
  }

  @Test
  void a_scan_stuck_on_the_chain_is_interrupted_and_the_last_charges_are_still_written()
      throws Exception {
    ScannerFixture fixture = new ScannerFixture(dataDirectory);
    CountDownLatch onTheChain = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    fixture.chain.beforeLatestBlock =
        () -> {
          onTheChain.countDown();
          try {
            new CountDownLatch(1).await(); // a provider that never answers
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw new IllegalStateException("interrupted on the chain", e);
          }
        };
    Ledger ledger = new Ledger(fixture.database, runtime.clock());
    Accountant accountant =
        new Accountant(
            runtime, fixture.database, ledger, Duration.ofSeconds(1), Duration.ofMillis(100));
    accountant.startScans(
        new Accountant.Scans(
            Optional.empty(), Optional.empty(), fixture.receivables, ScanIntervals.parse("5|6|7")));
    assertThat(onTheChain.await(10, TimeUnit.SECONDS)).isTrue();
    ledger.owe(ALICE, Wei.of(9));

    accountant.close();

    assertThat(interrupted.getCount()).as("the scan was interrupted").isZero();
    assertThat(owedToAlice()).contains(Wei.of(9));
  }
}
