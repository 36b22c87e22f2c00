package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jmasq.identity.Wallet;

/**
 * ganache's deterministic phrase, whose accounts 0 and 1 are published test wallets, and a data
 * directory that keeps them.
 */
final class Ganache {
  static final String PHRASE =
      "myth like bonus scare over problem client lizard pioneer submit female collect";

  /** Account 0, at m/44'/60'/0'/0/0: the consuming wallet by default. */
  static final Wallet ACCOUNT_0 = Wallet.parse("0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1");

  /** Account 1, at m/44'/60'/0'/0/1: the earning wallet by default. */
  static final Wallet ACCOUNT_1 = Wallet.parse("0xffcf8fdee72ac11b5c542428b35eef5769c409f0");

  private Ganache() {}

  /** Recovers ganache's wallets into {@code dataDirectory} (chain dev) under {@code password}. */
  static Path keptIn(Path dataDirectory, String password) {
    CommandRun run =
        CommandRun.of(
            "wallets",
            "recover",
            "--data-directory",
            dataDirectory.toString(),
            "--chain",
            "dev",
            "--db-password",
            password,
            "--mnemonic",
            PHRASE);
    assertThat(run.exit()).as(run.err()).isZero();
    return dataDirectory;
  }
}
