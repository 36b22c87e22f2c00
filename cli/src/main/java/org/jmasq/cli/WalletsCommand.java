package org.jmasq.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jmasq wallets}: the Node's consuming and earning wallets from a BIP-39 mnemonic. */
@Command(
    name = "wallets",
    mixinStandardHelpOptions = true,
    description =
        "Generate or recover a Node's wallets from a mnemonic and keep them in its database.",
    subcommands = {GenerateWalletsCommand.class, RecoverWalletsCommand.class})
final class WalletsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "a subcommand is required: generate or recover (try: jmasq wallets --help)");
  }
}
