package org.jmasq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Function;
import org.jmasq.node.DatabaseConfigurator;
import org.jmasq.node.ui.UiHandler;
import org.jmasq.node.ui.WalletHandlers;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code generate-wallets}, {@code recover-wallets} and {@code wallet-addresses}, the reference's
 * masq commands: one request each, asked of the Node on {@code --ui-port}, or, when none is
 * running, answered by the Node's own handler over the database in {@code --data-directory}.
 */
final class WalletCommands {
  private WalletCommands() {}

  /** The options and the one code path the three share. */
  abstract static class WalletCommand extends UiCommand {
    @Option(
        names = "--db-password",
        description =
            "The database password (set one first with set-password). Better in"
                + " MASQ_DB_PASSWORD: every local user can read a command line.")
    String dbPassword;

    @Mixin StoppedNodeOptions stopped = new StoppedNodeOptions();

    /** The request the options make, asked of the Node or answered offline. */
    private ObjectNode pending;

    abstract String opcode();

    abstract ObjectNode request();

    abstract Function<WalletHandlers, UiHandler> handler();

    abstract void print(ObjectNode answer, PrintWriter out);

    @Override
    public Integer call() throws Exception {
      if (dbPassword == null) {
        throw new ParameterException(
            spec.commandLine(), "Missing required option: '--db-password' (or MASQ_DB_PASSWORD)");
      }
      if (access == UiAccess.ONE_SHOT) {
        new Secrets(spec, in)
            .warnIfTyped("--db-password", "give it in MASQ_DB_PASSWORD, or use jmasq shell");
      }
      ObjectNode request = request();
      request.put("dbPassword", dbPassword);
      pending = request;
      try {
        return super.call();
      } catch (NoNodeRunning none) {
        ObjectNode offline =
            StoppedNode.answer(
                spec,
                none,
                stopped,
                Optional.of(dbPassword),
                db ->
                    handler()
                        .apply(
                            new WalletHandlers(
                                Optional.of(DatabaseConfigurator.passwords(db)),
                                Optional.of(DatabaseConfigurator.ofStoppedNode(db)),
                                new SecureRandom())),
                request);
        print(offline, spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return 0;
      }
    }

    @Override
    int run(UiConnection node, PrintWriter out) throws Exception {
      print(node.ask(opcode(), pending), out);
      return 0;
    }
  }

  @Command(
      name = "generate-wallets",
      mixinStandardHelpOptions = true,
      description = {
        "Generate a mnemonic and the consuming and earning wallets it gives, and keep them in"
            + " the Node's database; the words and keys are shown once.",
        "The Node uses the wallets from its next start."
      })
  static final class GenerateWallets extends WalletCommand {
    @Option(
        names = "--word-count",
        defaultValue = "12",
        description = "12, 15, 18, 21 or 24 words (default: ${DEFAULT-VALUE}).")
    int wordCount;

    @Option(
        names = "--language",
        defaultValue = "English",
        description = "The words' language (default: ${DEFAULT-VALUE}, the only one known).")
    String language;

    @Option(
        names = "--passphrase",
        description = "The BIP-39 passphrase that salts the words (default: none).")
    String passphrase;

    @Option(
        names = "--consuming-path",
        defaultValue = "m/44'/60'/0'/0/0",
        description = "The consuming wallet's derivation path (default: ${DEFAULT-VALUE}).")
    String consumingPath;

    @Option(
        names = "--earning-path",
        defaultValue = "m/44'/60'/0'/0/1",
        description = "The earning wallet's derivation path (default: ${DEFAULT-VALUE}).")
    String earningPath;

    @Override
    String opcode() {
      return "generateWallets";
    }

    @Override
    ObjectNode request() {
      ObjectNode r = object();
      ObjectNode seed = r.putObject("seedSpecOpt");
      seed.put("mnemonicPhraseSizeOpt", wordCount);
      seed.put("mnemonicPhraseLanguageOpt", language);
      if (passphrase == null) {
        seed.putNull("mnemonicPassphraseOpt");
      } else {
        seed.put("mnemonicPassphraseOpt", passphrase);
      }
      r.put("consumingDerivationPathOpt", consumingPath);
      r.put("earningDerivationPathOpt", earningPath);
      return r;
    }

    @Override
    Function<WalletHandlers, UiHandler> handler() {
      return WalletHandlers::generateWallets;
    }

    @Override
    void print(ObjectNode answer, PrintWriter out) {
      JsonNode words = answer.path("mnemonicPhraseOpt");
      if (words.isArray()) {
        StringBuilder phrase = new StringBuilder();
        words.forEach(w -> phrase.append(phrase.isEmpty() ? "" : " ").append(w.asText()));
        out.println(
            "Copy this phrase down and keep it safe; you'll need it to restore your wallet:");
        out.println("'" + phrase + "'");
      }
      out.println(
          "Address of     consuming wallet: " + answer.path("consumingWalletAddress").asText());
      out.println(
          "Private key of consuming wallet: " + answer.path("consumingWalletPrivateKey").asText());
      out.println(
          "Address of       earning wallet: " + answer.path("earningWalletAddress").asText());
      out.println(
          "Private key of   earning wallet: " + answer.path("earningWalletPrivateKey").asText());
    }
  }

  @Command(
      name = "recover-wallets",
      mixinStandardHelpOptions = true,
      description = {
        "Keep the wallets of a known mnemonic, or a consuming key and an earning address, in the"
            + " Node's database.",
        "The Node uses the wallets from its next start."
      })
  static final class RecoverWallets extends WalletCommand {
    @Option(
        names = "--mnemonic-phrase",
        paramLabel = "\"WORDS\"",
        description = "The 12 to 24 words, in quotes.")
    String mnemonicPhrase;

    @Option(
        names = "--passphrase",
        description = "The BIP-39 passphrase that salted the words (default: none).")
    String passphrase;

    @Option(
        names = "--language",
        defaultValue = "English",
        description = "The words' language (default: ${DEFAULT-VALUE}, the only one known).")
    String language;

    @ArgGroup(exclusive = true)
    Consuming consuming = new Consuming();

    @ArgGroup(exclusive = true)
    Earning earning = new Earning();

    /** The consuming wallet: derived from the words, or its key. */
    static final class Consuming {
      @Option(
          names = "--consuming-path",
          description = "The consuming wallet's derivation path (default: m/44'/60'/0'/0/0).")
      String path;

      @Option(
          names = "--consuming-key",
          description = "The consuming wallet's private key, 64 hex digits.")
      String key;
    }

    /** The earning wallet: derived from the words, or its address. */
    static final class Earning {
      @Option(
          names = "--earning-path",
          description = "The earning wallet's derivation path (default: m/44'/60'/0'/0/1).")
      String path;

      @Option(names = "--earning-address", description = "The earning wallet's address, 0x...")
      String address;
    }

    @Override
    public Integer call() throws Exception {
      if (mnemonicPhrase == null && (consuming.key == null || earning.address == null)) {
        throw new ParameterException(
            spec.commandLine(),
            "give --mnemonic-phrase, or both --consuming-key and --earning-address");
      }
      return super.call();
    }

    @Override
    String opcode() {
      return "recoverWallets";
    }

    @Override
    ObjectNode request() {
      ObjectNode r = object();
      if (mnemonicPhrase == null) {
        r.putNull("seedSpecOpt");
      } else {
        ObjectNode seed = r.putObject("seedSpecOpt");
        ArrayNode words = seed.putArray("mnemonicPhrase");
        for (String w : mnemonicPhrase.trim().split("\\s+")) {
          words.add(w);
        }
        seed.put("mnemonicPhraseLanguageOpt", language);
        if (passphrase == null) {
          seed.putNull("mnemonicPassphraseOpt");
        } else {
          seed.put("mnemonicPassphraseOpt", passphrase);
        }
      }
      putOpt(r, "consumingDerivationPathOpt", consuming.path);
      putOpt(r, "consumingPrivateKeyOpt", consuming.key);
      putOpt(r, "earningDerivationPathOpt", earning.path);
      putOpt(r, "earningAddressOpt", earning.address);
      return r;
    }

    @Override
    Function<WalletHandlers, UiHandler> handler() {
      return WalletHandlers::recoverWallets;
    }

    @Override
    void print(ObjectNode answer, PrintWriter out) {
      out.println("Wallets were successfully recovered");
    }
  }

  @Command(
      name = "wallet-addresses",
      mixinStandardHelpOptions = true,
      description = "Show the addresses of the Node's consuming and earning wallets.")
  static final class WalletAddresses extends WalletCommand {
    @Override
    String opcode() {
      return "walletAddresses";
    }

    @Override
    ObjectNode request() {
      return object();
    }

    @Override
    Function<WalletHandlers, UiHandler> handler() {
      return WalletHandlers::walletAddresses;
    }

    @Override
    void print(ObjectNode answer, PrintWriter out) {
      out.println("Consuming wallet address: " + answer.path("consumingWalletAddress").asText());
      out.println("Earning wallet address:   " + answer.path("earningWalletAddress").asText());
    }
  }

  private static void putOpt(ObjectNode r, String field, String value) {
    if (value == null) {
      r.putNull(field);
    } else {
      r.put(field, value);
    }
  }
}
