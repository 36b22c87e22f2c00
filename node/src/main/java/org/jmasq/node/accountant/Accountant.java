package org.jmasq.node.accountant;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.node.blockchain.BlockchainException;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node's Accountant: on one thread ({@code accountant}) it writes the charges that the {@link
 * Ledger} gathered from the data path once per {@code flushEvery}, and once more when it stops, and
 * runs the scans, so a scan never races the charges it pays for. It closes the database when it
 * stops.
 */
public final class Accountant implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Accountant.class);

  private final NodeDatabase database;
  private final Ledger ledger;
  private final ScheduledExecutorService thread;

  public Accountant(NodeDatabase database, Ledger ledger, Duration flushEvery) {
    this.database = database;
    this.ledger = ledger;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("accountant").daemon().unstarted(r));
    long millis = flushEvery.toMillis();
    thread.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
  }

  public Ledger ledger() {
    return ledger;
  }

  /**
   * The scans this Node runs: the payable and pending-payable scans only with a consuming wallet,
   * the receivable scan always (pure relays earn too).
   */
  public record Scans(
      Optional<PayableScanner> payable,
      Optional<PendingPayableScanner> pending,
      ReceivableScanner receivable,
      ScanIntervals intervals) {}

  /** Runs each scan at once and then once per its interval, on the accountant thread. */
  public void startScans(Scans scans) {
    scans.payable().ifPresent(s -> schedule("payable", s::scan, scans.intervals().payable()));
    scans
        .pending()
        .ifPresent(s -> schedule("pending payable", s::scan, scans.intervals().pendingPayable()));
    schedule("receivable", scans.receivable()::scan, scans.intervals().receivable());
  }

  /** One scan, as the scanners expose it. */
  @FunctionalInterface
  private interface Scan {
    Object run() throws DatabaseException, BlockchainException;
  }

  private void schedule(String name, Scan scan, Duration every) {
    thread.scheduleWithFixedDelay(
        () -> {
          // Charges first, so a scan sees every debt up to now.
          flush();
          try {
            log.info("The {} scan: {}", name, scan.run());
          } catch (DatabaseException | BlockchainException | RuntimeException e) {
            log.warn("The {} scan failed: {}", name, e.getMessage());
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void flush() {
    try {
      ledger.flush();
    } catch (DatabaseException | RuntimeException e) {
      log.error("Charges not recorded yet, kept for the next try: {}", e.getMessage());
    }
  }

  /** Records what is left and closes the database. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        // A scan stuck on the chain: interrupt it, so the last flush below does not run beside it.
        thread.shutdownNow();
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
          log.warn("The accountant thread did not stop in time");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
    try {
      database.close();
    } catch (DatabaseException e) {
      log.warn("{}", e.getMessage());
    }
  }
}
