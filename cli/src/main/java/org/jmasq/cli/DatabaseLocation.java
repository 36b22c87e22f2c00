package org.jmasq.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jmasq.identity.Chain;
import org.jmasq.node.database.NodeDatabase;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where an existing Node database is: the options of the commands that read or change one. */
final class DatabaseLocation {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--data-directory", required = true, description = "The Node's data directory.")
  Path dataDirectory;

  @Option(
      names = "--chain",
      converter = Converters.ChainName.class,
      defaultValue = "base-mainnet",
      description = "The chain the Node's database belongs to (default: ${DEFAULT-VALUE}).")
  Chain chain;

  /**
   * The database file, refused as a bad flag when there is none: these commands never create one.
   */
  Path existingFile() {
    Path file = dataDirectory.resolve(NodeDatabase.FILE_NAME);
    if (!Files.exists(file)) {
      throw new ParameterException(spec.commandLine(), "no Node database in " + dataDirectory);
    }
    return file;
  }
}
