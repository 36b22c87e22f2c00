package org.jmasq.blockchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;

class ReceivableScanTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] EVENT = HEX.parseHex(Erc20.TRANSFER_EVENT_TOPIC.substring(2));
  private static final Wallet PAYER = Wallet.parse("0x" + "ab".repeat(20));

  private static byte[] padded(Wallet w) {
    byte[] t = new byte[32];
    System.arraycopy(w.address(), 0, t, 12, 20);
    return t;
  }

  private static TransferLogs.RawLog log(byte[] data, long block) {
    return new TransferLogs.RawLog(
        List.of(EVENT, padded(PAYER), new byte[32]), data, OptionalLong.of(block));
  }

  @Test
  void a_scan_with_no_start_block_starts_at_the_latest_block() {
    assertThat(ScanWindow.of(OptionalLong.empty(), 500, OptionalLong.empty()))
        .contains(new ScanWindow(500, 500));
  }

  @Test
  void a_known_provider_limit_cuts_the_window_and_the_next_scan_starts_after_it() {
    ScanWindow w =
        ScanWindow.of(OptionalLong.of(1000), 1_000_000, OptionalLong.of(100_000)).orElseThrow();
    assertThat(w).isEqualTo(new ScanWindow(1000, 100_999));
    assertThat(w.nextStartBlock()).isEqualTo(101_000);
    assertThat(ScanWindow.of(OptionalLong.of(1000), 1500, OptionalLong.of(100_000)))
        .contains(new ScanWindow(1000, 1500));
  }

  @Test
  void a_start_block_beyond_the_latest_block_means_nothing_to_scan() {
    assertThat(ScanWindow.of(OptionalLong.of(1001), 1000, OptionalLong.empty()))
        .isEqualTo(Optional.empty());
  }

  @Test
  void provider_refusals_state_their_block_range_limits_in_many_words() {
    assertThat(
            BlockRangeLimit.fromError(
                "query returned more than 10000 results. Try with this block range [0x1, 0x2]. max: 7500"))
        .hasValue(7500);
    assertThat(
            BlockRangeLimit.fromError(
                "eth_getLogs block range too large, range: 20000, allowed for your plan: 2000"))
        .hasValue(2000);
    assertThat(BlockRangeLimit.fromError("Block range is limited to 3500 blocks")).hasValue(3500);
    assertThat(BlockRangeLimit.fromError("Block range limit (1000) exceeded")).hasValue(1000);
    assertThat(BlockRangeLimit.fromError("requested range exceeds max block range 5000"))
        .hasValue(5000);
    assertThat(BlockRangeLimit.fromError("the maximum allowed is 800 blocks")).hasValue(800);
    assertThat(BlockRangeLimit.fromError("Expected batch, got single.")).hasValue(1000);
    assertThat(BlockRangeLimit.fromError("429 Too Many Requests")).isEmpty();
    assertThat(BlockRangeLimit.fromError("max: 99999999999999999999999")).isEmpty();
    assertThat(BlockRangeLimit.fromError(null)).isEmpty();
  }

  @Test
  void transfer_logs_become_payments_from_the_sender_in_topic_one() {
    TransferLogs.Result r =
        TransferLogs.decode(
            List.of(log(HEX.parseHex("0de0b6b3a7640000"), 2000), log(new byte[0], 2001)));
    assertThat(r).isInstanceOf(TransferLogs.Decoded.class);
    TransferLogs.Decoded d = (TransferLogs.Decoded) r;
    assertThat(d.transfers())
        .containsExactly(
            new TransferLogs.IncomingTransfer(PAYER, Wei.of(BigInteger.TEN.pow(18)), 2000),
            new TransferLogs.IncomingTransfer(PAYER, Wei.ZERO, 2001));
    assertThat(d.highestBlock()).hasValue(2001);
  }

  @Test
  void one_malformed_log_refuses_the_whole_answer() {
    TransferLogs.RawLog good = log(new byte[] {1}, 1);
    assertThat(
            TransferLogs.decode(
                List.of(
                    good,
                    new TransferLogs.RawLog(List.of(EVENT), new byte[1], OptionalLong.of(1)))))
        .isEqualTo(new TransferLogs.Refused("log 1: 1 topics (expected: at least 2)"));
    assertThat(TransferLogs.decode(List.of(good, log(new byte[33], 1))))
        .isInstanceOf(TransferLogs.Refused.class);
    assertThat(
            TransferLogs.decode(
                List.of(
                    new TransferLogs.RawLog(
                        List.of(EVENT, padded(PAYER)), new byte[1], OptionalLong.empty()))))
        .isEqualTo(new TransferLogs.Refused("log 0: no block number"));
    byte[] huge = new byte[32];
    huge[15] = (byte) 0x80;
    assertThat(TransferLogs.decode(List.of(log(huge, 1)))).isInstanceOf(TransferLogs.Refused.class);
    assertThat(
            TransferLogs.decode(
                List.of(
                    new TransferLogs.RawLog(
                        List.of(EVENT, new byte[20]), new byte[1], OptionalLong.of(1)))))
        .isInstanceOf(TransferLogs.Refused.class);
  }
}
