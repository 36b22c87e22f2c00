package org.jmasq.accountant;

import org.jmasq.identity.Wallet;

/**
 * Where the data path reports what each package costs: the originator its debts, a serving Node
 * what it earned. Called on the data path's threads for every package, so an implementation must be
 * cheap and thread-safe; it may record the amounts later, in batches.
 */
public interface ChargeSink {
  /** This Node owes {@code creditor} {@code amount} more. */
  void owe(Wallet creditor, Wei amount);

  /** {@code debtor} owes this Node {@code amount} more. */
  void earn(Wallet debtor, Wei amount);

  /** Records nothing: for zero-hop Nodes, which neither pay nor earn. */
  ChargeSink NONE =
      new ChargeSink() {
        @Override
        public void owe(Wallet creditor, Wei amount) {}

        @Override
        public void earn(Wallet debtor, Wei amount) {}
      };
}
