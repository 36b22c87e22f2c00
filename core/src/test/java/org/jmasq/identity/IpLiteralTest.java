package org.jmasq.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "0.0.0.0",
        "255.255.255.255",
        "::1",
        "[::1]",
        "2001:db8::7",
        "::ffff:1.2.3.4"
      })
  void literals_are_read(String text) {
    assertThat(IpLiteral.parse(text)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cafe",
        "999.1.1.1",
        "1.2.3",
        "01.2.3.4",
        "localhost",
        "example.com",
        "",
        "1.2.3.4.5",
        "[cafe]",
        "1:2:3:4:5:6:7:8:9",
        " 1.2.3.4"
      })
  void anything_else_is_not_a_literal_and_is_never_looked_up(String text) {
    assertThat(IpLiteral.parse(text)).isEmpty();
  }
}
