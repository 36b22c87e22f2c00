package org.jmasq.accountant;

import java.math.BigInteger;

/**
 * A signed, exact account balance in wei, between −(2^127 − 1) and 2^127 − 1. A receivable goes
 * negative when a debtor pays more than it owes; a payable never does, but shares the type so that
 * one storage format serves both.
 */
public record Balance(BigInteger value) implements Comparable<Balance> {
  public static final Balance ZERO = new Balance(BigInteger.ZERO);

  public Balance {
    if (value == null) {
      throw new IllegalArgumentException("balance: null");
    }
    if (value.abs().compareTo(Wei.MAX_VALUE) > 0) {
      throw new ArithmeticException("balance: " + value + " (expected: -(2^127-1)~2^127-1)");
    }
  }

  public static Balance of(BigInteger value) {
    return new Balance(value);
  }

  public static Balance of(Wei wei) {
    return new Balance(wei.toBigInteger());
  }

  public static Balance of(long value) {
    return of(BigInteger.valueOf(value));
  }

  public BigInteger toBigInteger() {
    return value;
  }

  public boolean isPositive() {
    return value.signum() > 0;
  }

  public Balance plus(Wei amount) {
    return of(value.add(amount.toBigInteger()));
  }

  public Balance minus(Wei amount) {
    return of(value.subtract(amount.toBigInteger()));
  }

  /** The amount owed: the balance when positive, else zero. */
  Wei owed() {
    return value.signum() > 0 ? Wei.of(value) : Wei.ZERO;
  }

  boolean exceeds(BigInteger limit) {
    return value.compareTo(limit) > 0;
  }

  @Override
  public int compareTo(Balance other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
