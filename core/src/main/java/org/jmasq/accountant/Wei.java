package org.jmasq.accountant;

import java.math.BigInteger;

/**
 * An exact, non-negative amount of wei, at most {@link #MAX} (2^127 − 1, the reference's i128
 * ceiling). Arithmetic is exact: a result outside the range throws {@link ArithmeticException}
 * rather than wrapping or saturating, so a bookkeeping error can never hide as a small number.
 */
public record Wei(BigInteger value) implements Comparable<Wei> {
  /** 2^127 − 1: the largest amount the database and the reference can hold. */
  public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

  public static final Wei ZERO = new Wei(BigInteger.ZERO);
  public static final Wei MAX = new Wei(MAX_VALUE);

  /** 10^9 wei. */
  public static final BigInteger WEI_PER_GWEI = BigInteger.TEN.pow(9);

  /** 10^18 wei: one MASQ (the token has 18 decimals). */
  static final BigInteger WEI_PER_MASQ = BigInteger.TEN.pow(18);

  public Wei {
    if (value == null) {
      throw new IllegalArgumentException("wei: null");
    }
    if (value.signum() < 0 || value.compareTo(MAX_VALUE) > 0) {
      throw new ArithmeticException("wei: " + value + " (expected: 0~2^127-1)");
    }
  }

  public static Wei of(BigInteger value) {
    return new Wei(value);
  }

  public static Wei of(long value) {
    return of(BigInteger.valueOf(value));
  }

  public static Wei ofGwei(long gwei) {
    return of(BigInteger.valueOf(gwei).multiply(WEI_PER_GWEI));
  }

  /** Parses a decimal number of wei, as the config and the CLI write it. */
  static Wei parse(String decimal) {
    if (decimal == null || !decimal.matches("[0-9]{1,40}")) {
      throw new IllegalArgumentException(
          "wei amount '" + decimal + "' is not a decimal number of wei");
    }
    return of(new BigInteger(decimal));
  }

  public BigInteger toBigInteger() {
    return value;
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  public Wei plus(Wei other) {
    return of(value.add(other.value));
  }

  /** {@code this − other}; throws when {@code other} is larger. */
  Wei minus(Wei other) {
    return of(value.subtract(other.value));
  }

  /** {@code this − other}, or zero when {@code other} is larger. */
  public Wei minusOrZero(Wei other) {
    return value.compareTo(other.value) <= 0 ? ZERO : new Wei(value.subtract(other.value));
  }

  Wei times(long factor) {
    if (factor < 0) {
      throw new IllegalArgumentException("factor: " + factor + " (expected: >= 0)");
    }
    return of(value.multiply(BigInteger.valueOf(factor)));
  }

  static Wei min(Wei a, Wei b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  boolean isGreaterThan(Wei other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(Wei other) {
    return value.compareTo(other.value);
  }

  /** The decimal number of wei. */
  @Override
  public String toString() {
    return value.toString();
  }
}
