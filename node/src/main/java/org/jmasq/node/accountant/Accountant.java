package org.jmasq.node.accountant;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.node.blockchain.BlockchainException;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.runtime.Cancellable;
import org.jmasq.node.runtime.Mailbox;
import org.jmasq.node.runtime.MailboxFullException;
import org.jmasq.node.runtime.NodeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node's Accountant: on its mailbox ({@code accountant}) it writes the charges that the {@link
 * Ledger} gathered from the data path once per {@code flushEvery}, and once more when it stops; on
 * a second mailbox ({@code accountant-scans}) it runs the scans, each after a flush of its own, so
 * a scan never races the charges it pays for. It closes the database when it stops.
 *
 * <p>Threading: the runtime's timers only post work to the mailboxes. The scans wait on the chain,
 * and a chain call may take its whole deadline; they have their own thread so that the charges
 * still reach the database meanwhile (both threads share the database under its lock, which no
 * chain call holds). A periodic job that is still queued or running when its next turn comes skips
 * that turn, so a slow chain never piles up scans. Once {@link #close} has begun, a job whose turn
 * comes does nothing: no payment starts during shutdown, and nothing touches the database after its
 * last flush has closed it.
 */
public final class Accountant implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Accountant.class);

  /** How long {@link #close} waits for a scan before it interrupts it, and then for the rest. */
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

  private static final Duration STOP_AFTER_INTERRUPT = Duration.ofSeconds(5);

  private final NodeRuntime runtime;
  private final NodeDatabase database;
  private final Ledger ledger;
  private final Mailbox books;
  private final Duration stopPatience;
  private final List<Cancellable> timers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ScanResults results = new ScanResults();
  private volatile boolean closing;

  /** The scans' mailbox, made when the scans start: a Node without a chain has no such thread. */
  private Mailbox scans;

  /** The scanners, once started: what {@link #scanNow} may run. */
  private volatile Scans scanners;

  /** The thread of the scan now running, so that a stop can interrupt a scan stuck on the chain. */
  private Thread scanning;

  public Accountant(
      NodeRuntime runtime, NodeDatabase database, Ledger ledger, Duration flushEvery) {
    this(runtime, database, ledger, flushEvery, STOP_PATIENCE);
  }

  Accountant(
      NodeRuntime runtime,
      NodeDatabase database,
      Ledger ledger,
      Duration flushEvery,
      Duration stopPatience) {
    this.runtime = runtime;
    this.database = database;
    this.ledger = ledger;
    this.stopPatience = stopPatience;
    this.books = runtime.mailbox("accountant");
    timers.add(runtime.scheduleAtFixedRate(flushEvery, new Job(books, this::flush)));
  }

  /** How the scans have ended so far. */
  public ScanResults scanResults() {
    return results;
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

  /** Runs each scan at once and then once per its interval, on the scans' mailbox. */
  public void startScans(Scans scans) {
    Mailbox mailbox;
    synchronized (this) {
      if (this.scans != null) {
        throw new IllegalStateException("the scans have started already");
      }
      mailbox = runtime.mailbox("accountant-scans");
      this.scans = mailbox;
      this.scanners = scans;
    }
    scans
        .payable()
        .ifPresent(s -> schedule(mailbox, "payable", s::scan, scans.intervals().payable()));
    scans
        .pending()
        .ifPresent(
            s -> schedule(mailbox, "pending payable", s::scan, scans.intervals().pendingPayable()));
    schedule(mailbox, "receivable", scans.receivable()::scan, scans.intervals().receivable());
  }

  /** The scans a UI may ask for, as the reference's {@code scan} names them. */
  public enum ScanKind {
    PAYABLES("payable"),
    PENDING_PAYABLES("pending payable"),
    RECEIVABLES("receivable");

    private final String logName;

    ScanKind(String logName) {
      this.logName = logName;
    }
  }

  /** Why {@link #scanNow} cannot run a scan: this Node does not run it, or is stopping. */
  public static final class ScanRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScanRefusedException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Runs one scan now, on the scans' mailbox after whatever scan is running or queued, and
   * completes with what it did (or fails with why it could not). The periodic scans keep their
   * times.
   *
   * @throws ScanRefusedException when this Node runs no such scan (no chain, or no consuming wallet
   *     for the payable ones), or is stopping
   */
  public CompletableFuture<String> scanNow(ScanKind kind) throws ScanRefusedException {
    Scans started = scanners;
    Mailbox mailbox;
    synchronized (this) {
      mailbox = scans;
    }
    if (started == null || mailbox == null) {
      throw new ScanRefusedException(
          "this Node runs no scans: it was started without --blockchain-service-url");
    }
    Optional<Scan> scan =
        switch (kind) {
          case PAYABLES -> started.payable().map(s -> (Scan) s::scan);
          case PENDING_PAYABLES -> started.pending().map(s -> (Scan) s::scan);
          case RECEIVABLES -> Optional.of(started.receivable()::scan);
        };
    if (scan.isEmpty()) {
      throw new ScanRefusedException(
          "this Node runs no " + kind.logName + " scan: it has no consuming wallet");
    }
    if (closing) {
      throw new ScanRefusedException("the Node is stopping");
    }
    try {
      return mailbox.ask(
          () -> {
            if (closing) {
              throw new ScanRefusedException("the Node is stopping");
            }
            return scanOnce(kind.logName, scan.get());
          });
    } catch (MailboxFullException e) {
      throw new ScanRefusedException(
          "as many scans as the Node keeps are already waiting; try again once they are done");
    } catch (RejectedExecutionException e) {
      throw new ScanRefusedException("the Node is stopping");
    }
  }

  /** One scan, as the scanners expose it. */
  @FunctionalInterface
  private interface Scan {
    Object run() throws DatabaseException, BlockchainException;
  }

  private void schedule(Mailbox mailbox, String name, Scan scan, Duration every) {
    Job job = new Job(mailbox, () -> runScan(name, scan));
    job.run();
    timers.add(runtime.scheduleAtFixedRate(every, job));
  }

  private void runScan(String name, Scan scan) {
    try {
      scanOnce(name, scan);
    } catch (DatabaseException | BlockchainException | RuntimeException e) {
      log.warn("The {} scan failed: {}", name, e.getMessage() != null ? e.getMessage() : e);
    }
  }

  /** One scan on the scans' mailbox, after a flush; what it did, or why it failed. */
  private String scanOnce(String name, Scan scan) throws DatabaseException, BlockchainException {
    // Charges first, so a scan sees every debt up to now.
    flush();
    synchronized (this) {
      scanning = Thread.currentThread();
    }
    try {
      String outcome = String.valueOf(scan.run());
      log.info("The {} scan: {}", name, outcome);
      results.ended(name, ScanResults.Outcome.OK);
      return outcome;
    } catch (DatabaseException | BlockchainException | RuntimeException e) {
      results.ended(name, ScanResults.Outcome.FAILED);
      throw e;
    } finally {
      synchronized (this) {
        scanning = null;
        // An interrupt meant for this scan must not reach the next task on the mailbox.
        Thread.interrupted();
      }
    }
  }

  private void flush() {
    try {
      ledger.flush();
    } catch (DatabaseException | RuntimeException e) {
      log.error("Charges not recorded yet, kept for the next try: {}", e.getMessage());
    }
  }

  /** The last flush and the database's close; runs once, wherever it runs first. */
  private Void stop() {
    if (stopped.compareAndSet(false, true)) {
      flush();
      try {
        database.close();
      } catch (DatabaseException e) {
        log.warn("{}", e.getMessage());
      }
    }
    return null;
  }

  /**
   * Records what is left and closes the database. A scan still running may finish first; one stuck
   * on the chain past the patience is interrupted, and the last flush and the close follow on the
   * Accountant's mailbox whatever the scan does.
   */
  @Override
  public void close() {
    closing = true;
    timers.forEach(Cancellable::cancel);
    Mailbox scanMailbox;
    synchronized (this) {
      scanMailbox = scans;
    }
    if (scanMailbox != null) {
      // Only a scan that has begun is waited for: a queued one sees closing and does nothing.
      if (!awaitStop(askOrFail(scanMailbox, () -> null), stopPatience)) {
        interruptScan();
        if (!awaitStop(askOrFail(scanMailbox, () -> null), STOP_AFTER_INTERRUPT)) {
          log.warn("A scan stuck on the chain did not stop in time; closing the books anyway");
        }
      }
      scanMailbox.close();
    }
    if (!awaitStop(askOrFail(books, this::stop), stopPatience)) {
      log.warn("The accountant thread did not stop in time");
    }
    books.close();
    // Only if the mailbox never got to it: its thread is gone or stuck, and must not flush later.
    stop();
  }

  private synchronized void interruptScan() {
    if (scanning != null) {
      scanning.interrupt();
    }
  }

  private static CompletableFuture<Void> askOrFail(Mailbox mailbox, Callable<Void> question) {
    try {
      return mailbox.ask(question);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static boolean awaitStop(CompletableFuture<Void> last, Duration limit) {
    try {
      last.get(limit.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** A periodic job that skips its turn while its previous turn is still queued or running. */
  private final class Job implements Runnable {
    private final Mailbox mailbox;
    private final Runnable work;
    private final AtomicBoolean pending = new AtomicBoolean();

    Job(Mailbox mailbox, Runnable work) {
      this.mailbox = mailbox;
      this.work = work;
    }

    @Override
    public void run() {
      if (!pending.compareAndSet(false, true)) {
        return;
      }
      try {
        mailbox.execute(
            () -> {
              try {
                // Queued before close, or posted by a timer racing it: the last flush covers it.
                if (!closing) {
                  work.run();
                }
              } finally {
                pending.set(false);
              }
            });
      } catch (RejectedExecutionException e) {
        // The Accountant is stopping: its last flush is queued or done.
        pending.set(false);
      }
    }
  }
}
