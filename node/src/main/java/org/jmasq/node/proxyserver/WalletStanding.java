package org.jmasq.node.proxyserver;

import java.util.Optional;

/**
 * What this Node knows of how other Nodes treat its consuming wallet. A Node serves a wallet the
 * chain says cannot pay only up to its credit, and then drops its packages without a word, so the
 * originator must tell its own clients why their requests go unanswered.
 */
public interface WalletStanding {
  /**
   * One sentence saying that the consuming wallet cannot pay, when the chain said so; asks the
   * chain again when its answer is old.
   */
  Optional<String> unfunded();

  /**
   * The bytes of service a Node gives a wallet that cannot pay: this Node's own credit, taken to be
   * the network's.
   */
  long credit();

  /** Nothing known: a Node that cannot ask the chain. */
  WalletStanding UNKNOWN =
      new WalletStanding() {
        @Override
        public Optional<String> unfunded() {
          return Optional.empty();
        }

        @Override
        public long credit() {
          return Long.MAX_VALUE;
        }
      };
}
