package org.jmasq.cli;

import java.io.InputStream;
import java.util.concurrent.Callable;
import org.jmasq.node.blockchain.Mnemonic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code jmasq wallets recover}: the wallets of known words, kept in the Node's database. Without
 * {@code --mnemonic} the words are one line of standard input, so that they never appear in the
 * process list or the shell's history.
 */
@Command(
    name = "recover",
    mixinStandardHelpOptions = true,
    description =
        "Keep the wallets of a known mnemonic in the Node's database; the words come from --mnemonic "
            + "or one line of standard input.")
final class RecoverWalletsCommand implements Callable<Integer> {
  private final InputStream in;

  @Mixin WalletOptions wallets;

  @Option(
      names = "--mnemonic",
      converter = Converters.Words.class,
      description =
          "The 12 to 24 words; without it they are read from standard input (one line), out of sight of ps.")
  Mnemonic mnemonic;

  RecoverWalletsCommand(InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() throws Exception {
    Secrets secrets = new Secrets(wallets.spec, in);
    wallets.check(secrets);
    secrets.warnIfTyped(
        "--mnemonic", "leave it out and give the words as one line of standard input");
    Mnemonic words = mnemonic != null ? mnemonic : readWords(secrets);
    wallets.print(wallets.keep(words), false);
    return 0;
  }

  private Mnemonic readWords(Secrets secrets) {
    String line =
        secrets
            .stdinLine("the mnemonic")
            .filter(l -> !l.isBlank())
            .orElseThrow(
                () ->
                    new ParameterException(
                        wallets.spec.commandLine(),
                        "no mnemonic: give --mnemonic, or the words as one line on standard input"));
    try {
      return Mnemonic.parse(line);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(wallets.spec.commandLine(), "standard input: " + e.getMessage());
    }
  }
}
