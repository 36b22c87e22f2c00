package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.DerivationPath;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.WrongPasswordException;

/**
 * {@code generateWallets}, {@code recoverWallets} and {@code walletAddresses}: the Node's consuming
 * and earning wallets, kept in its database under the database password, which each request must
 * carry. Wallets kept here are the Node's from its next start. Public so that {@code jmasq
 * generate-wallets} and its kin answer the same request the same way when no Node is running.
 */
public final class WalletHandlers {
  private static final int DEFAULT_WORD_COUNT = 24;

  private final Optional<UiNode.Passwords> passwords;
  private final Optional<Configurator> configurator;
  private final SecureRandom random;

  public WalletHandlers(
      Optional<UiNode.Passwords> passwords,
      Optional<Configurator> configurator,
      SecureRandom random) {
    this.passwords = passwords;
    this.configurator = configurator;
    this.random = random;
  }

  @FunctionalInterface
  private interface Answer {
    UiAnswer answer(ObjectNode request, Configurator configurator)
        throws UiRefusal, DatabaseException;
  }

  /**
   * {@code {dbPassword, seedSpecOpt{mnemonicPhraseSizeOpt, mnemonicPhraseLanguageOpt,
   * mnemonicPassphraseOpt}, consumingDerivationPathOpt, earningDerivationPathOpt}} → {@code
   * {mnemonicPhraseOpt, consumingWalletAddress, consumingWalletPrivateKey, earningWalletAddress,
   * earningWalletPrivateKey}}. Without a seed spec the two keys are random and there are no words.
   */
  public UiHandler generateWallets() {
    return request -> serve(request, once(this::generate));
  }

  /**
   * {@code {dbPassword, seedSpecOpt{mnemonicPhrase, mnemonicPhraseLanguageOpt,
   * mnemonicPassphraseOpt}, consumingDerivationPathOpt, consumingPrivateKeyOpt,
   * earningDerivationPathOpt, earningAddressOpt}} → {@code {}}. A key or address given overrides
   * its derivation; without a seed spec both are required.
   */
  public UiHandler recoverWallets() {
    return request -> serve(request, once(this::recover));
  }

  /** {@code {dbPassword}} → {@code {consumingWalletAddress, earningWalletAddress}}. */
  public UiHandler walletAddresses() {
    return request -> serve(request, WalletHandlers::addresses);
  }

  /**
   * {@code answer}, run by one request at a time over a configurator: it checks that no wallets are
   * kept, then keeps new ones, and two clients asking at once must not both pass the check (the
   * second would replace wallets whose words the first was just shown).
   */
  private static Answer once(Answer answer) {
    return (request, configurator) -> {
      synchronized (configurator) {
        return answer.answer(request, configurator);
      }
    };
  }

  private UiAnswer serve(ObjectNode request, Answer answer) {
    try {
      if (configurator.isEmpty() || passwords.isEmpty()) {
        throw new UiRefusal(
            UiErrors.CONFIGURATOR_READ_ERROR, "a zero-hop Node keeps no database and no wallets");
      }
      String password = text(request, "dbPassword");
      if (!passwords.get().matches(password)) {
        throw new UiRefusal(
            UiErrors.BAD_PASSWORD_ERROR,
            passwords.get().hasPassword()
                ? "the database password is wrong"
                : "no database password is set yet; set one first (set-password)");
      }
      return answer.answer(request, configurator.get());
    } catch (UiRefusal r) {
      return r.answer();
    } catch (WrongPasswordException e) {
      return UiAnswer.failed(UiErrors.BAD_PASSWORD_ERROR, e.getMessage());
    } catch (DatabaseException e) {
      return UiAnswer.failed(
          UiErrors.CONFIGURATOR_WRITE_ERROR, "cannot keep the wallets: " + e.getMessage());
    }
  }

  private UiAnswer generate(ObjectNode request, Configurator configurator)
      throws UiRefusal, DatabaseException {
    refuseIfKept(configurator, "generate");
    JsonNode spec = present(request.get("seedSpecOpt"));
    WalletKey consuming;
    WalletKey earning;
    Optional<Mnemonic> words = Optional.empty();
    byte[] seed = null;
    try {
      if (spec == null) {
        consuming = randomKey();
        earning = randomKey();
      } else {
        language(spec);
        JsonNode size = present(spec.get("mnemonicPhraseSizeOpt"));
        if (size != null && !size.isIntegralNumber()) {
          throw new UiRefusal(UiErrors.UNMARSHAL_ERROR, "mnemonicPhraseSizeOpt must be an integer");
        }
        int count = size == null ? DEFAULT_WORD_COUNT : size.asInt();
        if (!Mnemonic.WORD_COUNTS.contains(count) || size != null && !size.canConvertToInt()) {
          throw new UiRefusal(
              UiErrors.ILLEGAL_MNEMONIC_WORD_COUNT_ERROR,
              "mnemonicPhraseSizeOpt: " + size + " (expected: 12, 15, 18, 21 or 24)");
        }
        words = Optional.of(Mnemonic.generate(count, random));
        seed = words.get().seed(optText(spec, "mnemonicPassphraseOpt").orElse(""));
        consuming = WalletKey.derive(seed, path(request, "consumingDerivationPathOpt", true));
        earning = WalletKey.derive(seed, path(request, "earningDerivationPathOpt", false));
      }
      configurator.keepWallets(
          consuming, earning.wallet(), Optional.ofNullable(seed), text(request, "dbPassword"));
    } finally {
      if (seed != null) {
        Arrays.fill(seed, (byte) 0);
      }
    }
    ObjectNode out = UiAnswer.object();
    if (words.isPresent()) {
      ArrayNode phrase = out.putArray("mnemonicPhraseOpt");
      Arrays.stream(words.get().phrase().split(" ")).forEach(phrase::add);
    } else {
      out.putNull("mnemonicPhraseOpt");
    }
    out.put("consumingWalletAddress", consuming.wallet().toString());
    out.put("consumingWalletPrivateKey", ConfigurationHandler.hex(consuming));
    out.put("earningWalletAddress", earning.wallet().toString());
    out.put("earningWalletPrivateKey", ConfigurationHandler.hex(earning));
    return UiAnswer.ok(out);
  }

  private UiAnswer recover(ObjectNode request, Configurator configurator)
      throws UiRefusal, DatabaseException {
    refuseIfKept(configurator, "recover");
    JsonNode spec = present(request.get("seedSpecOpt"));
    Optional<String> keyText = optText(request, "consumingPrivateKeyOpt");
    Optional<String> addressText = optText(request, "earningAddressOpt");
    if (spec == null && (keyText.isEmpty() || addressText.isEmpty())) {
      throw new UiRefusal(
          UiErrors.MISSING_DATA,
          "without seedSpecOpt both consumingPrivateKeyOpt and earningAddressOpt are required");
    }
    byte[] seed = null;
    try {
      if (spec != null) {
        language(spec);
        seed = mnemonic(spec).seed(optText(spec, "mnemonicPassphraseOpt").orElse(""));
      }
      WalletKey consuming;
      if (keyText.isPresent()) {
        try {
          consuming = WalletKey.parse(keyText.get());
        } catch (IllegalArgumentException e) {
          throw new UiRefusal(UiErrors.KEY_PAIR_CONSTRUCTION_ERROR, e.getMessage());
        }
      } else {
        consuming = WalletKey.derive(seed, path(request, "consumingDerivationPathOpt", true));
      }
      Wallet earning;
      if (addressText.isPresent()) {
        try {
          earning = Wallet.parse(addressText.get());
        } catch (IllegalArgumentException e) {
          throw new UiRefusal(UiErrors.NON_PARSABLE_VALUE, "earningAddressOpt: " + e.getMessage());
        }
      } else {
        earning = WalletKey.derive(seed, path(request, "earningDerivationPathOpt", false)).wallet();
      }
      configurator.keepWallets(
          consuming, earning, Optional.ofNullable(seed), text(request, "dbPassword"));
    } finally {
      if (seed != null) {
        Arrays.fill(seed, (byte) 0);
      }
    }
    return UiAnswer.ok(UiAnswer.object());
  }

  private static UiAnswer addresses(ObjectNode request, Configurator configurator)
      throws UiRefusal, DatabaseException {
    Configurator.WalletAddresses kept =
        configurator
            .walletAddresses(text(request, "dbPassword"))
            .orElseThrow(
                () ->
                    new UiRefusal(
                        UiErrors.EARLY_QUESTIONING_ABOUT_DATA,
                        "this Node has no wallets yet; generate or recover them first"));
    ObjectNode out = UiAnswer.object();
    out.put("consumingWalletAddress", kept.consuming().toString());
    out.put("earningWalletAddress", kept.earning().toString());
    return UiAnswer.ok(out);
  }

  private static void refuseIfKept(Configurator configurator, String verb)
      throws UiRefusal, DatabaseException {
    if (configurator.hasWallets()) {
      throw new UiRefusal(
          UiErrors.ALREADY_INITIALIZED_ERROR,
          "this Node already has a wallet pair; cannot " + verb + " another");
    }
  }

  /** Only English words, as the reference's Node knows. */
  private static void language(JsonNode spec) throws UiRefusal {
    Optional<String> language = optText(spec, "mnemonicPhraseLanguageOpt");
    if (language.isPresent() && !language.get().equals("English")) {
      throw new UiRefusal(
          UiErrors.UNRECOGNIZED_MNEMONIC_LANGUAGE_ERROR,
          "mnemonicPhraseLanguageOpt: " + language.get() + " (expected: English)");
    }
  }

  private static Mnemonic mnemonic(JsonNode spec) throws UiRefusal {
    JsonNode phrase = spec.get("mnemonicPhrase");
    if (phrase == null || !phrase.isArray()) {
      throw new UiRefusal(UiErrors.UNMARSHAL_ERROR, "mnemonicPhrase must be an array of words");
    }
    List<String> words = new ArrayList<>();
    for (JsonNode w : phrase) {
      if (!w.isTextual()) {
        throw new UiRefusal(UiErrors.UNMARSHAL_ERROR, "mnemonicPhrase must be an array of words");
      }
      words.add(w.asText());
    }
    if (!Mnemonic.WORD_COUNTS.contains(words.size())) {
      throw new UiRefusal(
          UiErrors.ILLEGAL_MNEMONIC_WORD_COUNT_ERROR,
          "mnemonicPhrase: " + words.size() + " words (expected: 12, 15, 18, 21 or 24)");
    }
    try {
      return Mnemonic.parse(String.join(" ", words));
    } catch (IllegalArgumentException e) {
      // The message names a word's place, never the word.
      throw new UiRefusal(UiErrors.MNEMONIC_PHRASE_ERROR, e.getMessage());
    }
  }

  private static DerivationPath path(ObjectNode request, String field, boolean consuming)
      throws UiRefusal {
    Optional<String> text = optText(request, field);
    if (text.isEmpty()) {
      return consuming ? DerivationPath.CONSUMING : DerivationPath.EARNING;
    }
    try {
      return DerivationPath.parse(text.get());
    } catch (IllegalArgumentException e) {
      throw new UiRefusal(UiErrors.DERIVATION_PATH_ERROR, field + ": " + e.getMessage());
    }
  }

  private WalletKey randomKey() {
    byte[] bytes = new byte[32];
    try {
      while (true) {
        random.nextBytes(bytes);
        try {
          return WalletKey.of(bytes);
        } catch (IllegalArgumentException e) {
          // Zero or past the curve order: about one chance in 2^128; draw again.
        }
      }
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  private static String text(JsonNode request, String field) throws UiRefusal {
    JsonNode n = request.get(field);
    if (n == null || !n.isTextual()) {
      throw new UiRefusal(UiErrors.UNMARSHAL_ERROR, field + " must be a string");
    }
    return n.asText();
  }

  private static Optional<String> optText(JsonNode request, String field) throws UiRefusal {
    JsonNode n = present(request.get(field));
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw new UiRefusal(UiErrors.UNMARSHAL_ERROR, field + " must be a string or null");
    }
    return Optional.of(n.asText());
  }
}
