package org.jmasq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/** The {@code financials} answer as the text {@code jmasq financials} prints. */
final class FinancialsView {
  private FinancialsView() {}

  static String text(JsonNode request, JsonNode answer, boolean inGwei) {
    String unit = inGwei ? "gwei" : "MASQ";
    StringBuilder out = new StringBuilder();
    JsonNode stats = answer.path("statsOpt");
    if (stats.isObject()) {
      out.append("Financial status totals in ").append(unit).append("\n\n");
      out.append(String.format("%-22s%-28s%s%n", "", "Payable", "Receivable"));
      out.append(
          String.format(
              "%-22s%-28s%s%n",
              "Unpaid and pending:",
              amount(stats.path("totalUnpaidAndPendingPayableGwei"), inGwei),
              amount(stats.path("totalUnpaidReceivableGwei"), inGwei)));
      out.append(
          String.format(
              "%-22s%-28s%s%n",
              "Paid:",
              amount(stats.path("totalPaidPayableGwei"), inGwei),
              amount(stats.path("totalPaidReceivableGwei"), inGwei)));
    }
    JsonNode results = answer.path("queryResultsOpt");
    if (results.isObject()) {
      JsonNode top = request.path("topRecordsOpt");
      if (top.isObject()) {
        if (!out.isEmpty()) {
          out.append('\n');
        }
        out.append("Up to ")
            .append(top.path("count").asText())
            .append(" top accounts, by ")
            .append(top.path("orderedBy").asText().toLowerCase(java.util.Locale.ROOT))
            .append('\n');
      }
      JsonNode custom = request.path("customQueriesOpt");
      table(out, "Payable", results.path("payableOpt"), custom.path("payableOpt"), unit, inGwei);
      table(
          out,
          "Receivable",
          results.path("receivableOpt"),
          custom.path("receivableOpt"),
          unit,
          inGwei);
    }
    return out.toString()
        .lines()
        .map(String::stripTrailing)
        .collect(java.util.stream.Collectors.joining("\n"))
        .strip();
  }

  private static void table(
      StringBuilder out, String title, JsonNode rows, JsonNode range, String unit, boolean inGwei) {
    if (!rows.isArray()) {
      return; // a custom query that did not ask for this side
    }
    out.append('\n').append(title);
    if (range.isObject()) {
      out.append(
          String.format(
              " (age %s-%s s, balance %s-%s %s)",
              range.path("minAgeS").asText(),
              range.path("maxAgeS").asText(),
              amount(range.path("minAmountGwei"), inGwei),
              amount(range.path("maxAmountGwei"), inGwei),
              unit));
    }
    out.append('\n');
    if (rows.isEmpty()) {
      out.append("No records found\n");
      return;
    }
    boolean payable = title.equals("Payable");
    String format = "%-5s%-44s%-12s%-26s%s%n";
    out.append(
        String.format(
            format,
            "#",
            "Wallet",
            "Age [s]",
            "Balance [" + unit + "]",
            payable ? "Pending tx" : ""));
    int n = 0;
    for (JsonNode row : rows) {
      JsonNode pending = row.path("pendingPayableHashOpt");
      out.append(
          String.format(
              format,
              ++n,
              row.path("wallet").asText(),
              row.path("ageS").asText(),
              amount(row.path("balanceGwei"), inGwei),
              payable ? (pending.isTextual() ? pending.asText() : "None") : ""));
    }
  }

  /** Gwei as printed: as is, or in MASQ exactly (9 decimals at most), trailing zeros dropped. */
  static String amount(JsonNode gwei, boolean inGwei) {
    BigInteger value = gwei.bigIntegerValue();
    if (inGwei) {
      return value.toString();
    }
    BigDecimal masq = new BigDecimal(value, 9).stripTrailingZeros();
    return masq.signum() == 0 ? "0" : masq.toPlainString();
  }
}
