package org.jmasq.accountant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jmasq.cores.Payer;
import org.jmasq.cores.PayerProofs;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

class PayerGateTest {
  private static final PublicKey ME = PublicKey.of(new byte[64]);
  private static final Wallet PAYER = Wallet.parse("0x" + "aa".repeat(20));
  private static final Wallet OWN = Wallet.parse("0x" + "cc".repeat(20));

  /** Proofs whose first r byte says whether they are valid; records every verification. */
  private static final class RecordingProofs implements PayerProofs {
    final List<Payer> checked = new ArrayList<>();

    @Override
    public boolean verifies(Payer payer, PublicKey ownKey) {
      checked.add(payer);
      return payer.r()[0] == 1;
    }
  }

  private static Payer proof(int valid, int salt) {
    byte[] r = new byte[32];
    r[0] = (byte) valid;
    r[1] = (byte) salt;
    return new Payer(PAYER, r, new byte[32], 0);
  }

  private final RecordingProofs proofs = new RecordingProofs();
  private final BannedWallets bans = new BannedWallets();
  private final PayerGate gate = new PayerGate(proofs, bans, ME, 2);

  @Test
  void a_valid_proof_is_served_and_verified_once_for_all_the_packages_of_a_route() {
    for (int i = 0; i < 5; i++) {
      assertThat(gate.check(Optional.of(proof(1, 0))))
          .isEqualTo(new PayerGate.Verdict.Serve(PAYER));
    }
    assertThat(proofs.checked).hasSize(1);
  }

  @Test
  void a_missing_or_invalid_proof_is_refused_every_time() {
    assertThat(gate.check(Optional.empty())).isEqualTo(new PayerGate.Verdict.Refuse("no payer"));
    assertThat(gate.check(Optional.of(proof(0, 0)))).isInstanceOf(PayerGate.Verdict.Refuse.class);
    assertThat(gate.check(Optional.of(proof(0, 0)))).isInstanceOf(PayerGate.Verdict.Refuse.class);
    assertThat(proofs.checked).hasSize(2);
  }

  @Test
  void a_ban_refuses_even_a_remembered_proof_and_an_unban_serves_it_again() {
    gate.check(Optional.of(proof(1, 0)));
    bans.ban(PAYER);
    assertThat(gate.check(Optional.of(proof(1, 0))))
        .isEqualTo(new PayerGate.Verdict.Refuse("payer " + PAYER + " is banned"));
    bans.unban(PAYER);
    assertThat(gate.check(Optional.of(proof(1, 0)))).isEqualTo(new PayerGate.Verdict.Serve(PAYER));
  }

  @Test
  void the_memo_forgets_the_least_recently_used_proof_beyond_its_capacity() {
    gate.check(Optional.of(proof(1, 1)));
    gate.check(Optional.of(proof(1, 2)));
    gate.check(Optional.of(proof(1, 3)));
    gate.check(Optional.of(proof(1, 3)));
    gate.check(Optional.of(proof(1, 1)));
    assertThat(proofs.checked).hasSize(4);
  }

  private final List<Wallet> asked = new ArrayList<>();
  private final PayerCredit credit =
      new PayerCredit(
          PayerCredit.Terms.withCredit(100),
          new ManualClock(Instant.EPOCH),
          (wallet, answers) -> asked.add(wallet));
  private final PayerGate creditGate = new PayerGate(proofs, bans, ME, 2, Optional.of(credit));
  private final ProviderCharges charges =
      new ProviderCharges(RatePack.DEFAULT, Set.of(OWN), ChargeSink.NONE, credit);

  @Test
  void past_its_credit_a_payer_with_a_valid_proof_is_refused_for_the_credits_reason() {
    assertThat(creditGate.check(Optional.of(proof(1, 0))))
        .isEqualTo(new PayerGate.Verdict.Serve(PAYER));
    charges.relayed(PAYER, 60);
    charges.exited(PAYER, 40);

    PayerGate.Verdict verdict = creditGate.check(Optional.of(proof(1, 0)));

    assertThat(verdict).isInstanceOf(PayerGate.Verdict.Refuse.class);
    assertThat(((PayerGate.Verdict.Refuse) verdict).reason()).contains("used its credit");
    assertThat(charges.mayServe(PAYER)).isFalse();
    assertThat(asked).containsExactly(PAYER);
  }

  @Test
  void a_forged_or_banned_payer_uses_no_credit_and_asks_the_chain_nothing() {
    charges.relayed(PAYER, 100);
    bans.ban(PAYER);

    creditGate.check(Optional.of(proof(1, 0)));
    bans.unban(PAYER);
    creditGate.check(Optional.of(proof(0, 0)));

    assertThat(asked).isEmpty();
  }

  @Test
  void service_to_this_nodes_own_wallets_is_not_counted() {
    charges.relayed(OWN, 1000);

    assertThat(charges.mayServe(OWN)).isTrue();
    assertThat(credit.mayServe(OWN)).isTrue();
  }

  @Test
  void without_a_credit_the_gate_serves_any_valid_unbanned_payer_however_much_it_used() {
    new ProviderCharges(RatePack.DEFAULT, Set.of(), ChargeSink.NONE).relayed(PAYER, 1L << 40);

    assertThat(gate.check(Optional.of(proof(1, 0)))).isEqualTo(new PayerGate.Verdict.Serve(PAYER));
  }
}
