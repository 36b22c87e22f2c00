package org.jmasq.blockchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;

class Erc20Test {
  private static final Wallet RECIPIENT = Wallet.parse("0x" + "11".repeat(20));

  @Test
  void transfer_call_data_is_the_selector_the_padded_recipient_and_the_big_endian_amount() {
    byte[] data = Erc20.transferCallData(RECIPIENT, Wei.of(0x0102));
    assertThat(HexFormat.of().formatHex(data))
        .isEqualTo("a9059cbb" + "00".repeat(12) + "11".repeat(20) + "00".repeat(30) + "0102");
  }

  @Test
  void the_largest_amount_fills_sixteen_bytes() {
    byte[] data = Erc20.transferCallData(RECIPIENT, Wei.MAX);
    assertThat(HexFormat.of().formatHex(data)).endsWith("00".repeat(16) + "7f" + "ff".repeat(15));
  }

  @Test
  void the_gas_limit_is_the_chain_base_plus_4_per_zero_and_68_per_other_byte() {
    byte[] data = Erc20.transferCallData(RECIPIENT, Wei.of(1));
    // 4 selector bytes, 12 zero pad, 20 address bytes, 31 zero amount bytes and one 0x01.
    long bytes = 4 * 68 + 12 * 4 + 20 * 68 + 31 * 4 + 68;
    assertThat(Erc20.gasLimit(Chain.DEV, data)).isEqualTo(55_000 + bytes).isEqualTo(56_872);
    assertThat(Erc20.gasLimit(Chain.BASE_MAINNET, data)).isEqualTo(70_000 + bytes);
  }

  @Test
  void the_fee_estimate_uses_the_base_plus_the_reference_margin() {
    assertThat(Erc20.maximalFee(Chain.DEV, Wei.ofGwei(1)))
        .isEqualTo(Wei.of(BigInteger.valueOf(58_328).multiply(Wei.WEI_PER_GWEI)));
  }

  @Property(tries = 200)
  void the_amount_reads_back_from_the_call_data(@ForAll("amounts") BigInteger amount) {
    byte[] data = Erc20.transferCallData(RECIPIENT, Wei.of(amount));
    assertThat(data).hasSize(68);
    assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(data, 36, 68))).isEqualTo(amount);
  }

  @Provide
  Arbitrary<BigInteger> amounts() {
    return Arbitraries.bigIntegers().between(BigInteger.ZERO, Wei.MAX_VALUE);
  }
}
