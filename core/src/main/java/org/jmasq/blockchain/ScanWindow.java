package org.jmasq.blockchain;

import java.util.OptionalLong;

/**
 * The blocks one receivable scan asks for: from the stored start block (or the latest block when
 * none is stored yet) to the latest, cut to the provider's limit when one is known. The next scan
 * starts after {@code toBlock}.
 */
public record ScanWindow(long fromBlock, long toBlock) {
  public ScanWindow {
    if (fromBlock < 0 || toBlock < fromBlock) {
      throw new IllegalArgumentException(
          "scan window: " + fromBlock + ".." + toBlock + " (expected: 0 <= from <= to)");
    }
  }

  /**
   * The window, or empty when the start block lies beyond the latest block (nothing new yet).
   *
   * @param startBlock the first block not scanned yet, if one is stored
   * @param latestBlock the chain's latest block
   * @param maxBlockCount the provider's range limit, if known
   */
  public static java.util.Optional<ScanWindow> of(
      OptionalLong startBlock, long latestBlock, OptionalLong maxBlockCount) {
    long from = startBlock.orElse(latestBlock);
    if (from > latestBlock) {
      return java.util.Optional.empty();
    }
    long to = latestBlock;
    if (maxBlockCount.isPresent()) {
      if (maxBlockCount.getAsLong() < 1) {
        throw new IllegalArgumentException(
            "max block count: " + maxBlockCount.getAsLong() + " (expected: >= 1)");
      }
      to = Math.min(latestBlock, from + maxBlockCount.getAsLong() - 1);
    }
    return java.util.Optional.of(new ScanWindow(from, to));
  }

  public long nextStartBlock() {
    return toBlock + 1;
  }
}
