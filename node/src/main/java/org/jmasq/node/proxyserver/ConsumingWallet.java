package org.jmasq.node.proxyserver;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.jmasq.node.hopper.Transmitter;

/**
 * This Node's consuming wallet as its own streams use it: whether there is one, and, once the chain
 * says it cannot pay, whether the streams have used the credit other Nodes give such a wallet. It
 * counts the bytes of every package the streams send and get back, which is at least what any one
 * Node of their routes counts against the wallet. Thread-safe.
 */
final class ConsumingWallet {
  private final Optional<WalletStanding> standing;
  private final LongAdder used = new LongAdder();

  /** {@code standing}: the wallet's, or empty for a Node without a consuming wallet. */
  ConsumingWallet(Optional<WalletStanding> standing) {
    this.standing = standing;
  }

  boolean isMissing() {
    return standing.isEmpty();
  }

  /** A package of this Node's streams of {@code bytes} came back. */
  void used(long bytes) {
    used.add(bytes);
  }

  /** Sends through {@code transmitter}, counting each package that goes out. */
  Transmitter counting(Transmitter transmitter) {
    return incipient -> {
      used.add(incipient.payload().length);
      transmitter.transmit(incipient);
    };
  }

  /**
   * Why no stream may go on: the wallet cannot pay and the streams used the credit; empty while
   * they may. Asks about the wallet first, so that the chain's answer is in long before the credit
   * is used.
   */
  Optional<String> usedUp() {
    return standing.flatMap(w -> w.unfunded().filter(why -> used.sum() >= w.credit()));
  }

  /**
   * {@code failure}, or the refusal of a wallet the chain said cannot pay: the Nodes drop its
   * packages without a word, so a stream that was never answered is told why.
   */
  StreamFailure explain(StreamFailure failure) {
    return standing
        .flatMap(WalletStanding::unfunded)
        .map(why -> refusal(failure.host(), why))
        .orElse(failure);
  }

  /** What a stream to {@code host} is told when the wallet cannot pay. */
  static StreamFailure refusal(String host, String why) {
    return new StreamFailure(StreamFailure.Kind.CONSUMING_WALLET_UNFUNDED, host, why);
  }
}
