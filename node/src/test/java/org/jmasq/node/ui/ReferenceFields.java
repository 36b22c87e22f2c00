package org.jmasq.node.ui;

import java.util.List;

/**
 * The field names of UI payloads as SYSTEM.md Part 2 §8.3 gives them, for the tests that check a
 * Node's answers against them: at the handler, through the CLI and over a real WebSocket.
 */
public final class ReferenceFields {
  private ReferenceFields() {}

  /** The {@code configuration} answer's fields. */
  public static final List<String> CONFIGURATION =
      List.of(
          "blockchainServiceUrlOpt",
          "chainName",
          "clandestinePort",
          "currentSchemaVersion",
          "earningWalletAddressOpt",
          "gasPrice",
          "maxBlockCount",
          "neighborhoodMode",
          "portMappingProtocol",
          "startBlock",
          "consumingWalletPrivateKeyOpt",
          "consumingWalletAddressOpt",
          "pastNeighbors",
          "paymentThresholds",
          "ratePack",
          "scanIntervals");

  /** The fields of the {@code configuration} answer's {@code paymentThresholds}. */
  public static final List<String> PAYMENT_THRESHOLDS =
      List.of(
          "debtThresholdGwei",
          "maturityThresholdSec",
          "paymentGracePeriodSec",
          "permanentDebtAllowedGwei",
          "thresholdIntervalSec",
          "unbanBelowGwei");

  /** The fields of the {@code configuration} answer's {@code ratePack}. */
  public static final List<String> RATE_PACK =
      List.of("routingByteRate", "routingServiceRate", "exitByteRate", "exitServiceRate");

  /** The fields of the {@code configuration} answer's {@code scanIntervals}. */
  public static final List<String> SCAN_INTERVALS =
      List.of("pendingPayableSec", "payableSec", "receivableSec");
}
