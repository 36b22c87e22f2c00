package org.jmasq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code configuration} answer as the reference's masq prints it: one name and value a line.
 */
final class ConfigurationView {
  private ConfigurationView() {}

  static String text(ObjectNode c) {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("Blockchain service URL:", c.get("blockchainServiceUrlOpt")));
    rows.add(row("Chain:", c.get("chainName")));
    rows.add(row("Clandestine port:", c.get("clandestinePort")));
    rows.add(row("Consuming wallet private key:", c.get("consumingWalletPrivateKeyOpt")));
    rows.add(row("Consuming wallet address:", c.get("consumingWalletAddressOpt")));
    rows.add(row("Current schema version:", c.get("currentSchemaVersion")));
    rows.add(row("Earning wallet address:", c.get("earningWalletAddressOpt")));
    rows.add(row("Gas price:", c.get("gasPrice")));
    rows.add(row("Max block count:", c.get("maxBlockCount")));
    rows.add(row("Neighborhood mode:", c.get("neighborhoodMode")));
    rows.add(row("Port mapping protocol:", c.get("portMappingProtocol")));
    rows.add(row("Start block:", c.get("startBlock")));
    JsonNode past = c.path("pastNeighbors");
    rows.add(
        new String[] {"Past neighbors:", past.isEmpty() ? "[?]" : String.join(",", texts(past))});
    JsonNode t = c.path("paymentThresholds");
    rows.add(new String[] {"Payment thresholds:", ""});
    rows.add(row("  Debt threshold (gwei):", t.get("debtThresholdGwei")));
    rows.add(row("  Maturity threshold (s):", t.get("maturityThresholdSec")));
    rows.add(row("  Payment grace period (s):", t.get("paymentGracePeriodSec")));
    rows.add(row("  Permanent debt allowed (gwei):", t.get("permanentDebtAllowedGwei")));
    rows.add(row("  Threshold interval (s):", t.get("thresholdIntervalSec")));
    rows.add(row("  Unban below (gwei):", t.get("unbanBelowGwei")));
    JsonNode r = c.path("ratePack");
    rows.add(new String[] {"Rate pack:", ""});
    rows.add(row("  Routing byte rate (wei):", r.get("routingByteRate")));
    rows.add(row("  Routing service rate (wei):", r.get("routingServiceRate")));
    rows.add(row("  Exit byte rate (wei):", r.get("exitByteRate")));
    rows.add(row("  Exit service rate (wei):", r.get("exitServiceRate")));
    JsonNode s = c.path("scanIntervals");
    rows.add(new String[] {"Scan intervals:", ""});
    rows.add(row("  Pending payable (s):", s.get("pendingPayableSec")));
    rows.add(row("  Payable (s):", s.get("payableSec")));
    rows.add(row("  Receivable (s):", s.get("receivableSec")));
    StringBuilder out = new StringBuilder(String.format("%-33s%s%n", "NAME", "VALUE"));
    rows.forEach(row -> out.append(String.format("%-33s%s%n", row[0], row[1])));
    return out.toString().stripTrailing();
  }

  /** A value, or {@code [?]} where the Node has none or keeps it secret, as the reference shows. */
  private static String[] row(String name, JsonNode value) {
    return new String[] {name, value == null || value.isNull() ? "[?]" : value.asText()};
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
