package org.jmasq.node.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jmasq.node.accountant.ScannerFixture.T0;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.jmasq.accountant.Balance;
import org.jmasq.accountant.Wei;
import org.jmasq.blockchain.Erc20;
import org.jmasq.blockchain.TransferLogs;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.BlockchainException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receivable scan against a real database and a scripted chain. */
class ReceivableScannerTest {
  private static final Wallet DEBTOR = Wallet.parse("0x" + "d1".repeat(20));
  private static final Wallet STRANGER = Wallet.parse("0x" + "5a".repeat(20));
  private static final byte[] EVENT =
      java.util.HexFormat.of().parseHex(Erc20.TRANSFER_EVENT_TOPIC.substring(2));

  @TempDir Path dataDirectory;
  private ScannerFixture f;

  @BeforeEach
  void open() throws Exception {
    f = new ScannerFixture(dataDirectory);
  }

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  private static TransferLogs.RawLog transfer(Wallet from, Wei amount, long block) {
    byte[] topic = new byte[32];
    System.arraycopy(from.address(), 0, topic, 12, 20);
    byte[] data = new byte[32];
    byte[] value = amount.toBigInteger().toByteArray();
    System.arraycopy(value, 0, data, 32 - value.length, value.length);
    return new TransferLogs.RawLog(
        List.of(EVENT, topic, new byte[32]), data, OptionalLong.of(block));
  }

  @Test
  void transfers_from_debtors_are_credited_strangers_ignored_and_the_start_block_moves_on()
      throws Exception {
    f.database.receivables().addCharge(DEBTOR, Wei.of(9_000), T0);
    f.database.config().set(ReceivableScanner.START_BLOCK, "900");
    f.chain.logAnswers.add(
        List.of(transfer(DEBTOR, Wei.of(4_000), 950), transfer(STRANGER, Wei.of(1), 960)));
    f.clock.advance(Duration.ofSeconds(5));

    ReceivableScanner.Outcome outcome = f.receivables.scan();

    assertThat(f.chain.logQueries)
        .singleElement()
        .satisfies(q -> assertThat(q).containsExactly(900, 1000));
    assertThat(outcome.credited())
        .extracting(TransferLogs.IncomingTransfer::from)
        .containsExactly(DEBTOR);
    assertThat(f.database.receivables().get(DEBTOR).orElseThrow().balance())
        .isEqualTo(Balance.of(5_000));
    assertThat(f.database.receivables().get(DEBTOR).orElseThrow().lastReceived())
        .isEqualTo(T0.plusSeconds(5));
    assertThat(f.database.receivables().get(STRANGER)).isEmpty();
    assertThat(f.database.config().get(ReceivableScanner.START_BLOCK)).contains("1001");
  }

  @Test
  void a_start_block_set_while_the_scan_asks_the_chain_is_not_written_over() throws Exception {
    f.database.config().set(ReceivableScanner.START_BLOCK, "900");
    f.chain.logAnswers.add(List.of(transfer(DEBTOR, Wei.of(1), 950)));
    // A UI sets the start block after the scan has read it.
    f.chain.beforeLatestBlock =
        () -> {
          try {
            ReceivableScanner.setStartBlock(f.database, OptionalLong.of(5));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };

    f.receivables.scan();

    assertThat(f.database.config().get(ReceivableScanner.START_BLOCK)).contains("5");
  }

  @Test
  void an_empty_start_block_scans_from_the_latest_block() throws Exception {
    f.database.config().set(ReceivableScanner.START_BLOCK, "900");
    ReceivableScanner.setStartBlock(f.database, OptionalLong.empty());
    assertThat(f.database.config().get(ReceivableScanner.START_BLOCK)).isEmpty();
    f.chain.logAnswers.add(List.of());

    f.receivables.scan();

    assertThat(f.chain.logQueries)
        .singleElement()
        .satisfies(q -> assertThat(q).containsExactly(1000, 1000));
  }

  @Test
  void a_provider_range_limit_is_kept_and_the_next_scan_asks_for_no_more() throws Exception {
    f.database.config().set(ReceivableScanner.START_BLOCK, "0");
    f.chain.logAnswers.add("eth_getLogs is limited to 100 blocks");
    assertThat(f.receivables.scan().refusal())
        .hasValueSatisfying(r -> assertThat(r).contains("100 blocks"));
    assertThat(f.database.config().get(ReceivableScanner.MAX_BLOCK_COUNT)).contains("100");
    assertThat(f.database.config().get(ReceivableScanner.START_BLOCK)).contains("0");

    f.receivables.scan();
    assertThat(f.chain.logQueries.get(1)).containsExactly(0, 99);
    assertThat(f.database.config().get(ReceivableScanner.START_BLOCK)).contains("100");
  }

  @Test
  void any_other_provider_error_fails_the_scan_and_changes_no_block() throws Exception {
    f.database.config().set(ReceivableScanner.START_BLOCK, "10");
    f.chain.logAnswers.add("429 Too Many Requests");
    assertThatThrownBy(() -> f.receivables.scan())
        .isInstanceOf(BlockchainException.class)
        .hasMessageContaining("429");
    assertThat(f.database.config().get(ReceivableScanner.START_BLOCK)).contains("10");
  }

  @Test
  void a_malformed_answer_credits_nothing_and_keeps_the_start_block() throws Exception {
    f.database.receivables().addCharge(DEBTOR, Wei.of(9_000), T0);
    f.database.config().set(ReceivableScanner.START_BLOCK, "10");
    f.chain.logAnswers.add(
        List.of(
            transfer(DEBTOR, Wei.of(1), 20),
            new TransferLogs.RawLog(List.of(EVENT), new byte[1], OptionalLong.of(21))));
    assertThat(f.receivables.scan().refusal()).isPresent();
    assertThat(f.database.receivables().get(DEBTOR).orElseThrow().balance())
        .isEqualTo(Balance.of(9_000));
    assertThat(f.database.config().get(ReceivableScanner.START_BLOCK)).contains("10");
  }

  @Test
  void a_delinquent_debtor_is_banned_and_served_again_after_it_pays() throws Exception {
    // 2000 gwei owed; 200 s after the last payment only the permanent 500 gwei are tolerated.
    f.database.receivables().addCharge(DEBTOR, Wei.ofGwei(2000), T0);
    f.clock.advance(Duration.ofSeconds(200));
    f.database.config().set(ReceivableScanner.START_BLOCK, "1000");
    f.chain.logAnswers.add(List.of());

    assertThat(f.receivables.scan().banned()).containsExactly(DEBTOR);
    assertThat(f.banList.isBanned(DEBTOR)).isTrue();
    assertThat(f.database.banned().isBanned(DEBTOR)).isTrue();

    f.chain.latestBlock = 1001;
    f.chain.logAnswers.add(List.of(transfer(DEBTOR, Wei.ofGwei(1600), 1001)));
    f.receivables.scan();
    f.chain.latestBlock = 1002;
    ReceivableScanner.Outcome after = f.receivables.scan();

    assertThat(after.unbanned()).containsExactly(DEBTOR);
    assertThat(f.banList.isBanned(DEBTOR)).isFalse();
    assertThat(f.database.banned().all()).isEmpty();
  }
}
