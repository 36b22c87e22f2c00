package org.jmasq.node.blockchain;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.web3j.crypto.MnemonicUtils;

/**
 * A BIP-39 mnemonic in the English word list: 12, 15, 18, 21 or 24 words whose last bits are a
 * checksum of the entropy. Parsing says which word is wrong rather than only that one is. The words
 * are never stored; the seed and the consuming key derived from them are, encrypted.
 */
public final class Mnemonic {
  public static final Set<Integer> WORD_COUNTS = Set.of(12, 15, 18, 21, 24);
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final List<String> words;

  private Mnemonic(List<String> words) {
    this.words = List.copyOf(words);
  }

  /** Parses words separated by white space; case and extra spaces do not matter. */
  public static Mnemonic parse(String phrase) {
    if (phrase == null || phrase.isBlank()) {
      throw new IllegalArgumentException(
          "mnemonic: empty (expected: 12, 15, 18, 21 or 24 English BIP-39 words)");
    }
    List<String> words = Arrays.asList(SPACES.split(phrase.trim().toLowerCase(Locale.ROOT)));
    if (!WORD_COUNTS.contains(words.size())) {
      throw new IllegalArgumentException(
          "mnemonic: "
              + words.size()
              + " words (expected: 12, 15, 18, 21 or 24 English BIP-39 words)");
    }
    List<String> dictionary = MnemonicUtils.getWords();
    for (int i = 0; i < words.size(); i++) {
      if (!dictionary.contains(words.get(i))) {
        // The word itself is not repeated: a misspelt secret word is still most of the secret.
        throw new IllegalArgumentException(
            "mnemonic: word " + (i + 1) + " is not in the English BIP-39 word list");
      }
    }
    try {
      MnemonicUtils.generateEntropy(String.join(" ", words));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "mnemonic: the checksum does not match; a word is wrong or out of order");
    }
    return new Mnemonic(words);
  }

  /** A new mnemonic of {@code wordCount} words from {@code random}. */
  public static Mnemonic generate(int wordCount, SecureRandom random) {
    if (!WORD_COUNTS.contains(wordCount)) {
      throw new IllegalArgumentException(
          "mnemonic word count: " + wordCount + " (expected: 12, 15, 18, 21 or 24)");
    }
    byte[] entropy = new byte[wordCount * 4 / 3];
    random.nextBytes(entropy);
    return fromEntropy(entropy);
  }

  /** The mnemonic that encodes {@code entropy} (16, 20, 24, 28 or 32 bytes). */
  static Mnemonic fromEntropy(byte[] entropy) {
    if (entropy.length < 16 || entropy.length > 32 || entropy.length % 4 != 0) {
      throw new IllegalArgumentException(
          "mnemonic entropy: " + entropy.length + " bytes (expected: 16, 20, 24, 28 or 32)");
    }
    return parse(MnemonicUtils.generateMnemonic(entropy));
  }

  /**
   * The 64-byte BIP-39 seed: PBKDF2-HMAC-SHA512 of the words with "mnemonic" + passphrase as salt.
   */
  public byte[] seed(String passphrase) {
    return MnemonicUtils.generateSeed(phrase(), passphrase == null ? "" : passphrase);
  }

  List<String> words() {
    return words;
  }

  public String phrase() {
    return String.join(" ", words);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mnemonic m && words.equals(m.words);
  }

  @Override
  public int hashCode() {
    return words.hashCode();
  }

  /** Hides the words: a mnemonic is a secret and must not reach a log. */
  @Override
  public String toString() {
    return "Mnemonic[" + words.size() + " words]";
  }
}
