package org.jmasq.blockchain;

import java.math.BigInteger;
import java.util.HexFormat;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;

/**
 * The ERC-20 call a payment makes, and what it may cost in gas.
 *
 * <pre>
 *  +-----------+------------------+-------------------+------------------------+
 *  | a9059cbb  | 12 zero bytes    | recipient (20)    | amount (uint256, BE)   |
 *  | 4 bytes   |                  |                   | 32 bytes               |
 *  +-----------+------------------+-------------------+------------------------+
 * </pre>
 */
public final class Erc20 {
  /** {@code transfer(address,uint256)}. */
  static final byte[] TRANSFER_SELECTOR = HexFormat.of().parseHex("a9059cbb");

  /**
   * Keccak-256 of {@code Transfer(address,address,uint256)}: the first topic of every transfer log.
   */
  public static final String TRANSFER_EVENT_TOPIC =
      "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

  static final int TRANSFER_DATA_LENGTH = 4 + 32 + 32;

  /** The margin the reference adds to the base when it estimates fees for the adjuster. */
  static final long MAXIMAL_GAS_LIMIT_MARGIN = 3_328;

  private Erc20() {}

  public static byte[] transferCallData(Wallet recipient, Wei amount) {
    byte[] data = new byte[TRANSFER_DATA_LENGTH];
    System.arraycopy(TRANSFER_SELECTOR, 0, data, 0, 4);
    System.arraycopy(recipient.address(), 0, data, 4 + 12, Wallet.LENGTH);
    byte[] value = amount.toBigInteger().toByteArray();
    // toByteArray may add a sign byte; Wei is below 2^127, so at most 16 significant bytes remain.
    int significant = value.length > 32 ? 32 : value.length;
    System.arraycopy(
        value, value.length - significant, data, TRANSFER_DATA_LENGTH - significant, significant);
    return data;
  }

  /**
   * The gas a chain's transfer starts from: 55 000 on Ethereum and dev, 70 000 on Polygon and Base.
   */
  static long baseGasLimit(Chain chain) {
    return switch (chain) {
      case ETH_MAINNET, ETH_ROPSTEN, DEV -> 55_000;
      case POLYGON_MAINNET, POLYGON_AMOY, BASE_MAINNET, BASE_SEPOLIA -> 70_000;
    };
  }

  /**
   * The base plus 4 gas per zero byte and 68 per non-zero byte of the call data, as the reference
   * computes it.
   */
  public static long gasLimit(Chain chain, byte[] callData) {
    long gas = baseGasLimit(chain);
    for (byte b : callData) {
      gas += b == 0 ? 4 : 68;
    }
    return gas;
  }

  /**
   * The most a transfer on {@code chain} can cost at {@code gasPriceWei}, for the payment adjuster.
   */
  public static Wei maximalFee(Chain chain, Wei gasPriceWei) {
    return Wei.of(
        gasPriceWei
            .toBigInteger()
            .multiply(BigInteger.valueOf(baseGasLimit(chain) + MAXIMAL_GAS_LIMIT_MARGIN)));
  }
}
