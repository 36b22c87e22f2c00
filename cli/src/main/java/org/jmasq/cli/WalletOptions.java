package org.jmasq.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.jmasq.node.blockchain.DerivationPath;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.Wallets;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.datadir.KeptWallets;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code wallets generate} and {@code wallets recover} share: where the wallets are kept, how
 * they are derived from the words, and how they are shown.
 */
final class WalletOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** Where the wallets are kept; the directory and database are created if missing. */
  @Mixin DatabaseLocation location;

  @Option(
      names = "--db-password",
      description =
          "Encrypts the consuming key and the mnemonic seed; set here if the database has no password yet, "
              + "else it must be the one set. Better in MASQ_DB_PASSWORD or --db-password-file: "
              + "every local user can read a command line.")
  String dbPasswordOption;

  @Option(
      names = "--db-password-file",
      description =
          "A file whose first line is the database password (- reads one line of standard input).")
  Path dbPasswordFile;

  @Option(
      names = "--mnemonic-passphrase",
      description =
          "The BIP-39 passphrase that salts the words (default: none); the same words with another passphrase "
              + "give other wallets. Better in MASQ_MNEMONIC_PASSPHRASE or --mnemonic-passphrase-file.")
  String passphraseOption;

  @Option(
      names = "--mnemonic-passphrase-file",
      description =
          "A file whose first line is the mnemonic passphrase (- reads one line of standard input).")
  Path passphraseFile;

  /** The database password and the passphrase, wherever they came from; set by {@link #check}. */
  private String dbPassword;

  private String passphrase;

  @Option(
      names = "--consuming-path",
      converter = Converters.Derivation.class,
      defaultValue = "m/44'/60'/0'/0/0",
      description = "The consuming wallet's derivation path (default: ${DEFAULT-VALUE}).")
  DerivationPath consumingPath;

  @Option(
      names = "--earning-path",
      converter = Converters.Derivation.class,
      defaultValue = "m/44'/60'/0'/0/1",
      description = "The earning wallet's derivation path (default: ${DEFAULT-VALUE}).")
  DerivationPath earningPath;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  /**
   * Reads the secrets (see {@link Secrets}) and refuses what the options cannot say on their own: a
   * missing or empty password.
   */
  void check(Secrets secrets) {
    dbPassword =
        secrets
            .read("--db-password", dbPasswordOption, dbPasswordFile)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "Missing required option: '--db-password' (or MASQ_DB_PASSWORD, or"
                            + " --db-password-file)"));
    passphrase = secrets.read("--mnemonic-passphrase", passphraseOption, passphraseFile).orElse("");
    if (dbPassword.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--db-password must not be empty");
    }
  }

  /**
   * Derives the wallets from {@code mnemonic} and keeps them in the database, or refuses and
   * changes nothing.
   */
  Wallets.Derived keep(Mnemonic mnemonic) throws Refusal, DatabaseException {
    return keep(mnemonic, derived -> {});
  }

  /**
   * As {@link #keep(Mnemonic)}, running {@code beforeCommit} just before the wallets are committed.
   */
  Wallets.Derived keep(Mnemonic mnemonic, KeptWallets.BeforeCommit beforeCommit)
      throws Refusal, DatabaseException {
    try (LockedDatabase locked =
        LockedDatabase.open(
            location.dataDirectory, location.chain, java.util.Optional.of(dbPassword))) {
      return KeptWallets.keep(
          locked.database(),
          new KeptWallets.Derivation(mnemonic, passphrase, consumingPath, earningPath),
          dbPassword,
          beforeCommit);
    }
  }

  /**
   * Prints the wallets and words of {@code generate} before they are committed; when the words
   * cannot be written (a closed pipe, a full disk), nothing is kept.
   */
  void printBeforeCommit(Wallets.Derived kept) throws DatabaseException {
    print(kept, true);
    if (spec.commandLine().getOut().checkError()) {
      throw new DatabaseException(
          "the words could not be written to standard output; no wallet was kept");
    }
  }

  /** Prints the kept wallets; the words only when {@code showWords}, as generate must. */
  void print(Wallets.Derived kept, boolean showWords) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          "{"
              + (showWords ? "\"mnemonic\":\"" + kept.mnemonic().phrase() + "\"," : "")
              + "\"consumingWallet\":\""
              + kept.consuming().wallet()
              + "\",\"consumingPath\":\""
              + consumingPath
              + "\",\"earningWallet\":\""
              + kept.earning()
              + "\",\"earningPath\":\""
              + earningPath
              + "\"}");
    } else {
      if (showWords) {
        out.println(
            "Write these words down; they are the only way to recover the wallets (they are shown only this once):");
        out.println();
        out.println("  " + kept.mnemonic().phrase());
        out.println();
      }
      out.println("Consuming wallet: " + kept.consuming().wallet() + "  (" + consumingPath + ")");
      out.println("Earning wallet:   " + kept.earning() + "  (" + earningPath + ")");
      out.println(
          "Kept in "
              + location.dataDirectory.resolve(org.jmasq.node.database.NodeDatabase.FILE_NAME)
              + "; start the Node with the same --data-directory and --db-password to use them.");
    }
    out.flush();
  }
}
