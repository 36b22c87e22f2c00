package org.jmasq.cli;

import java.io.InputStream;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.jmasq.node.blockchain.Mnemonic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jmasq wallets generate}: new words, and the wallets they give kept in the Node's database.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Generate a mnemonic, keep the wallets it gives in the Node's database, and show the words once.")
final class GenerateWalletsCommand implements Callable<Integer> {
  private final InputStream in;

  @Mixin WalletOptions wallets;

  @Option(
      names = "--word-count",
      converter = Converters.WordCount.class,
      defaultValue = "24",
      description = "12, 15, 18, 21 or 24 words (default: ${DEFAULT-VALUE}).")
  int wordCount;

  GenerateWalletsCommand(InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() throws Exception {
    wallets.check(new Secrets(wallets.spec, in));
    // The words are shown before the wallets are committed: wallets whose words nobody saw are
    // never kept.
    wallets.keep(Mnemonic.generate(wordCount, new SecureRandom()), wallets::printBeforeCommit);
    return 0;
  }
}
