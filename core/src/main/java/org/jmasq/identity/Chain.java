package org.jmasq.identity;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The blockchains a Node can serve, with the reference's identifiers, chain ids and MASQ token
 * contracts. Signatures are bound to a chain by its contract address, so a record signed for one
 * chain does not verify on another.
 */
public enum Chain {
  POLYGON_MAINNET(
      "polygon-mainnet", 137, "ee9a352f6aac4af1a5b9f467f6a93e0ffbe9dd35", 14_863_650L, true),
  ETH_MAINNET("eth-mainnet", 1, "06f3c323f0238c72bf35011071f2b5b7f43a054c", 11_170_708L, true),
  BASE_MAINNET("base-mainnet", 8453, "45d9c101a3870ca5024582fd788f4e1e8f7971c3", 19_711_235L, true),
  BASE_SEPOLIA(
      "base-sepolia", 84532, "898e1ce720084a902bc37dd822ed6d6a5f027e10", 14_732_730L, false),
  POLYGON_AMOY(
      "polygon-amoy", 80002, "d98c3ebd6b7f9b7cda2449ecac00d1e5f47a8193", 5_323_366L, false),
  ETH_ROPSTEN("eth-ropsten", 3, "384dec25e03f94931767ce4c3556168468ba24c3", 8_688_171L, false),
  DEV("dev", 2, "59882e4a8f5d24643d4dda422922a870f1b3e664", 0L, false);

  static final Chain DEFAULT = BASE_MAINNET;

  private final String identifier;
  private final long chainId;
  private final byte[] contractAddress;
  private final long contractCreationBlock;
  private final boolean mainnet;

  Chain(String identifier, long chainId, String contractHex, long creationBlock, boolean mainnet) {
    this.identifier = identifier;
    this.chainId = chainId;
    this.contractAddress = HexFormat.of().parseHex(contractHex);
    this.contractCreationBlock = creationBlock;
    this.mainnet = mainnet;
  }

  public String identifier() {
    return identifier;
  }

  public long chainId() {
    return chainId;
  }

  public byte[] contractAddress() {
    return contractAddress.clone();
  }

  long contractCreationBlock() {
    return contractCreationBlock;
  }

  boolean isMainnet() {
    return mainnet;
  }

  public static Optional<Chain> fromIdentifier(String identifier) {
    return Arrays.stream(values()).filter(c -> c.identifier.equals(identifier)).findFirst();
  }

  /** The identifiers, comma-separated, for error messages and help. */
  public static String identifiers() {
    return Arrays.stream(values()).map(Chain::identifier).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return identifier;
  }
}
