package org.jmasq.node.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.cores.Payer;
import org.jmasq.cores.PayerProofs;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;

class PayerProofCacheTest {
  private static final PublicKey SELF = key(1);
  private static final PublicKey A = key(0xa);
  private static final PublicKey B = key(0xb);
  private static final PublicKey C = key(0xc);
  private static final Wallet CONSUMING = Wallet.parse("0x" + "cc".repeat(20));

  /** Signs a recognisable fake proof per hop and remembers for whom it signed. */
  private final List<PublicKey> signedFor = new ArrayList<>();

  private final PayerProofs.Signer signer =
      hop -> {
        signedFor.add(hop);
        byte[] r = new byte[32];
        r[0] = hop.bytes()[0];
        return new Payer(CONSUMING, r, new byte[32], 0);
      };

  private static PublicKey key(int b) {
    byte[] bytes = new byte[PublicKey.LENGTH];
    bytes[0] = (byte) b;
    return PublicKey.of(bytes);
  }

  private PayerProofCache cache(int capacity) {
    return new PayerProofCache(SELF, Optional.of(signer), capacity);
  }

  @Test
  void a_proof_is_signed_once_per_hop_node_and_then_remembered() {
    PayerProofCache cache = cache(10);

    Payer first = cache.proofFor(A).orElseThrow();
    Payer again = cache.proofFor(A).orElseThrow();

    assertThat(again).isSameAs(first);
    assertThat(first.r()[0]).isEqualTo((byte) 0xa);
    assertThat(signedFor).containsExactly(A);
  }

  @Test
  void when_full_the_least_recently_used_proof_goes_and_the_others_stay() {
    PayerProofCache cache = cache(2);
    cache.proofFor(A);
    cache.proofFor(B);
    cache.proofFor(A); // B is now the least recently used

    cache.proofFor(C);
    cache.proofFor(A);
    cache.proofFor(C);
    cache.proofFor(B);

    assertThat(signedFor).containsExactly(A, B, C, B);
  }

  @Test
  void this_nodes_own_hops_carry_no_proof() {
    assertThat(cache(10).proofFor(SELF)).isEmpty();
    assertThat(signedFor).isEmpty();
  }

  @Test
  void without_a_consuming_wallet_there_is_no_proof() {
    PayerProofCache cache = new PayerProofCache(SELF, Optional.empty(), 10);

    assertThat(cache.proofFor(A)).isEmpty();
  }

  @Test
  void a_cache_that_remembers_nothing_is_refused() {
    assertThatThrownBy(() -> cache(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity: 0 (expected: >= 1)");
  }
}
