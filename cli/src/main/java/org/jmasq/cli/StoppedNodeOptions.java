package org.jmasq.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jmasq.identity.Chain;
import org.jmasq.node.database.NodeDatabase;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --data-directory} and {@code --chain}: where a stopped Node's database is, for the
 * commands that answer from it when no Node is running on {@code --ui-port}.
 */
final class StoppedNodeOptions {
  @Option(
      names = "--data-directory",
      description = "The Node's data directory, used when no Node is running on --ui-port.")
  Path dataDirectory;

  @Option(
      names = "--chain",
      converter = Converters.ChainName.class,
      defaultValue = "base-mainnet",
      description = "The chain of that database (default: ${DEFAULT-VALUE}).")
  Chain chain;

  /**
   * The data directory given, which holds a Node database.
   *
   * @param none why the Node was not asked: said again when no directory was given
   */
  Path directory(CommandSpec spec, NoNodeRunning none) throws Refusal {
    if (dataDirectory == null) {
      throw new Refusal(
          none.getMessage() + "; give --data-directory to use a stopped Node's database");
    }
    if (!Files.exists(dataDirectory.resolve(NodeDatabase.FILE_NAME))) {
      throw new ParameterException(spec.commandLine(), "no Node database in " + dataDirectory);
    }
    return dataDirectory;
  }
}
