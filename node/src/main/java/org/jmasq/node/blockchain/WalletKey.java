package org.jmasq.node.blockchain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.jmasq.identity.Wallet;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * A wallet's secp256k1 private key and its address (the last 20 bytes of Keccak-256 of the
 * uncompressed public key). The consuming wallet needs one to pay and to prove it pays.
 */
public final class WalletKey {
  /** The order of secp256k1: a private key must lie in 1 … n − 1. */
  private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();

  private final ECKeyPair keyPair;
  private final Wallet wallet;

  private WalletKey(ECKeyPair keyPair) {
    this.keyPair = keyPair;
    this.wallet = Wallet.of(addressBytes(keyPair.getPublicKey()));
  }

  private static byte[] addressBytes(BigInteger publicKey) {
    String hex = Keys.getAddress(publicKey);
    return HexFormat.of().parseHex("0".repeat(40 - hex.length()) + hex);
  }

  /** The address of an uncompressed public key given as a 512-bit number. */
  static Wallet walletOf(BigInteger publicKey) {
    return Wallet.of(addressBytes(publicKey));
  }

  /** A key from its 32 bytes; zero and values at or above the curve order are refused. */
  public static WalletKey of(byte[] privateKey) {
    if (privateKey == null || privateKey.length != 32) {
      throw new IllegalArgumentException(
          "private key: "
              + (privateKey == null ? "null" : privateKey.length + " bytes")
              + " (expected: 32 bytes)");
    }
    BigInteger k = new BigInteger(1, privateKey);
    if (k.signum() == 0 || k.compareTo(CURVE_ORDER) >= 0) {
      throw new IllegalArgumentException(
          "private key: not a valid secp256k1 key (expected: 1 to n-1)");
    }
    return new WalletKey(ECKeyPair.create(k));
  }

  /**
   * Parses 64 hex digits, with or without {@code 0x}, as {@code --consuming-private-key} takes
   * them.
   */
  public static WalletKey parse(String hex) {
    String digits = hex == null ? "" : hex.trim();
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    if (!digits.matches("[0-9a-fA-F]{64}")) {
      // Do not echo the text: it may be most of a real key.
      throw new IllegalArgumentException(
          "consuming private key: " + digits.length() + " characters (expected: 64 hex digits)");
    }
    return of(HexFormat.of().parseHex(digits));
  }

  /** The key at {@code path} below the BIP-32 master key of {@code seed}. */
  public static WalletKey derive(byte[] seed, DerivationPath path) {
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
    return new WalletKey(Bip32ECKeyPair.deriveKeyPair(master, path.toArray()));
  }

  public Wallet wallet() {
    return wallet;
  }

  /** The 32 private-key bytes, for the encrypted config row only. */
  public byte[] privateKeyBytes() {
    byte[] raw = keyPair.getPrivateKey().toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  ECKeyPair keyPair() {
    return keyPair;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WalletKey k && Arrays.equals(privateKeyBytes(), k.privateKeyBytes());
  }

  @Override
  public int hashCode() {
    return wallet.hashCode();
  }

  /** Names the wallet only; the key must not reach a log. */
  @Override
  public String toString() {
    return "WalletKey[" + wallet + "]";
  }
}
