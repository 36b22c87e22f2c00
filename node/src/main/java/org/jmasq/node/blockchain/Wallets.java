package org.jmasq.node.blockchain;

import java.security.SecureRandom;
import org.jmasq.identity.Wallet;

/**
 * Generates and recovers a Node's wallets from a BIP-39 mnemonic: the consuming wallet (a key, at
 * {@code m/44'/60'/0'/0/0} by default) and the earning wallet (only its address is kept, at {@code
 * m/44'/60'/0'/0/1} by default).
 */
public final class Wallets {
  private Wallets() {}

  /** The result of generating or recovering: the mnemonic is shown once and never stored. */
  public record Derived(Mnemonic mnemonic, WalletKey consuming, Wallet earning) {}

  static Derived generate(int wordCount, String passphrase, SecureRandom random) {
    return recover(
        Mnemonic.generate(wordCount, random),
        passphrase,
        DerivationPath.CONSUMING,
        DerivationPath.EARNING);
  }

  public static Derived recover(Mnemonic mnemonic, String passphrase) {
    return recover(mnemonic, passphrase, DerivationPath.CONSUMING, DerivationPath.EARNING);
  }

  static Derived recover(
      Mnemonic mnemonic, String passphrase, DerivationPath consuming, DerivationPath earning) {
    byte[] seed = mnemonic.seed(passphrase);
    try {
      return new Derived(
          mnemonic, WalletKey.derive(seed, consuming), WalletKey.derive(seed, earning).wallet());
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }
}
