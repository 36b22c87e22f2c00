package org.jmasq.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * Defaults from the environment, as the reference reads them: {@code --proxy-port} comes from
 * {@code MASQ_PROXY_PORT}, and so on. The command line still wins.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
  private final Map<String, String> environment;

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
    if (argSpec instanceof CommandLine.Model.OptionSpec option
        && option.longestName().startsWith("--")) {
      String name =
          "MASQ_"
              + option
                  .longestName()
                  .substring(2)
                  .toUpperCase(java.util.Locale.ROOT)
                  .replace('-', '_');
      String value = environment.get(name);
      if (value != null) {
        return value;
      }
    }
    return argSpec.defaultValue();
  }
}
