package org.jmasq.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmasq.node.NodeStartException;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.sim.SimCommand;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * The {@code jmasq} command. Every user error ends in one line on standard error and a non-zero
 * exit code: 2 for bad flags, 1 for a Node that cannot start or a database or data directory that
 * refuses the command. Stack traces go to the debug log only.
 */
@Command(
    name = "jmasq",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A MASQ Network Node in Java.",
    subcommands = {
      NodeCommand.class,
      DevnetCommand.class,
      TestbedCommand.class,
      SimCommand.class,
      FinancialsCommand.class,
      WalletsCommand.class,
      ChangePasswordCommand.class,
      SetPasswordCommand.class,
      ShellCommand.class,
      UiCommands.Descriptor.class,
      UiCommands.ConnectionStatus.class,
      UiCommands.NeighborhoodGraph.class,
      UiCommands.CheckPassword.class,
      UiCommands.SetConfiguration.class,
      UiCommands.Configuration.class,
      UiCommands.Scan.class,
      ExitLocationCommand.class,
      WalletCommands.GenerateWallets.class,
      WalletCommands.RecoverWallets.class,
      WalletCommands.WalletAddresses.class,
      ShutdownCommand.class,
      DaemonCommand.class,
      DaemonCommands.Setup.class,
      DaemonCommands.Start.class,
      AutoComplete.GenerateCompletion.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv(), System.in).execute(args));
  }

  /**
   * The command line with its defaults from {@code environment} and its standard input {@code in};
   * tests give their own, and their own output and error writers.
   */
  static CommandLine commandLine(Map<String, String> environment, InputStream in) {
    CommandLine cli = commandLine(environment, in, Optional.empty());
    cli.setExecutionStrategy(parsed -> withConfigFile(cli, environment, in, parsed));
    return cli;
  }

  /**
   * The command line whose {@code node} command takes its defaults from the environment, then from
   * {@code file}.
   */
  private static CommandLine commandLine(
      Map<String, String> environment, InputStream in, Optional<NodeConfigFile> file) {
    return configured(
        new CommandLine(new Main(), new Factory(in, environment, UiAccess.ONE_SHOT, false)),
        environment,
        file);
  }

  /** The commands {@code jmasq shell} runs, over the shell's connection. */
  static CommandLine shellCommandLine(
      Map<String, String> environment, UiAccess access, boolean logs) {
    return configured(
        new CommandLine(
            new ShellCommand.Commands(),
            new Factory(InputStream.nullInputStream(), environment, access, logs)),
        environment,
        Optional.empty());
  }

  /**
   * {@code cli} with its defaults from the environment (and, for {@code node}, then from {@code
   * file}), and its refusals and failures each said in one line.
   */
  private static CommandLine configured(
      CommandLine cli, Map<String, String> environment, Optional<NodeConfigFile> file) {
    cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
    if (file.isPresent()) {
      cli.getSubcommands()
          .get("node")
          .setDefaultValueProvider(new EnvironmentDefaults(environment, file));
    }
    cli.setParameterExceptionHandler(
        (ex, arguments) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          String message =
              ex instanceof CommandLine.UnmatchedArgumentException unmatched
                  ? unmatchedWithoutValues(unmatched.getUnmatched())
                  : file.flatMap(f -> fromFile(environment, f, ex)).orElse(ex.getMessage());
          err.println("jmasq: " + oneLine(message));
          err.flush();
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (ex instanceof NodeStartException
              || ex instanceof DatabaseException
              || ex instanceof Refusal
              || ex instanceof NoNodeRunning
              || ex instanceof UiFailure
              || ex instanceof IllegalArgumentException) {
            LoggerFactory.getLogger(Main.class).debug("Failure", ex);
            err.println("jmasq: " + oneLine(ex.getMessage()));
          } else {
            LoggerFactory.getLogger(Main.class).debug("Unexpected failure", ex);
            err.println(
                "jmasq: unexpected "
                    + ex.getClass().getSimpleName()
                    + ": "
                    + oneLine(String.valueOf(ex.getMessage())));
          }
          err.flush();
          return ex instanceof IllegalArgumentException ? 2 : 1;
        });
    return cli;
  }

  /**
   * Runs {@code parsed}; a {@code node} command with a config file is parsed once more, with the
   * file's values under the environment's, so that they pass the same converters and checks as
   * typed options.
   */
  private static int withConfigFile(
      CommandLine cli, Map<String, String> environment, InputStream in, ParseResult parsed) {
    Optional<NodeConfigFile> file = configFileOf(parsed);
    if (file.isEmpty()) {
      return new CommandLine.RunLast().execute(parsed);
    }
    CommandLine again = commandLine(environment, in, file);
    again.setOut(cli.getOut());
    again.setErr(cli.getErr());
    return again.execute(parsed.originalArgs().toArray(String[]::new));
  }

  /**
   * The {@code node} command that {@code args} and {@code environment} give, with the values of its
   * config file, parsed but not run.
   */
  static NodeCommand parsedNode(Map<String, String> environment, String... args) {
    CommandLine cli = commandLine(environment, InputStream.nullInputStream());
    Optional<NodeConfigFile> file = configFileOf(cli.parseArgs(args));
    if (file.isPresent()) {
      cli = commandLine(environment, InputStream.nullInputStream(), file);
      cli.parseArgs(args);
    }
    return cli.getSubcommands().get("node").getCommand();
  }

  /** The config file of a {@code node} command with settings in it; empty for other commands. */
  private static Optional<NodeConfigFile> configFileOf(ParseResult parsed) {
    ParseResult sub = parsed.subcommand();
    if (sub == null
        || !(sub.commandSpec().userObject() instanceof NodeCommand node)
        || sub.isUsageHelpRequested()
        || sub.isVersionHelpRequested()) {
      return Optional.empty();
    }
    try {
      NodeConfigFile file =
          NodeConfigFile.read(sub.commandSpec(), node.dataDirectoryOrDefault(), node.configFile);
      return file.file().values().isEmpty() ? Optional.empty() : Optional.of(file);
    } catch (ConfigFile.BadConfigFile e) {
      throw new CommandLine.ParameterException(sub.commandSpec().commandLine(), e.getMessage());
    }
  }

  /**
   * The message of {@code ex} naming the config file, when its bad value came from there: neither
   * typed nor in the environment.
   */
  private static Optional<String> fromFile(
      Map<String, String> environment, NodeConfigFile file, CommandLine.ParameterException ex) {
    if (!(ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option)
        || !option.longestName().startsWith("--")
        || !option.originalStringValues().isEmpty()) {
      return Optional.empty();
    }
    String key = option.longestName().substring(2);
    if (!file.file().values().containsKey(key)
        || environment.containsKey(EnvironmentDefaults.variable(key))) {
      return Optional.empty();
    }
    return Optional.of("config file " + file.file().file() + ": " + key + ": " + ex.getMessage());
  }

  /**
   * Makes the commands, handing standard input to those that read secrets from it, and the way to
   * the Node to those that talk to it.
   */
  private record Factory(
      InputStream in, Map<String, String> environment, UiAccess access, boolean logs)
      implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == ShellCommand.class) {
        return type.cast(new ShellCommand(in, environment));
      }
      if (UiCommand.class.isAssignableFrom(type)) {
        K command = CommandLine.defaultFactory().create(type);
        ((UiCommand) command).access = access;
        ((UiCommand) command).printLogs = logs;
        ((UiCommand) command).in = in;
        return command;
      }
      if (type == DaemonCommand.class) {
        return type.cast(new DaemonCommand(environment));
      }
      if (type == NodeCommand.class) {
        return type.cast(new NodeCommand(in));
      }
      if (type == GenerateWalletsCommand.class) {
        return type.cast(new GenerateWalletsCommand(in));
      }
      if (type == RecoverWalletsCommand.class) {
        return type.cast(new RecoverWalletsCommand(in));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  /**
   * Names the unknown options but not the other words: a misspelt option is often followed by its
   * value (a password), and stray words may be a mnemonic, and standard error ends up in logs.
   */
  static String unmatchedWithoutValues(List<String> unmatched) {
    List<String> options =
        unmatched.stream()
            .filter(a -> a.startsWith("-"))
            .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) + "=..." : a)
            .map(a -> "'" + a + "'")
            .toList();
    int others = unmatched.size() - options.size();
    String named =
        options.isEmpty()
            ? "Unexpected arguments"
            : "Unknown option" + (options.size() > 1 ? "s: " : ": ") + String.join(", ", options);
    return others == 0
        ? named
        : named + " (and " + others + " other argument" + (others > 1 ? "s" : "") + ", not shown)";
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required (try: jmasq node --help)");
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"jmasq " + (version == null ? "development" : version)};
    }
  }
}
