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
}
