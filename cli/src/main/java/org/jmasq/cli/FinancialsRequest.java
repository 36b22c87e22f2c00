package org.jmasq.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code financials} request of {@code jmasq financials}'s options, the reference's CLI's:
 * {@code --top N --ordered balance|age}, or custom ranges {@code "minAge-maxAge|minMASQ-maxMASQ"}
 * (ages in seconds, amounts in MASQ, negative allowed for receivables). Which combinations are
 * allowed is the handler's to say, the Node's and the offline one alike.
 */
final class FinancialsRequest {
  private static final Pattern RANGE =
      Pattern.compile("(\\d+)-(\\d+)\\|(-?\\d+(?:\\.\\d+)?)-(-?\\d+(?:\\.\\d+)?)");
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private FinancialsRequest() {}

  static ObjectNode of(
      boolean stats, Integer top, String ordered, String payable, String receivable) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("statsRequired", stats);
    if (top != null) {
      ObjectNode t = request.putObject("topRecordsOpt");
      t.put("count", top);
      t.put("orderedBy", orderedBy(ordered));
    } else {
      request.putNull("topRecordsOpt");
    }
    if (payable != null || receivable != null) {
      ObjectNode custom = request.putObject("customQueriesOpt");
      range(custom, "payableOpt", "--payable", payable);
      range(custom, "receivableOpt", "--receivable", receivable);
    } else {
      request.putNull("customQueriesOpt");
    }
    return request;
  }

  private static String orderedBy(String ordered) {
    return switch (ordered.toLowerCase(Locale.ROOT)) {
      case "balance" -> "Balance";
      case "age" -> "Age";
      default ->
          throw new IllegalArgumentException(
              "--ordered: " + ordered + " (expected: balance or age)");
    };
  }

  private static void range(ObjectNode custom, String field, String option, String text) {
    if (text == null) {
      custom.putNull(field);
      return;
    }
    Matcher m = RANGE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option + ": " + text + " (expected: minAge-maxAge|minMASQ-maxMASQ, as 0-3600|0.5-10)");
    }
    ObjectNode r = custom.putObject(field);
    r.put("minAgeS", bounded(new BigInteger(m.group(1)), option));
    r.put("maxAgeS", bounded(new BigInteger(m.group(2)), option));
    r.put("minAmountGwei", gwei(m.group(3), option));
    r.put("maxAmountGwei", gwei(m.group(4), option));
  }

  /** MASQ to gwei, exactly: a MASQ amount has at most 9 decimals here. */
  private static long gwei(String masq, String option) {
    BigDecimal gwei = new BigDecimal(masq).movePointRight(9);
    try {
      return bounded(gwei.toBigIntegerExact(), option);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          option + ": " + masq + " MASQ has more than 9 decimals (1 gwei = 0.000000001 MASQ)");
    }
  }

  private static long bounded(BigInteger n, String option) {
    if (n.compareTo(LONG_MAX) > 0 || n.compareTo(LONG_MIN) < 0) {
      throw new IllegalArgumentException(option + ": " + n + " is too large");
    }
    return n.longValue();
  }
}
