package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.DatabaseException;

/**
 * {@code configuration}: {@code {dbPasswordOpt}} → the reference's {@code UiConfigurationResponse}.
 * The consuming wallet's key and address and the past neighbors are secrets: they are in the answer
 * only when the request carries the right password; without it, or with a wrong one, they are
 * {@code null} and {@code []}, as the reference answers.
 */
final class ConfigurationHandler implements UiHandler {
  private final Optional<Configurator> configurator;

  ConfigurationHandler(Optional<Configurator> configurator) {
    this.configurator = configurator;
  }

  @Override
  public UiAnswer handle(ObjectNode request) {
    JsonNode given = request.get("dbPasswordOpt");
    if (given != null && !given.isNull() && !given.isTextual()) {
      return UiAnswer.failed(UiErrors.UNMARSHAL_ERROR, "dbPasswordOpt must be a string or null");
    }
    if (configurator.isEmpty()) {
      return UiAnswer.failed(
          UiErrors.CONFIGURATOR_READ_ERROR, "a zero-hop Node keeps no database to configure");
    }
    Configurator.Configuration c;
    try {
      c =
          configurator
              .get()
              .configuration(
                  given == null || given.isNull() ? Optional.empty() : Optional.of(given.asText()));
    } catch (DatabaseException e) {
      return UiAnswer.failed(
          UiErrors.CONFIGURATOR_READ_ERROR, "cannot read the configuration: " + e.getMessage());
    }
    ObjectNode out = UiAnswer.object();
    putOpt(out, "blockchainServiceUrlOpt", c.blockchainServiceUrl());
    out.put("chainName", c.chainName());
    out.put("clandestinePort", c.clandestinePort());
    putOpt(out, "consumingWalletPrivateKeyOpt", c.consumingKey().map(ConfigurationHandler::hex));
    putOpt(out, "consumingWalletAddressOpt", c.consumingKey().map(k -> k.wallet().toString()));
    out.put("currentSchemaVersion", c.currentSchemaVersion());
    putOpt(out, "earningWalletAddressOpt", c.earningWallet().map(Object::toString));
    out.put("gasPrice", c.gasPrice());
    putOpt(out, "maxBlockCount", c.maxBlockCount());
    out.put("neighborhoodMode", c.neighborhoodMode());
    putOpt(out, "portMappingProtocol", c.portMappingProtocol());
    putOpt(out, "startBlock", c.startBlock());
    c.pastNeighbors().forEach(out.putArray("pastNeighbors")::add);
    ObjectNode t = out.putObject("paymentThresholds");
    t.put("debtThresholdGwei", c.paymentThresholds().debtThresholdGwei());
    t.put("maturityThresholdSec", c.paymentThresholds().maturityThresholdSec());
    t.put("paymentGracePeriodSec", c.paymentThresholds().paymentGracePeriodSec());
    t.put("permanentDebtAllowedGwei", c.paymentThresholds().permanentDebtAllowedGwei());
    t.put("thresholdIntervalSec", c.paymentThresholds().thresholdIntervalSec());
    t.put("unbanBelowGwei", c.paymentThresholds().unbanBelowGwei());
    ObjectNode r = out.putObject("ratePack");
    r.put("routingByteRate", c.ratePack().routingByteRate());
    r.put("routingServiceRate", c.ratePack().routingServiceRate());
    r.put("exitByteRate", c.ratePack().exitByteRate());
    r.put("exitServiceRate", c.ratePack().exitServiceRate());
    ObjectNode s = out.putObject("scanIntervals");
    s.put("pendingPayableSec", c.scanIntervals().pendingPayable().toSeconds());
    s.put("payableSec", c.scanIntervals().payable().toSeconds());
    s.put("receivableSec", c.scanIntervals().receivable().toSeconds());
    return UiAnswer.ok(out);
  }

  /** A private key as the reference writes it: 64 hex digits, no prefix. */
  static String hex(WalletKey key) {
    return HexFormat.of().formatHex(key.privateKeyBytes());
  }

  private static void putOpt(ObjectNode out, String field, Optional<String> value) {
    value.ifPresentOrElse(v -> out.put(field, v), () -> out.putNull(field));
  }

  private static void putOpt(ObjectNode out, String field, OptionalLong value) {
    value.ifPresentOrElse(v -> out.put(field, v), () -> out.putNull(field));
  }
}
