package org.jmasq.cores;

import org.jmasq.crypto.PublicKey;

/**
 * Checks the proof of paying wallet that a hop carries: that whoever built the route controls the
 * wallet it names, shown to this Node and on this Node's chain only. The Hopper verifies once per
 * stream or route, not per package, because secp256k1 recovery costs about a millisecond.
 *
 * <p>Implementations live outside core (they need a secp256k1 library) and are bound to one chain.
 */
public interface PayerProofs {
  /**
   * True when {@code payer}'s signature recovers to its wallet over the digest for {@code ownKey}
   * on this chain. Never throws for a malformed or forged proof; it answers false.
   */
  boolean verifies(Payer payer, PublicKey ownKey);

  /**
   * Makes proofs with one consuming wallet's private key, for the hops of the routes it pays for.
   */
  interface Signer {
    /** The proof for the hop that the Node with {@code hopKey} decrypts. */
    Payer sign(PublicKey hopKey);
  }
}
