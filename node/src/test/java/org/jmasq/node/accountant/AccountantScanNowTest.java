package org.jmasq.node.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.node.runtime.Mailbox;
import org.jmasq.node.runtime.ManualRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A scan a UI asks for: run now on the scans' mailbox, or refused with the reason. */
@Timeout(30)
class AccountantScanNowTest {
  @TempDir Path dataDirectory;
  private final ManualRuntime runtime = new ManualRuntime();

  @AfterEach
  void stop() {
    runtime.close();
  }

  private Accountant accountant(ScannerFixture fixture) {
    return new Accountant(
        runtime,
        fixture.database,
        new Ledger(fixture.database, runtime.clock()),
        Duration.ofSeconds(1),
        Duration.ofMillis(100));
  }

  /** An Accountant whose receivable scan has started and run once. */
  private Accountant scanningReceivables(ScannerFixture fixture) throws InterruptedException {
    Accountant accountant = accountant(fixture);
    accountant.startScans(
        new Accountant.Scans(
            Optional.empty(), Optional.empty(), fixture.receivables, ScanIntervals.DEFAULT));
    assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
    return accountant;
  }

  @Test
  void a_receivable_scan_asked_for_runs_at_once_and_completes_with_its_outcome() throws Exception {
    ScannerFixture fixture = new ScannerFixture(dataDirectory);
    AtomicInteger asked = new AtomicInteger();
    fixture.chain.beforeLatestBlock = asked::incrementAndGet;
    Accountant accountant = scanningReceivables(fixture);
    int atStart = asked.get();

    String outcome = accountant.scanNow(Accountant.ScanKind.RECEIVABLES).get(10, TimeUnit.SECONDS);

    assertThat(asked.get()).isEqualTo(atStart + 1);
    assertThat(outcome).isNotBlank();
    accountant.close();
  }

  @Test
  void a_scan_that_fails_fails_the_answer_with_its_reason() throws Exception {
    ScannerFixture fixture = new ScannerFixture(dataDirectory);
    Accountant accountant = scanningReceivables(fixture);
    fixture.chain.beforeLatestBlock =
        () -> {
          throw new IllegalStateException("provider gone");
        };

    assertThatThrownBy(
            () -> accountant.scanNow(Accountant.ScanKind.RECEIVABLES).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("provider gone");
    accountant.close();
  }

  @Test
  void a_scan_asked_for_when_the_scans_mailbox_is_full_is_refused_saying_so() throws Exception {
    ScannerFixture fixture = new ScannerFixture(dataDirectory);
    Accountant accountant = scanningReceivables(fixture);
    CountDownLatch release = new CountDownLatch(1);
    fixture.chain.beforeLatestBlock =
        () -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };

    try {
      assertThatThrownBy(
              () -> {
                for (int i = 0; i <= Mailbox.DEFAULT_CAPACITY + 1; i++) {
                  accountant.scanNow(Accountant.ScanKind.RECEIVABLES);
                }
              })
          .isInstanceOf(Accountant.ScanRefusedException.class)
          .hasMessageContaining("already waiting");
    } finally {
      // The running scan first, so that the close does not wait on it.
      release.countDown();
      accountant.close();
    }
  }

  @Test
  void scans_this_node_does_not_run_are_refused() throws Exception {
    ScannerFixture fixture = new ScannerFixture(dataDirectory);
    Accountant accountant = accountant(fixture);
    assertThatThrownBy(() -> accountant.scanNow(Accountant.ScanKind.RECEIVABLES))
        .isInstanceOf(Accountant.ScanRefusedException.class)
        .hasMessageContaining("without --blockchain-service-url");
    accountant.startScans(
        new Accountant.Scans(
            Optional.empty(), Optional.empty(), fixture.receivables, ScanIntervals.DEFAULT));
    assertThatThrownBy(() -> accountant.scanNow(Accountant.ScanKind.PAYABLES))
        .isInstanceOf(Accountant.ScanRefusedException.class)
        .hasMessageContaining("no payable scan: it has no consuming wallet");
    assertThatThrownBy(() -> accountant.scanNow(Accountant.ScanKind.PENDING_PAYABLES))
        .isInstanceOf(Accountant.ScanRefusedException.class)
        .hasMessageContaining("no pending payable scan");
    accountant.close();
    assertThatThrownBy(() -> accountant.scanNow(Accountant.ScanKind.RECEIVABLES))
        .isInstanceOf(Accountant.ScanRefusedException.class)
        .hasMessageContaining("stopping");
  }
}
