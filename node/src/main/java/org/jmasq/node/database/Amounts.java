package org.jmasq.node.database;

import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Stores signed 128-bit amounts exactly in two SQLite integers: {@code high = value >> 64}
 * (arithmetic shift) and {@code low} = the low 64 bits as a two's-complement long. Every value from
 * −2^127 to 2^127 − 1 round-trips. (The reference splits at bit 63, which cannot hold the whole
 * i128 range; ordering is done in Java, not in SQL, so the split point does not matter to queries.)
 */
final class Amounts {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger MIN = BigInteger.ONE.shiftLeft(127).negate();
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

  private Amounts() {}

  static void bind(PreparedStatement statement, int highIndex, BigInteger value)
      throws SQLException {
    if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("amount " + value + " does not fit 128 bits");
    }
    statement.setLong(highIndex, value.shiftRight(64).longValueExact());
    statement.setLong(highIndex + 1, value.longValue());
  }

  static BigInteger read(ResultSet row, String highColumn, String lowColumn) throws SQLException {
    long high = row.getLong(highColumn);
    long low = row.getLong(lowColumn);
    BigInteger unsignedLow = BigInteger.valueOf(low);
    if (low < 0) {
      unsignedLow = unsignedLow.add(TWO_64);
    }
    return BigInteger.valueOf(high).shiftLeft(64).add(unsignedLow);
  }
}
