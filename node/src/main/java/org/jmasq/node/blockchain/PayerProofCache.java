package org.jmasq.node.blockchain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jmasq.cores.Payer;
import org.jmasq.cores.PayerProofs;
import org.jmasq.crypto.PublicKey;

/**
 * The consuming wallet's proof for each hop Node of this Node's routes, signed once per Node and
 * remembered, since the signature is deterministic. At most {@code capacity} are remembered; when
 * full, the one used least recently goes. There is no proof for this Node's own hops, and none at
 * all without a consuming wallet.
 *
 * <p>Thread-safe: the streams' threads share it. Its lock is never held while signing.
 */
public final class PayerProofCache {
  private final PublicKey self;
  private final Optional<PayerProofs.Signer> signer;
  private final Map<PublicKey, Payer> proofs;

  /**
   * @param self this Node's key: its own hops carry no proof
   * @param signer signs for the consuming wallet; empty when this Node has none
   */
  public PayerProofCache(PublicKey self, Optional<PayerProofs.Signer> signer, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
    }
    this.self = self;
    this.signer = signer;
    this.proofs =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<PublicKey, Payer> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The proof for the hop that the Node with {@code hop} decrypts. */
  public Optional<Payer> proofFor(PublicKey hop) {
    if (signer.isEmpty() || hop.equals(self)) {
      return Optional.empty();
    }
    synchronized (proofs) {
      Payer known = proofs.get(hop);
      if (known != null) {
        return Optional.of(known);
      }
    }
    Payer made = signer.get().sign(hop);
    synchronized (proofs) {
      // Two threads may have signed for the same Node at once; the proofs are equal.
      proofs.putIfAbsent(hop, made);
    }
    return Optional.of(made);
  }
}
