package org.jmasq.node.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.node.accountant.ScannerFixture.T0;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jmasq.accountant.Balance;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinancialsTest {
  private static final Wallet ALICE = Wallet.parse("0x" + "a1".repeat(20));
  private static final Wallet BOB = Wallet.parse("0x" + "b2".repeat(20));
  @TempDir Path dataDirectory;

  @Test
  void totals_rows_ages_and_pending_transactions_come_from_the_database() throws Exception {
    try (ScannerFixture f = new ScannerFixture(dataDirectory)) {
      f.database
          .payables()
          .addDebt(
              ALICE,
              Wei.of(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(3)).divide(BigInteger.TWO)),
              T0);
      f.database.payables().addDebt(BOB, Wei.of(7), T0.plusSeconds(10));
      String hash = "0x" + "ab".repeat(32);
      long rowid = f.database.pendingPayables().record(hash, ALICE, Wei.of(1), 0, Wei.of(1), T0);
      f.database.payables().markPending(ALICE, rowid);
      f.database.receivables().addCharge(BOB, Wei.of(5), T0);
      f.database.receivables().recordPayment(BOB, Wei.of(8), T0.plusSeconds(20));
      f.clock.advance(Duration.ofSeconds(100));

      Financials money = Financials.read(f.database, f.clock);

      assertThat(money.totalPayable()).isEqualTo(Wei.of(new BigInteger("1500000000000000007")));
      assertThat(money.totalReceivable()).isEqualTo(Balance.of(-3));
      assertThat(money.payables())
          .containsExactly(
              new Financials.Row(
                  ALICE,
                  Balance.of(Wei.of(new BigInteger("1500000000000000000"))),
                  100,
                  Optional.of(hash)),
              new Financials.Row(BOB, Balance.of(7), 90, Optional.empty()));
      assertThat(money.payables().get(0).balanceMasq()).isEqualTo("1.5");
      assertThat(money.receivables())
          .containsExactly(new Financials.Row(BOB, Balance.of(-3), 80, Optional.empty()));
      assertThat(money.receivables().get(0).balanceMasq()).isEqualTo("-0.000000000000000003");
    }
  }

  @Test
  void masq_amounts_are_exact_decimals() {
    assertThat(Financials.masq(Balance.ZERO)).isEqualTo("0");
    assertThat(Financials.masq(Balance.of(Wei.MAX)))
        .isEqualTo("170141183460469231731.687303715884105727");
    assertThat(Financials.masq(Balance.of(Wei.of(BigInteger.TEN.pow(18))))).isEqualTo("1");
  }
}
