package org.jmasq.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class WeiTest {
  private static final BigInteger TWO_127 = BigInteger.ONE.shiftLeft(127);

  @Test
  void the_largest_amount_is_two_to_the_127_minus_one_and_is_exact() {
    assertThat(Wei.MAX.toBigInteger()).isEqualTo(TWO_127.subtract(BigInteger.ONE));
    assertThat(Wei.MAX.minus(Wei.of(1)).plus(Wei.of(1))).isEqualTo(Wei.MAX);
    assertThat(Wei.parse(Wei.MAX.toString())).isEqualTo(Wei.MAX);
  }

  @Test
  void going_past_the_range_throws_instead_of_wrapping() {
    assertThatThrownBy(() -> Wei.MAX.plus(Wei.of(1)))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("2^127");
    assertThatThrownBy(() -> Wei.of(TWO_127)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Wei.of(1).minus(Wei.of(2))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Wei.of(-1)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Wei.MAX.times(2)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void subtracting_more_than_there_is_can_stop_at_zero_on_request() {
    assertThat(Wei.of(5).minusOrZero(Wei.of(7))).isEqualTo(Wei.ZERO);
    assertThat(Wei.of(7).minusOrZero(Wei.of(5))).isEqualTo(Wei.of(2));
  }

  @Test
  void gwei_are_a_billion_wei() {
    assertThat(Wei.ofGwei(1_000_000_000L).toBigInteger()).isEqualTo(BigInteger.TEN.pow(18));
  }

  @Test
  void text_that_is_not_a_decimal_number_is_refused_with_its_content() {
    assertThatThrownBy(() -> Wei.parse("1.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'1.5'");
    assertThatThrownBy(() -> Wei.parse("-3")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Wei.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_balance_may_be_negative_and_owes_nothing_then() {
    Balance overpaid = Balance.of(Wei.of(10)).minus(Wei.of(25));
    assertThat(overpaid).isEqualTo(Balance.of(-15));
    assertThat(overpaid.owed()).isEqualTo(Wei.ZERO);
    assertThatThrownBy(() -> Balance.of(Wei.MAX).plus(Wei.of(1)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Property(tries = 300)
  void addition_and_subtraction_are_exact_inverses(
      @ForAll("amounts") BigInteger a, @ForAll("amounts") BigInteger b) {
    Wei x = Wei.of(a);
    Wei y = Wei.of(b);
    if (a.add(b).compareTo(Wei.MAX_VALUE) <= 0) {
      assertThat(x.plus(y).minus(y)).isEqualTo(x);
      assertThat(x.plus(y).toBigInteger()).isEqualTo(a.add(b));
    } else {
      assertThatThrownBy(() -> x.plus(y)).isInstanceOf(ArithmeticException.class);
    }
  }

  @Provide
  Arbitrary<BigInteger> amounts() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.ZERO, Wei.MAX_VALUE)
        .edgeCases(c -> c.includeOnly(BigInteger.ZERO, Wei.MAX_VALUE));
  }
}
