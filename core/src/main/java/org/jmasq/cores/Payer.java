package org.jmasq.cores;

import org.jmasq.identity.Wallet;

/**
 * The consuming wallet and its proof for one hop: a recoverable secp256k1 signature over
 * Keccak-256(hop Node's public key ‖ chain contract address), so the hop's Node can check that the
 * sender controls the wallet it promises to pay from.
 */
public record Payer(Wallet wallet, byte[] r, byte[] s, int v) {
  static final int ENCODED_LENGTH = Wallet.LENGTH + 32 + 32 + 1;

  public Payer {
    if (wallet == null) {
      throw new IllegalArgumentException("wallet: null");
    }
    if (r.length != 32 || s.length != 32) {
      throw new IllegalArgumentException("proof r and s must be 32 bytes each");
    }
    if (v < 0 || v > 1) {
      throw new IllegalArgumentException("proof v: " + v + " (expected: recovery id 0 or 1)");
    }
    r = r.clone();
    s = s.clone();
  }

  @Override
  public byte[] r() {
    return r.clone();
  }

  @Override
  public byte[] s() {
    return s.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Payer p
        && wallet.equals(p.wallet)
        && java.util.Arrays.equals(r, p.r)
        && java.util.Arrays.equals(s, p.s)
        && v == p.v;
  }

  @Override
  public int hashCode() {
    return wallet.hashCode() * 31 + java.util.Arrays.hashCode(r) + v;
  }

  @Override
  public String toString() {
    return "Payer[" + wallet + "]";
  }
}
