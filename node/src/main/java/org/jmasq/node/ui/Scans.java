package org.jmasq.node.ui;

import java.util.concurrent.CompletableFuture;
import org.jmasq.node.accountant.Accountant;

/** The Accountant's scans, run now at a UI's request ({@code scan}). */
@FunctionalInterface
public interface Scans {
  /**
   * Runs one scan after whatever scan is under way; completes with what it did.
   *
   * @throws Accountant.ScanRefusedException when this Node runs no such scan
   */
  CompletableFuture<String> scanNow(Accountant.ScanKind kind)
      throws Accountant.ScanRefusedException;
}
