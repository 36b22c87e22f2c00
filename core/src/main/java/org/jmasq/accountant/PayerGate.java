package org.jmasq.accountant;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jmasq.cores.Payer;
import org.jmasq.cores.PayerProofs;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;

/**
 * Decides whether a relay or an exit serves a package's payer: the proof must be present and valid
 * for this Node, the wallet must not be banned, and, on a Node that can ask the chain, the wallet
 * must be within its {@link PayerCredit} or known to hold funds. A proof is the same bytes for
 * every package of a route, so a valid one is remembered (up to {@code capacity} of them, least
 * recently used out) and costs one secp256k1 recovery per route, not per package. Bans are checked
 * every time, so a ban takes effect on the next package.
 *
 * <p>Called from the Hopper's and the exit's threads; the lock guards only the memo and is never
 * held while a proof is verified.
 */
public final class PayerGate {
  private final PayerProofs proofs;
  private final BannedWallets bans;
  private final PublicKey ownKey;
  private final Map<Payer, Boolean> verified;
  private final Optional<PayerCredit> credit;

  /**
   * A gate that serves any wallet with a valid proof and no ban: a Node that cannot ask the chain.
   */
  public PayerGate(PayerProofs proofs, BannedWallets bans, PublicKey ownKey, int capacity) {
    this(proofs, bans, ownKey, capacity, Optional.empty());
  }

  /** A gate that also holds every wallet to {@code credit}, when given. */
  public PayerGate(
      PayerProofs proofs,
      BannedWallets bans,
      PublicKey ownKey,
      int capacity,
      Optional<PayerCredit> credit) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
    }
    this.proofs = proofs;
    this.bans = bans;
    this.ownKey = ownKey;
    this.credit = credit;
    this.verified =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Payer, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The outcome for one package. */
  public sealed interface Verdict {
    /** Serve, and bill {@code wallet}. */
    record Serve(Wallet wallet) implements Verdict {}

    record Refuse(String reason) implements Verdict {}
  }

  public Verdict check(Optional<Payer> payer) {
    if (payer.isEmpty()) {
      return new Verdict.Refuse("no payer");
    }
    Payer p = payer.get();
    if (bans.isBanned(p.wallet())) {
      return new Verdict.Refuse("payer " + p.wallet() + " is banned");
    }
    boolean known;
    synchronized (verified) {
      known = verified.get(p) != null;
    }
    if (!known) {
      if (!proofs.verifies(p, ownKey)) {
        return new Verdict.Refuse("payer " + p.wallet() + " has no valid proof for this Node");
      }
      synchronized (verified) {
        verified.put(p, Boolean.TRUE);
      }
    }
    // Only after the proof: a forged proof naming someone else's wallet must not use its credit.
    if (credit.isPresent()
        && credit.get().admit(p.wallet()) instanceof PayerCredit.Decision.Refuse r) {
      return new Verdict.Refuse(r.reason());
    }
    return new Verdict.Serve(p.wallet());
  }
}
