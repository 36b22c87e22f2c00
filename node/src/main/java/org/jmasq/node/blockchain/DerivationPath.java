package org.jmasq.node.blockchain;

import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;

/**
 * A BIP-32 derivation path such as {@code m/44'/60'/0'/0/0}: child indices, hardened ones with bit
 * 31 set. {@link #parse} is what users' paths go through, and like the reference's validator it
 * wants at least three hardened components, so that a leaked child key and the parent's public data
 * cannot give away the account's other keys.
 */
public record DerivationPath(List<Integer> indices) {
  /** The consuming wallet's default path. */
  public static final DerivationPath CONSUMING = parse("m/44'/60'/0'/0/0");

  /** The earning wallet's default path. */
  public static final DerivationPath EARNING = parse("m/44'/60'/0'/0/1");

  private static final int MAX_DEPTH = 255;

  public DerivationPath {
    indices = List.copyOf(indices);
  }

  public static DerivationPath parse(String text) {
    if (text == null || !text.startsWith("m/")) {
      throw new IllegalArgumentException(
          "derivation path '"
              + text
              + "' does not start with m/ (expected: like m/44'/60'/0'/0/0)");
    }
    String[] parts = text.substring(2).split("/", -1);
    if (parts.length > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "derivation path '" + text + "' is deeper than " + MAX_DEPTH);
    }
    List<Integer> indices = new ArrayList<>();
    int hardened = 0;
    for (String part : parts) {
      boolean isHardened = part.endsWith("'") || part.endsWith("h") || part.endsWith("H");
      String digits = isHardened ? part.substring(0, part.length() - 1) : part;
      if (!digits.matches("[0-9]{1,10}") || Long.parseLong(digits) >= (1L << 31)) {
        throw new IllegalArgumentException(
            "derivation path '"
                + text
                + "': component '"
                + part
                + "' is not an index below 2^31 with an optional '");
      }
      int index = Integer.parseInt(digits);
      if (isHardened) {
        hardened++;
        index |= Bip32ECKeyPair.HARDENED_BIT;
      }
      indices.add(index);
    }
    if (hardened < 3) {
      throw new IllegalArgumentException(
          "derivation path '"
              + text
              + "' has "
              + hardened
              + " hardened components (expected: at least 3, like m/44'/60'/0'/0/0)");
    }
    return new DerivationPath(indices);
  }

  int[] toArray() {
    return indices.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("m");
    for (int index : indices) {
      s.append('/').append(index & ~Bip32ECKeyPair.HARDENED_BIT);
      if ((index & Bip32ECKeyPair.HARDENED_BIT) != 0) {
        s.append('\'');
      }
    }
    return s.toString();
  }
}
