package org.jmasq.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Defaults from the environment, as the reference reads them: {@code --proxy-port} comes from
 * {@code MASQ_PROXY_PORT}, and so on; under those, for {@code jmasq node}, the values of its config
 * file. The command line still wins, and the option's own default comes last.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
  private final Map<String, String> environment;
  private final Optional<NodeConfigFile> file;

  EnvironmentDefaults(Map<String, String> environment) {
    this(environment, Optional.empty());
  }

  /** Defaults from {@code environment}, then from {@code file}, then the options' own. */
  EnvironmentDefaults(Map<String, String> environment, Optional<NodeConfigFile> file) {
    this.environment = environment;
    this.file = file;
  }

  @Override
  public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
    if (argSpec instanceof CommandLine.Model.OptionSpec option
        && option.longestName().startsWith("--")) {
      String key = option.longestName().substring(2);
      String value = environment.get(variable(key));
      if (value != null) {
        return value;
      }
      if (file.isPresent() && key.equals("data-directory")) {
        // Where the file was found, even when the file names another chain, whose default data
        // directory would be elsewhere.
        return file.get().dataDirectory().toString();
      }
      String fromFile = file.map(f -> f.file().values().get(key)).orElse(null);
      // A secret's file from the config file does not beat the secret itself in the environment.
      boolean secretInEnvironment =
          key.endsWith("-file")
              && environment.containsKey(
                  variable(key.substring(0, key.length() - "-file".length())));
      if (fromFile != null && !secretInEnvironment) {
        return fromFile;
      }
    }
    return argSpec.defaultValue();
  }

  /** The environment variable of option {@code --key}. */
  static String variable(String key) {
    return "MASQ_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
