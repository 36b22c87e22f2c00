package org.jmasq.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WalletTest {
  @Test
  void a_wallet_parses_from_0x_and_40_hex_digits_and_prints_in_lower_case() {
    Wallet w = Wallet.parse("0xABCDEF0123456789abcdef0123456789ABCDEF01");
    assertThat(w.address()).hasSize(20).startsWith(0xab, 0xcd);
    assertThat(w).hasToString("0xabcdef0123456789abcdef0123456789abcdef01");
    assertThat(Wallet.parse(w.toString())).isEqualTo(w);
  }

  @Test
  void text_that_is_not_an_address_is_refused_with_its_reason() {
    for (String bad :
        new String[] {
          "",
          "0x",
          "abcdef0123456789abcdef0123456789abcdef01",
          "0xabcdef0123456789abcdef0123456789abcdef0",
          "0xabcdef0123456789abcdef0123456789abcdef012",
          "0xgbcdef0123456789abcdef0123456789abcdef01"
        }) {
      assertThatThrownBy(() -> Wallet.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("wallet address '" + bad + "' is not 0x followed by 40 hex digits");
    }
  }

  @Test
  void a_wallet_is_twenty_bytes() {
    assertThatThrownBy(() -> Wallet.of(new byte[19])).isInstanceOf(IllegalArgumentException.class);
  }
}
