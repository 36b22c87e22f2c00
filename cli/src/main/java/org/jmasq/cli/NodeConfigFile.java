package org.jmasq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import org.jmasq.cli.ConfigFile.BadConfigFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Finds the config file of a {@code jmasq node} run and checks that each of its keys is an option
 * the file may give: {@code <data-directory>/config.toml}, or {@code --config-file} (relative to
 * the data directory). The data directory and the file's own path come from the command line or the
 * environment only, since they say where the file is.
 *
 * @param dataDirectory the data directory the file was looked for in
 * @param file the file and its values
 */
record NodeConfigFile(Path dataDirectory, ConfigFile file) {
  /** The default file name in the data directory. */
  static final String DEFAULT_NAME = "config.toml";

  /** Options that are no settings: where the file is, and what asks for help instead of a Node. */
  private static final Set<String> NOT_FROM_FILE =
      Set.of("config-file", "data-directory", "help", "version");

  /**
   * The checked config file of {@code node}, a parsed {@code node} command whose data directory is
   * {@code dataDirectory} and whose {@code --config-file} is {@code named} (null: not given).
   */
  static NodeConfigFile read(CommandSpec node, Path dataDirectory, Path named)
      throws BadConfigFile {
    Path file = dataDirectory.resolve(named == null ? Path.of(DEFAULT_NAME) : named);
    ConfigFile config = ConfigFile.read(file, named != null);
    for (String key : config.values().keySet()) {
      if (NOT_FROM_FILE.contains(key)) {
        throw new BadConfigFile(
            "config file "
                + file
                + ": "
                + key
                + " cannot be given in a config file (give --"
                + key
                + " on the command line or in "
                + Secrets.variable("--" + key)
                + ")");
      }
      if (option(node, key).isEmpty()) {
        throw new BadConfigFile(
            "config file "
                + file
                + ": unknown key '"
                + ConfigFile.printable(key)
                + "' (keys are the options of jmasq node without --; see jmasq node --help)");
      }
      if (option(node, key + "-file").isPresent() && !isPrivate(file)) {
        throw new BadConfigFile(
            "config file "
                + file
                + " holds "
                + key
                + ", a secret, but other users may read the file: chmod 600 "
                + file);
      }
    }
    return new NodeConfigFile(dataDirectory, config);
  }

  /** The option {@code --key} of {@code node}, matched by its long name exactly. */
  static Optional<OptionSpec> option(CommandSpec node, String key) {
    return node.options().stream().filter(o -> o.longestName().equals("--" + key)).findFirst();
  }

  /** Whether only its owner may read or change {@code file} (0600 or stricter). */
  private static boolean isPrivate(Path file) throws BadConfigFile {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its own access rules apply.
      return true;
    } catch (IOException e) {
      throw new BadConfigFile("config file " + file + " cannot be read (" + e.getMessage() + ")");
    }
    return permissions.stream()
        .allMatch(
            p ->
                p == PosixFilePermission.OWNER_READ
                    || p == PosixFilePermission.OWNER_WRITE
                    || p == PosixFilePermission.OWNER_EXECUTE);
  }
}
