package org.jmasq.node.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.node.accountant.ScannerFixture.T0;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;
import org.jmasq.node.runtime.ManualRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Accountant as it stops: what was queued behind its last flush does not run. */
@Timeout(30)
class AccountantShutdownTest {
  private static final Wallet ALICE = Wallet.parse("0x" + "a1".repeat(20));

  @TempDir Path dataDirectory;
  private final ManualRuntime runtime = new ManualRuntime();

  @AfterEach
  void stop() {
    runtime.close();
  }

  @Test
  void a_scan_queued_before_close_does_not_start_during_shutdown() throws Exception {
    ScannerFixture fixture = new ScannerFixture(dataDirectory);
    // A debt the payable scan pays; it then waits on the chain, holding the mailbox.
    fixture.chain.pendingCount = 5;
    fixture.chain.minedCount = 5;
    fixture.database.payables().addDebt(ALICE, Wei.ofGwei(2000), T0);
    fixture.clock.advance(Duration.ofSeconds(500));
    CountDownLatch onTheChain = new CountDownLatch(1);
    fixture.chain.beforeSend =
        () -> {
          onTheChain.countDown();
          try {
            new CountDownLatch(1).await(); // a provider that never answers
          } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted on the chain", e);
          }
        };
    AtomicInteger receivableScans = new AtomicInteger();
    fixture.chain.beforeLatestBlock = receivableScans::incrementAndGet;
    Accountant accountant =
        new Accountant(
            runtime,
            fixture.database,
            new Ledger(fixture.database, runtime.clock()),
            Duration.ofSeconds(1),
            Duration.ofMillis(100));
    accountant.startScans(
        new Accountant.Scans(
            Optional.of(fixture.payables),
            Optional.empty(),
            fixture.receivables,
            ScanIntervals.parse("5|6|7")));
    assertThat(onTheChain.await(10, TimeUnit.SECONDS)).isTrue();

    accountant.close();

    assertThat(receivableScans.get())
        .as("the receivable scan queued behind the payable one never asked the chain")
        .isZero();
  }
}
