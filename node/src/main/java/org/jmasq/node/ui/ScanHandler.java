package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jmasq.node.accountant.Accountant;

/**
 * {@code scan}: {@code {scanType: "Payables" | "PendingPayables" | "Receivables"}} → {@code {}}
 * once the Accountant has run that scan. A scan this Node cannot run (no chain, no consuming
 * wallet, a zero-hop Node), or that failed, is the reference's {@link UiErrors#SCAN_ERROR}.
 */
final class ScanHandler implements UiHandler {
  /** A scan makes a few chain calls of at most 30 s each; past this the UI is told it runs on. */
  static final Duration PATIENCE = Duration.ofSeconds(120);

  private final Optional<Scans> scans;
  private final Duration patience;

  ScanHandler(Optional<Scans> scans, Duration patience) {
    this.scans = scans;
    this.patience = patience;
  }

  @Override
  public UiAnswer handle(ObjectNode request) {
    // The reference's code names the field scanType; its documentation says name.
    JsonNode type = request.has("scanType") ? request.get("scanType") : request.get("name");
    Accountant.ScanKind kind;
    switch (type == null ? "" : type.asText()) {
      case "Payables" -> kind = Accountant.ScanKind.PAYABLES;
      case "PendingPayables" -> kind = Accountant.ScanKind.PENDING_PAYABLES;
      case "Receivables" -> kind = Accountant.ScanKind.RECEIVABLES;
      default -> {
        return UiAnswer.failed(
            UiErrors.UNMARSHAL_ERROR,
            "scanType: "
                + (type == null ? "missing" : type.toString())
                + " (expected: Payables, PendingPayables or Receivables)");
      }
    }
    if (scans.isEmpty()) {
      return UiAnswer.failed(
          UiErrors.SCAN_ERROR, "a zero-hop Node neither pays nor earns: it runs no scans");
    }
    CompletableFuture<String> done;
    try {
      done = scans.get().scanNow(kind);
    } catch (Accountant.ScanRefusedException e) {
      return UiAnswer.failed(UiErrors.SCAN_ERROR, e.getMessage());
    }
    try {
      done.get(patience.toMillis(), TimeUnit.MILLISECONDS);
      return UiAnswer.ok(UiAnswer.object());
    } catch (ExecutionException e) {
      return UiAnswer.failed(UiErrors.SCAN_ERROR, "the scan failed: " + why(e.getCause()));
    } catch (TimeoutException e) {
      return UiAnswer.failed(
          UiErrors.SCAN_ERROR,
          "the scan is still running after " + patience.toSeconds() + " s; its outcome is logged");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UiAnswer.failed(UiErrors.SCAN_ERROR, "the Node is stopping");
    }
  }

  /** What went wrong, also for an exception that carries no message (a NullPointerException). */
  static String why(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
