package org.jmasq.cli;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The Daemon's setup: the values a user set for the Node it will start, over the environment's, the
 * config file's and the options' defaults, each shown with its status as the reference's Daemon
 * shows it ({@code SYSTEM.md} Part 2 §8.3). The names are the options of {@code jmasq node} without
 * {@code --}, but {@code ui-port}, which the Daemon chooses for its Node. Immutable: a change gives
 * a new setup.
 *
 * <p>A value is checked as {@code jmasq node} checks it, by the same picocli converters, when it is
 * set; the values together (the combinations {@code jmasq node} refuses) when the Node starts, as
 * the user may set them in any order. Like the reference's Daemon, this one keeps the values in
 * memory only; the Node keeps in its database what it keeps there.
 */
final class DaemonSetup {
  /** How a value came to be, with the reference's names. */
  enum Status {
    Default,
    Configured,
    Set,
    Blank,
    Required
  }

  record Value(String name, String value, Status status) {}

  /** A change the user asked for: a value, or none to clear what was set. */
  record Change(String name, Optional<String> value) {}

  /** A value not taken, and why. */
  record Error(String name, String message) {}

  record Changed(DaemonSetup setup, List<Error> errors) {}

  /** Options that are no setup of the Node. */
  private static final Set<String> NOT_SETUP = Set.of("help", "version", "ui-port");

  /** Secrets, shown as this many asterisks, as the reference's Daemon shows them. */
  private static final Map<String, Integer> CENSORED =
      Map.of("db-password", 16, "consuming-private-key", 64);

  private static final CommandSpec NODE =
      new CommandLine(new NodeCommand(InputStream.nullInputStream())).getCommandSpec();

  private final Map<String, String> environment;
  private final Map<String, String> set;

  /** No value set yet; {@code environment} is the Daemon's, which its Node inherits. */
  DaemonSetup(Map<String, String> environment) {
    this(environment, Map.of());
  }

  private DaemonSetup(Map<String, String> environment, Map<String, String> set) {
    this.environment = Map.copyOf(environment);
    this.set = Map.copyOf(set);
  }

  /** Applies {@code changes} in order; a bad one is left out and named in the errors. */
  Changed change(List<Change> changes) {
    Map<String, String> next = new TreeMap<>(set);
    List<Error> errors = new ArrayList<>();
    for (Change c : changes) {
      if (c.name().equals("ui-port")) {
        errors.add(new Error(c.name(), "ui-port is chosen by the Daemon for its Node"));
      } else if (option(c.name()).isEmpty()) {
        errors.add(
            new Error(
                ConfigFile.printable(c.name()),
                "unknown parameter (the parameters are the options of jmasq node without --)"));
      } else if (c.value().isEmpty() || c.value().get().isEmpty()) {
        next.remove(c.name());
      } else {
        Map<String, String> tried = new TreeMap<>(next);
        tried.put(c.name(), c.value().get());
        Optional<String> bad = badValue(c.name(), c.value().get(), tried);
        if (bad.isPresent()) {
          errors.add(new Error(c.name(), bad.get()));
        } else {
          next = tried;
        }
      }
    }
    return new Changed(new DaemonSetup(environment, next), List.copyOf(errors));
  }

  /** Why {@code name} cannot be {@code value}, {@code jmasq node}'s words; empty if it can. */
  private Optional<String> badValue(String name, String value, Map<String, String> tried) {
    try {
      Main.parsedNode(environment(tried), "node");
      return Optional.empty();
    } catch (ParameterException e) {
      boolean this_ = e.getArgSpec() instanceof OptionSpec o && o.longestName().equals("--" + name);
      if (!this_) {
        return Optional.empty(); // another value's fault, reported when the Node starts
      }
      String message = oneLine(e.getMessage());
      return Optional.of(CENSORED.containsKey(name) ? message.replace(value, "***") : message);
    }
  }

  /**
   * Why the Node cannot start with these values, in {@code jmasq node}'s words; empty if it can.
   */
  Optional<String> whyNotStartable() {
    try {
      Main.parsedNode(nodeEnvironment(), "node").checkCombinations();
      return Optional.empty();
    } catch (ParameterException e) {
      return Optional.of(oneLine(e.getMessage()));
    }
  }

  /**
   * The environment the Node is started with: the Daemon's, and each value set as its {@code
   * MASQ_*} variable, which beats the config file as the command line would. Not the command line,
   * where other users could read the secrets.
   */
  Map<String, String> nodeEnvironment() {
    return environment(set);
  }

  private Map<String, String> environment(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(environment);
    values.forEach((k, v) -> all.put(EnvironmentDefaults.variable(k), v));
    return all;
  }

  /** Every parameter by name, with its value and status. */
  List<Value> values() {
    Optional<NodeCommand> node = parsed();
    Map<String, String> file = node.flatMap(DaemonSetup::fileValues).orElse(Map.of());
    String mode = effective("neighborhood-mode", file);
    boolean needsNeighbors = mode.equals("originate-only") || mode.equals("consume-only");
    List<Value> values = new ArrayList<>();
    for (OptionSpec o : NODE.options()) {
      String name = o.longestName().substring(2);
      if (!o.longestName().startsWith("--") || NOT_SETUP.contains(name)) {
        continue;
      }
      Value v;
      if (set.containsKey(name)) {
        v = new Value(name, set.get(name), Status.Set);
      } else if (environment.containsKey(EnvironmentDefaults.variable(name))) {
        v = new Value(name, environment.get(EnvironmentDefaults.variable(name)), Status.Configured);
      } else if (file.containsKey(name)) {
        v = new Value(name, file.get(name), Status.Configured);
      } else if (o.defaultValue() != null) {
        v = new Value(name, o.defaultValue(), Status.Default);
      } else if (name.equals("data-directory") && node.isPresent()) {
        v = new Value(name, node.get().dataDirectoryOrDefault().toString(), Status.Default);
      } else {
        boolean required = name.equals("neighbors") && needsNeighbors;
        v = new Value(name, "", required ? Status.Required : Status.Blank);
      }
      values.add(censored(v));
    }
    values.sort((a, b) -> a.name().compareTo(b.name()));
    return values;
  }

  private String effective(String name, Map<String, String> file) {
    String value = set.get(name);
    if (value == null) {
      value = environment.get(EnvironmentDefaults.variable(name));
    }
    if (value == null) {
      value = file.get(name);
    }
    if (value == null) {
      value = option(name).map(OptionSpec::defaultValue).orElse("");
    }
    return value;
  }

  private static Value censored(Value v) {
    Integer stars = CENSORED.get(v.name());
    return stars == null || v.value().isEmpty()
        ? v
        : new Value(v.name(), "*".repeat(stars), v.status());
  }

  private Optional<NodeCommand> parsed() {
    try {
      return Optional.of(Main.parsedNode(nodeEnvironment(), "node"));
    } catch (ParameterException e) {
      return Optional.empty();
    }
  }

  /** The config file's values, or none when it cannot be read (then the Node says why). */
  private static Optional<Map<String, String>> fileValues(NodeCommand node) {
    try {
      return Optional.of(
          NodeConfigFile.read(node.spec, node.dataDirectoryOrDefault(), node.configFile)
              .file()
              .values());
    } catch (ConfigFile.BadConfigFile e) {
      return Optional.empty();
    }
  }

  private static Optional<OptionSpec> option(String name) {
    return NodeConfigFile.option(NODE, name).filter(o -> !NOT_SETUP.contains(name));
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
