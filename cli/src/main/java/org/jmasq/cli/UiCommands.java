package org.jmasq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The one-request commands of the reference's masq CLI ({@code SYSTEM.md} §8.5): each sends one
 * request and prints its answer.
 */
final class UiCommands {
  private UiCommands() {}

  @Command(
      name = "descriptor",
      mixinStandardHelpOptions = true,
      description = "Show the running Node's descriptor (masq://...).")
  static final class Descriptor extends UiCommand {
    @Override
    int run(UiConnection node, PrintWriter out) throws Exception {
      JsonNode descriptor = node.ask("descriptor", object()).path("nodeDescriptorOpt");
      out.println(
          descriptor.isTextual()
              ? descriptor.asText()
              : "Node descriptor is not available: this Node has no public address"
                  + " (zero-hop, originate-only or consume-only)");
      return 0;
    }
  }

  @Command(
      name = "connection-status",
      mixinStandardHelpOptions = true,
      description = "Show how far the running Node is in joining the network.")
  static final class ConnectionStatus extends UiCommand {
    @Override
    int run(UiConnection node, PrintWriter out) throws Exception {
      JsonNode status = node.ask("connectionStatus", object());
      out.println(Notifications.stage(status.path("stage").asText()));
      if (status.hasNonNull("refusal")) {
        out.println("Not accepted into the network: " + status.get("refusal").asText());
      }
      return 0;
    }
  }

  @Command(
      name = "neighborhood-graph",
      mixinStandardHelpOptions = true,
      description =
          "Print the Neighborhood as the running Node knows it, in Graphviz DOT"
              + " (jmasq neighborhood-graph | dot -Tsvg > graph.svg).")
  static final class NeighborhoodGraph extends UiCommand {
    @Override
    int run(UiConnection node, PrintWriter out) throws Exception {
      out.println(node.ask("neighborhoodGraph", object()).path("graph").asText().stripTrailing());
      return 0;
    }
  }

  @Command(
      name = "check-password",
      mixinStandardHelpOptions = true,
      description =
          "Check a database password against the running Node's; without one, whether it has"
              + " none.")
  static final class CheckPassword extends UiCommand {
    @Parameters(arity = "0..1", paramLabel = "PASSWORD", description = "The password to check.")
    String password;

    @Override
    int run(UiConnection node, PrintWriter out) throws Exception {
      ObjectNode request = object();
      if (password == null) {
        request.putNull("dbPasswordOpt");
      } else {
        if (access == UiAccess.ONE_SHOT) {
          // As the reference, it is taken; a shell's line stays out of ps and the history.
          spec.commandLine()
              .getErr()
              .println(
                  "jmasq: warning: a password on the command line can be read by other users"
                      + " (ps) and stays in the shell's history; jmasq shell keeps it out");
        }
        request.put("dbPasswordOpt", password);
      }
      boolean matches = node.ask("checkPassword", request).path("matches").asBoolean();
      out.println(matches ? "Password is correct" : "Password is incorrect");
      return 0;
    }
  }

  @Command(
      name = "set-configuration",
      mixinStandardHelpOptions = true,
      description = "Change a setting of the running Node.")
  static final class SetConfiguration extends UiCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Setting setting;

    /** Exactly one setting per command, as the reference's. */
    static final class Setting {
      @Option(
          names = "--min-hops",
          paramLabel = "N",
          description = "The fewest hops a new route has, 1~6 (takes effect at once).")
      String minHops;

      @Option(
          names = "--gas-price",
          paramLabel = "GWEI",
          description = "The gas price of payments, in gwei (kept; the payments ask the chain).")
      String gasPrice;

      @Option(
          names = "--start-block",
          paramLabel = "N|latest|none",
          description = "The block the next receivable scan starts from.")
      String startBlock;
    }

    @Override
    int run(UiConnection node, PrintWriter out) throws Exception {
      ObjectNode request = object();
      if (setting.minHops != null) {
        request.put("name", "min-hops").put("value", setting.minHops);
      } else if (setting.gasPrice != null) {
        request.put("name", "gas-price").put("value", setting.gasPrice);
      } else {
        request.put("name", "start-block").put("value", setting.startBlock);
      }
      node.ask("setConfiguration", request);
      out.println("Parameter was successfully set");
      return 0;
    }
  }

  @Command(
      name = "configuration",
      mixinStandardHelpOptions = true,
      description = {
        "Show the running Node's configuration.",
        "The consuming wallet's key and the past neighbors only with the right --db-password."
      })
  static final class Configuration extends UiCommand {
    @Option(
        names = "--db-password",
        description =
            "The database password, to see the secrets too. Better in MASQ_DB_PASSWORD: every"
                + " local user can read a command line.")
    String dbPassword;

    @Option(names = "--json", description = "Print the answer's payload as JSON.")
    boolean json;

    @Override
    int run(UiConnection node, PrintWriter out) throws Exception {
      ObjectNode request = object();
      if (dbPassword == null) {
        request.putNull("dbPasswordOpt");
      } else {
        request.put("dbPasswordOpt", dbPassword);
      }
      ObjectNode answer = node.ask("configuration", request);
      out.println(json ? answer.toPrettyString() : ConfigurationView.text(answer));
      return 0;
    }
  }

  @Command(
      name = "scan",
      mixinStandardHelpOptions = true,
      description = {
        "Run one of the running Node's scans now and wait until it is done.",
        "Waits 130 s unless --timeout says otherwise: a scan asks the chain."
      })
  static final class Scan extends UiCommand {
    @Parameters(
        paramLabel = "payables|pendingpayables|receivables",
        description = "Which scan: paying debts, confirming payments sent, or finding payments.")
    String name;

    @Override
    public Integer call() throws Exception {
      scanType();
      if (!spec.commandLine().getParseResult().hasMatchedOption("--timeout")
          && timeoutSeconds == 10) {
        // The Node answers once the scan is done, after at most 120 s.
        timeoutSeconds = 130;
      }
      return super.call();
    }

    private String scanType() {
      return switch (name.toLowerCase(java.util.Locale.ROOT)) {
        case "payables" -> "Payables";
        case "pendingpayables" -> "PendingPayables";
        case "receivables" -> "Receivables";
        default ->
            throw new picocli.CommandLine.ParameterException(
                spec.commandLine(),
                "scan: " + name + " (expected: payables, pendingpayables or receivables)");
      };
    }

    @Override
    int run(UiConnection node, PrintWriter out) throws Exception {
      String type = scanType();
      node.ask("scan", object().put("scanType", type));
      out.println(type + " scan completed");
      return 0;
    }
  }
}
