package org.jmasq.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.jmasq.node.accountant.Financials;
import org.jmasq.node.database.NodeDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jmasq financials}: a Node's totals, payables and receivables, read from the database in
 * its data directory (the database allows this while the Node runs, too).
 */
@Command(
    name = "financials",
    mixinStandardHelpOptions = true,
    description = "Show a Node's payables and receivables.")
final class FinancialsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatabaseLocation location;

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    location.existingFile();
    Financials money;
    // A refused database (another chain, say) is one line and exit 1, from Main's handler.
    try (NodeDatabase database = NodeDatabase.open(location.dataDirectory, location.chain)) {
      money = Financials.read(database, Clock.systemUTC());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? json(money) : text(money));
    out.flush();
    return 0;
  }

  static String json(Financials money) {
    return "{\"totalPayableWei\":\""
        + money.totalPayable()
        + "\",\"totalReceivableWei\":\""
        + money.totalReceivable().toBigInteger()
        + "\",\"payables\":"
        + rows(money.payables())
        + ",\"receivables\":"
        + rows(money.receivables())
        + "}";
  }

  private static String rows(List<Financials.Row> rows) {
    StringBuilder out = new StringBuilder("[");
    for (Financials.Row r : rows) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append("{\"wallet\":\"")
          .append(r.wallet())
          .append("\",\"balanceWei\":\"")
          .append(r.balanceWei().toBigInteger())
          .append("\",\"balanceMasq\":\"")
          .append(r.balanceMasq())
          .append("\",\"ageSec\":")
          .append(r.ageSec())
          .append(",\"pendingTransaction\":")
          .append(r.pendingTransaction().map(h -> "\"" + h + "\"").orElse("null"))
          .append('}');
    }
    return out.append(']').toString();
  }

  static String text(Financials money) {
    StringBuilder out = new StringBuilder();
    out.append("Total payable:    ")
        .append(money.totalPayable())
        .append(" wei (")
        .append(Financials.masq(org.jmasq.accountant.Balance.of(money.totalPayable())))
        .append(" MASQ)\n");
    out.append("Total receivable: ")
        .append(money.totalReceivable().toBigInteger())
        .append(" wei (")
        .append(Financials.masq(money.totalReceivable()))
        .append(" MASQ)\n");
    table(out, "Payables", money.payables());
    table(out, "Receivables", money.receivables());
    return out.toString().stripTrailing();
  }

  private static void table(StringBuilder out, String title, List<Financials.Row> rows) {
    out.append('\n').append(title).append(rows.isEmpty() ? ": none\n" : ":\n");
    for (Financials.Row r : rows) {
      out.append("  ")
          .append(r.wallet())
          .append("  ")
          .append(r.balanceWei().toBigInteger())
          .append(" wei  ")
          .append(r.balanceMasq())
          .append(" MASQ  age ")
          .append(r.ageSec())
          .append(" s")
          .append(r.pendingTransaction().map(h -> "  pending " + h).orElse(""))
          .append('\n');
    }
  }
}
