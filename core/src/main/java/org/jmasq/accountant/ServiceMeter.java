package org.jmasq.accountant;

import org.jmasq.identity.Wallet;

/**
 * Where a serving Node counts the bytes of service it gives each payer, the same sizes it bills
 * ({@link ProviderCharges}), and asks whether a payer may have more. Called on the data path's
 * threads, so an implementation must be cheap and thread-safe.
 */
public interface ServiceMeter {
  /** {@code payer} was served {@code bytes} more: relayed, or sent or received by the exit. */
  void served(Wallet payer, long bytes);

  /** Whether {@code payer} may be served more; asks nobody, so it never waits. */
  boolean mayServe(Wallet payer);

  /** Counts nothing and serves everyone: a Node that cannot check wallets. */
  ServiceMeter NONE =
      new ServiceMeter() {
        @Override
        public void served(Wallet payer, long bytes) {}

        @Override
        public boolean mayServe(Wallet payer) {
          return true;
        }
      };
}
