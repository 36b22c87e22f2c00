package org.jmasq.node.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jmasq.node.accountant.ScannerFixture.T0;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.ReceiptStatus;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.BlockchainException;
import org.jmasq.node.database.PendingPayable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The payable and pending-payable scans against a real database and a scripted chain. */
class PaymentScannersTest {
  private static final Wallet ALICE = Wallet.parse("0x" + "a1".repeat(20));
  private static final Wallet BOB = Wallet.parse("0x" + "b2".repeat(20));
  private static final Wei BIG = Wei.ofGwei(2000);

  @TempDir Path dataDirectory;
  private ScannerFixture f;

  @BeforeEach
  void open() throws Exception {
    f = new ScannerFixture(dataDirectory);
    f.chain.pendingCount = 5;
    f.chain.minedCount = 5;
    f.database.payables().addDebt(ALICE, BIG, T0);
    f.database.payables().addDebt(BOB, BIG, T0.plusSeconds(50));
    f.clock.advance(Duration.ofSeconds(500));
  }

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  private PendingPayable only(Wallet creditor) throws Exception {
    return f.database.pendingPayables().all().stream()
        .filter(p -> p.creditor().equals(creditor))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  @Test
  void nothing_due_means_no_call_to_the_chain() throws Exception {
    f.database.payables().markPending(ALICE, 1);
    f.database.payables().markPending(BOB, 2);
    assertThat(f.payables.scan().sent()).isEmpty();
    assertThat(f.chain.calls).isZero();
  }

  @Test
  void due_debts_are_recorded_and_linked_before_one_batch_under_consecutive_nonces_is_sent()
      throws Exception {
    List<Integer> fingerprintsAtSend = new java.util.ArrayList<>();
    f.chain.beforeSend =
        () -> {
          try {
            fingerprintsAtSend.add(f.database.pendingPayables().all().size());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        };
    PayableScanner.Outcome outcome = f.payables.scan();

    assertThat(outcome.sent()).extracting(t -> t.recipient()).containsExactly(ALICE, BOB);
    assertThat(outcome.sent()).extracting(t -> t.nonce()).containsExactly(5L, 6L);
    assertThat(f.chain.sentBatches).hasSize(1);
    assertThat(f.chain.sentBatches.get(0)).hasSize(2);
    assertThat(fingerprintsAtSend).containsExactly(2);
    assertThat(f.database.payables().get(ALICE).orElseThrow().pendingPayableRowid())
        .isEqualTo(OptionalLong.of(only(ALICE).rowid()));
    assertThat(only(ALICE).amount()).isEqualTo(BIG);
  }

  @Test
  void a_debt_with_a_payment_in_flight_is_not_paid_by_the_next_scan() throws Exception {
    f.payables.scan();
    f.clock.advance(Duration.ofSeconds(500));
    assertThat(f.payables.scan().sent()).isEmpty();
    assertThat(f.chain.sentBatches).hasSize(1);
  }

  @Test
  void a_failed_send_keeps_the_fingerprints_so_the_next_scan_pays_nothing_twice() throws Exception {
    f.chain.failSends = true;
    assertThatThrownBy(() -> f.payables.scan()).isInstanceOf(BlockchainException.class);
    assertThat(f.database.pendingPayables().all()).hasSize(2);
    f.chain.failSends = false;
    assertThat(f.payables.scan().sent()).isEmpty();
  }

  @Test
  void with_tokens_for_one_debt_only_the_older_is_paid_and_the_other_waits() throws Exception {
    f.chain.tokenBalance = BIG;
    PayableScanner.Outcome outcome = f.payables.scan();
    assertThat(outcome.sent()).extracting(t -> t.recipient()).containsExactly(ALICE);
    assertThat(outcome.deferred()).containsExactly(BOB);
  }

  @Test
  void a_confirmed_payment_settles_the_debt_once_dated_when_it_was_sent() throws Exception {
    f.payables.scan();
    Instant sent = only(ALICE).sentAt();
    f.chain.receipts.put(only(ALICE).transactionHash(), new ReceiptStatus.Confirmed(1001));
    f.chain.minedCount = 6;
    f.clock.advance(Duration.ofSeconds(30));

    PendingPayableScanner.Outcome outcome = f.pending.scan();

    assertThat(outcome).isEqualTo(new PendingPayableScanner.Outcome(1, 0, 1, 0));
    assertThat(f.database.payables().get(ALICE))
        .contains(new PayableAccount(ALICE, Wei.ZERO, sent));
    assertThat(f.database.pendingPayables().all())
        .extracting(PendingPayable::creditor)
        .containsExactly(BOB);
    assertThat(only(BOB).attempt()).isEqualTo(2);
  }

  @Test
  void a_reverted_payment_frees_the_debt_for_a_new_payment() throws Exception {
    f.payables.scan();
    f.chain.receipts.put(only(ALICE).transactionHash(), new ReceiptStatus.Reverted(1001));
    f.chain.minedCount = 6;
    assertThat(f.pending.scan().failed()).isEqualTo(1);
    assertThat(only(ALICE).processError())
        .hasValueSatisfying(e -> assertThat(e).contains("reverted"));
    assertThat(f.database.payables().get(ALICE).orElseThrow().hasPendingPayment()).isFalse();
    f.chain.pendingCount = 7;
    assertThat(f.payables.scan().sent()).extracting(t -> t.nonce()).containsExactly(7L);
  }

  @Test
  void a_stuck_payment_is_replaced_under_the_same_nonce_and_settled_once_when_either_is_mined()
      throws Exception {
    f.payables.scan();
    PendingPayable original = only(ALICE);
    f.clock.advance(Duration.ofHours(7));

    PendingPayableScanner.Outcome outcome = f.pending.scan();

    assertThat(outcome.replaced()).isEqualTo(2);
    PendingPayable replacement = only(ALICE);
    assertThat(replacement.nonce()).isEqualTo(original.nonce());
    assertThat(replacement.gasPrice()).isEqualTo(Wei.of(1_100_000_000L));
    assertThat(replacement.transactionHash()).isNotEqualTo(original.transactionHash());
    assertThat(f.database.payables().get(ALICE).orElseThrow().pendingPayableRowid())
        .isEqualTo(OptionalLong.of(replacement.rowid()));

    // The original is mined after all: the debt is settled once and both fingerprints go.
    f.chain.receipts.put(original.transactionHash(), new ReceiptStatus.Confirmed(1200));
    f.chain.minedCount = 6;
    f.pending.scan();
    assertThat(f.database.payables().get(ALICE).orElseThrow().balance()).isEqualTo(Wei.ZERO);
    assertThat(f.database.pendingPayables().all())
        .extracting(PendingPayable::creditor)
        .doesNotContain(ALICE);
  }

  @Test
  void a_payment_whose_nonce_another_transaction_took_is_given_up_and_the_debt_freed()
      throws Exception {
    f.chain.failSends = true;
    assertThatThrownBy(() -> f.payables.scan()).isInstanceOf(BlockchainException.class);
    f.chain.failSends = false;
    f.chain.minedCount = 7;
    assertThat(f.pending.scan().failed()).isEqualTo(2);
    assertThat(f.database.payables().get(ALICE).orElseThrow().hasPendingPayment()).isFalse();
    assertThat(f.database.payables().get(ALICE).orElseThrow().balance()).isEqualTo(BIG);
  }
}
