package org.jmasq.identity;

import java.util.Arrays;
import java.util.HexFormat;

/** A 20-byte Ethereum address that earns or pays. */
public final class Wallet {
  public static final int LENGTH = 20;
  private final byte[] address;

  private Wallet(byte[] address) {
    this.address = address;
  }

  public static Wallet of(byte[] address) {
    if (address.length != LENGTH) {
      throw new IllegalArgumentException(
          "wallet address: " + address.length + " bytes (expected: 20)");
    }
    return new Wallet(address.clone());
  }

  /** Parses {@code 0x} followed by 40 hex digits. */
  public static Wallet parse(String text) {
    if (text == null || !text.matches("0[xX][0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException(
          "wallet address '" + text + "' is not 0x followed by 40 hex digits");
    }
    return new Wallet(HexFormat.of().parseHex(text.substring(2)));
  }

  public byte[] address() {
    return address.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Wallet w && Arrays.equals(address, w.address);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(address);
  }

  @Override
  public String toString() {
    return "0x" + HexFormat.of().formatHex(address);
  }
}
