package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jmasq.accountant.Wei;
import org.jmasq.node.accountant.Financials;
import org.jmasq.node.database.DatabaseException;

/**
 * {@code financials}: totals, top records or custom queries over the Node's books, as the reference
 * names them. The books are read by {@link Financials#read}, the same code {@code jmasq financials}
 * runs; this only selects rows and writes them in gwei. Public so that {@code jmasq financials}
 * answers the same request the same way when no Node is running.
 */
public final class FinancialsHandler implements UiHandler {
  private static final int MAX_TOP_RECORDS = 65_535;

  private final Optional<UiNode.FinancialsSource> source;

  public FinancialsHandler(Optional<UiNode.FinancialsSource> source) {
    this.source = source;
  }

  @Override
  public UiAnswer handle(ObjectNode request) {
    try {
      return answer(request);
    } catch (UiRefusal r) {
      return r.answer();
    }
  }

  private UiAnswer answer(ObjectNode request) throws UiRefusal {
    JsonNode stats = request.get("statsRequired");
    if (stats == null || !stats.isBoolean()) {
      throw new UiRefusal(UiErrors.UNMARSHAL_ERROR, "statsRequired must be true or false");
    }
    JsonNode top = present(request.get("topRecordsOpt"));
    JsonNode custom = present(request.get("customQueriesOpt"));
    if (!stats.asBoolean() && top == null && custom == null) {
      throw new UiRefusal(
          UiErrors.REQUEST_WITH_NO_VALUES,
          "nothing asked: no stats, no top records and no custom queries");
    }
    if (top != null && custom != null) {
      throw new UiRefusal(
          UiErrors.REQUEST_WITH_MUTUALLY_EXCLUSIVE_PARAMS,
          "topRecordsOpt and customQueriesOpt cannot be asked together");
    }
    if (source.isEmpty()) {
      throw new UiRefusal(
          UiErrors.CONFIGURATOR_READ_ERROR,
          "a zero-hop Node neither pays nor earns: it keeps no books");
    }
    Financials books;
    try {
      books = source.get().read();
    } catch (DatabaseException e) {
      throw new UiRefusal(
          UiErrors.CONFIGURATOR_READ_ERROR, "cannot read the books: " + e.getMessage());
    }
    ObjectNode out = UiAnswer.object();
    if (stats.asBoolean()) {
      ObjectNode s = out.putObject("statsOpt");
      s.put("totalUnpaidAndPendingPayableGwei", gwei(books.totalPayable().toBigInteger()));
      // Paid totals are not counted by this Node yet.
      s.put("totalPaidPayableGwei", 0);
      s.put("totalUnpaidReceivableGwei", gwei(books.totalReceivable().toBigInteger()));
      s.put("totalPaidReceivableGwei", 0);
      // JMasq extensions: the same totals exactly, as decimal strings, since gwei are cut and a
      // JSON number loses digits in most readers.
      s.put("totalUnpaidAndPendingPayableWei", books.totalPayable().toBigInteger().toString());
      s.put("totalUnpaidReceivableWei", books.totalReceivable().toBigInteger().toString());
    } else {
      out.putNull("statsOpt");
    }
    if (top != null) {
      ObjectNode results = out.putObject("queryResultsOpt");
      Comparator<Financials.Row> order = topOrder(top);
      int count = topCount(top);
      rows(results.putArray("payableOpt"), top(books.payables(), order, count), true);
      rows(results.putArray("receivableOpt"), top(books.receivables(), order, count), false);
    } else if (custom != null) {
      if (!custom.isObject()) {
        throw new UiRefusal(UiErrors.UNMARSHAL_ERROR, "customQueriesOpt must be an object");
      }
      ObjectNode results = out.putObject("queryResultsOpt");
      query(results, "payableOpt", present(custom.get("payableOpt")), books.payables(), true);
      query(
          results,
          "receivableOpt",
          present(custom.get("receivableOpt")),
          books.receivables(),
          false);
    } else {
      out.putNull("queryResultsOpt");
    }
    return UiAnswer.ok(out);
  }

  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  private static int topCount(JsonNode top) throws UiRefusal {
    JsonNode count = top.get("count");
    if (count == null || !count.isIntegralNumber()) {
      throw new UiRefusal(UiErrors.UNMARSHAL_ERROR, "topRecordsOpt.count must be an integer");
    }
    BigInteger n = count.bigIntegerValue();
    if (n.signum() <= 0 || n.compareTo(BigInteger.valueOf(MAX_TOP_RECORDS)) > 0) {
      throw new UiRefusal(
          UiErrors.VALUE_EXCEEDS_ALLOWED_LIMIT,
          "topRecordsOpt.count: " + n + " (expected: 1~" + MAX_TOP_RECORDS + ")");
    }
    return n.intValue();
  }

  /** Largest balance first, or oldest first. */
  private static Comparator<Financials.Row> topOrder(JsonNode top) throws UiRefusal {
    JsonNode by = top.get("orderedBy");
    String name = by == null ? "" : by.asText();
    return switch (name) {
      case "Balance" -> Comparator.comparing(Financials.Row::balanceWei, Comparator.reverseOrder());
      case "Age" -> Comparator.comparingLong(Financials.Row::ageSec).reversed();
      default ->
          throw new UiRefusal(
              UiErrors.UNMARSHAL_ERROR,
              "topRecordsOpt.orderedBy: " + name + " (expected: Balance or Age)");
    };
  }

  private static List<Financials.Row> top(
      List<Financials.Row> rows, Comparator<Financials.Row> order, int count) {
    return rows.stream().sorted(order).limit(count).toList();
  }

  private static void query(
      ObjectNode results, String field, JsonNode range, List<Financials.Row> rows, boolean payable)
      throws UiRefusal {
    if (range == null) {
      results.putNull(field);
      return;
    }
    long minAge = number(range, "minAgeS").longValueExact();
    long maxAge = number(range, "maxAgeS").longValueExact();
    BigInteger minGwei = number(range, "minAmountGwei");
    BigInteger maxGwei = number(range, "maxAmountGwei");
    Predicate<Financials.Row> within =
        r -> {
          BigInteger g = gwei(r.balanceWei().toBigInteger());
          return r.ageSec() >= minAge
              && r.ageSec() <= maxAge
              && g.compareTo(minGwei) >= 0
              && g.compareTo(maxGwei) <= 0;
        };
    rows(results.putArray(field), rows.stream().filter(within).toList(), payable);
  }

  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /**
   * A range's bound: a u64 on the wire, as the reference's. Past i64::MAX the reference refuses it
   * as a value over the limit (its books hold signed numbers), not as a malformed request.
   */
  private static BigInteger number(JsonNode range, String field) throws UiRefusal {
    JsonNode n = range.get(field);
    if (n == null
        || !n.isIntegralNumber()
        || n.bigIntegerValue().signum() < 0
        || n.bigIntegerValue().compareTo(U64_MAX) > 0) {
      throw new UiRefusal(UiErrors.UNMARSHAL_ERROR, field + " must be an unsigned 64-bit integer");
    }
    BigInteger value = n.bigIntegerValue();
    if (value.bitLength() > 63) {
      throw new UiRefusal(
          UiErrors.VALUE_EXCEEDS_ALLOWED_LIMIT,
          field + ": " + value + " (expected: at most " + Long.MAX_VALUE + ")");
    }
    return value;
  }

  private static void rows(ArrayNode out, List<Financials.Row> rows, boolean payable) {
    for (Financials.Row r : rows) {
      ObjectNode row = out.addObject();
      row.put("wallet", r.wallet().toString());
      row.put("ageS", r.ageSec());
      row.put("balanceGwei", gwei(r.balanceWei().toBigInteger()));
      // JMasq extension: the balance exactly (see the totals).
      row.put("balanceWei", r.balanceWei().toBigInteger().toString());
      if (payable) {
        r.pendingTransaction()
            .ifPresentOrElse(
                h -> row.put("pendingPayableHashOpt", h),
                () -> row.putNull("pendingPayableHashOpt"));
      }
    }
  }

  /** Wei to gwei, cut toward zero as the reference's division does. */
  private static BigInteger gwei(BigInteger wei) {
    return wei.divide(Wei.WEI_PER_GWEI);
  }
}
