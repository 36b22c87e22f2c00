package org.jmasq.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import org.jmasq.node.accountant.Financials;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.ui.FinancialsHandler;
import org.jmasq.node.ui.UiAnswer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jmasq financials}: a Node's totals, payables and receivables, as the reference's masq CLI
 * shows them. One request, answered one way: by the Node on the UI port when one is running, else
 * by the same handler over the database in {@code --data-directory} (which the database allows
 * while a Node runs, too).
 */
@Command(
    name = "financials",
    mixinStandardHelpOptions = true,
    description = {
      "Show a Node's payables and receivables.",
      "Asks the Node on --ui-port; when none is running, reads the database in --data-directory."
    })
final class FinancialsCommand extends UiCommand {
  @Mixin StoppedNodeOptions stopped = new StoppedNodeOptions();

  @Option(names = "--top", paramLabel = "N", description = "The N largest (or oldest) accounts.")
  Integer top;

  @Option(
      names = "--ordered",
      paramLabel = "balance|age",
      defaultValue = "balance",
      description =
          "How --top orders: largest balance or oldest first (default: ${DEFAULT-VALUE}).")
  String ordered;

  @Option(
      names = "--payable",
      paramLabel = "minAge-maxAge|minMASQ-maxMASQ",
      description = "The payables within these ages (s) and balances (MASQ), as 0-3600|0.5-10.")
  String payable;

  @Option(
      names = "--receivable",
      paramLabel = "minAge-maxAge|minMASQ-maxMASQ",
      description = "The receivables within these ages and balances; balances may be negative.")
  String receivable;

  @Option(names = "--no-stats", description = "Leave out the totals.")
  boolean noStats;

  @Option(names = "--gwei", description = "Amounts in gwei instead of MASQ.")
  boolean gwei;

  @Option(names = "--json", description = "Print the answer's payload as JSON (amounts in gwei).")
  boolean json;

  /** The request the options make, asked of the Node or answered offline. */
  private ObjectNode request;

  @Override
  public Integer call() throws Exception {
    request = FinancialsRequest.of(!noStats, top, ordered, payable, receivable);
    try {
      return super.call();
    } catch (NoNodeRunning none) {
      print(offline(request, none), spec.commandLine().getOut());
      return 0;
    }
  }

  @Override
  int run(UiConnection node, PrintWriter out) throws Exception {
    print(node.ask("financials", request), out);
    return 0;
  }

  private void print(ObjectNode answer, PrintWriter out) {
    out.println(json ? answer.toPrettyString() : FinancialsView.text(request, answer, gwei));
    out.flush();
  }

  /**
   * The answer the Node would give, from its database, by the Node's own handler. The database is
   * read without its lock: reading is allowed while a Node runs, too.
   */
  private ObjectNode offline(ObjectNode request, NoNodeRunning none) throws Exception {
    // A refused database (another chain, say) is one line and exit 1, from Main's handler.
    try (NodeDatabase database = NodeDatabase.open(stopped.directory(spec, none), stopped.chain)) {
      UiAnswer answer =
          new FinancialsHandler(Optional.of(() -> Financials.read(database, Clock.systemUTC())))
              .handle(request);
      return switch (answer) {
        case UiAnswer.Ok ok -> ok.payload();
        case UiAnswer.Failed f -> throw new UiFailure(f.code(), f.message());
      };
    }
  }
}
