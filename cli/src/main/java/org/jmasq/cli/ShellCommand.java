package org.jmasq.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jmasq.node.ui.UiMessage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jmasq shell}: the reference's interactive masq CLI. One connection stays open for the
 * whole session, so notifications ({@code connectionChange}, ...) are printed as they arrive,
 * between commands too; a Node that went away (after {@code shutdown}) is looked for again at the
 * next command.
 */
@Command(
    name = "shell",
    mixinStandardHelpOptions = true,
    description = {
      "Talk to a running Node interactively: prompt 'masq> ', one command a line",
      "(help lists them; exit, quit or end of input leaves)."
    })
final class ShellCommand implements Callable<Integer> {
  static final String PROMPT = "masq> ";

  @Spec CommandSpec spec;

  @Option(
      names = "--ui-port",
      converter = Converters.UiPort.class,
      defaultValue = "" + UiCommand.DEFAULT_UI_PORT,
      description = "The UI port on 127.0.0.1: the Node's --ui-port (default: ${DEFAULT-VALUE}).")
  int uiPort;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "How long to wait for each answer (default: ${DEFAULT-VALUE} s).")
  int timeoutSeconds;

  @Option(names = "--logs", description = "Print the Node's log lines (logBroadcast) too.")
  boolean logs;

  private final InputStream in;
  private final Map<String, String> environment;
  private volatile boolean prompting;

  ShellCommand(InputStream in, Map<String, String> environment) {
    this.in = in;
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Shared access =
        new Shared(uiPort, Duration.ofSeconds(Math.max(1, timeoutSeconds)), this::notify);
    // No Node: one line and exit 1, as any command.
    access.connect(uiPort, access.timeout, access.notes);
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    try {
      while (true) {
        synchronized (out) {
          out.print(PROMPT);
          out.flush();
          prompting = true;
        }
        String line = reader.readLine();
        prompting = false;
        if (line == null) {
          out.println();
          break;
        }
        List<String> words = words(line);
        if (words.isEmpty()) {
          continue;
        }
        if (words.get(0).equals("exit") || words.get(0).equals("quit")) {
          break;
        }
        CommandLine commands = Main.shellCommandLine(environment, access, logs);
        commands.setOut(out);
        commands.setErr(spec.commandLine().getErr());
        if (commands.getSubcommands().containsKey(words.get(0))) {
          commands.execute(words.toArray(String[]::new));
        } else {
          // Not echoed in full: a mistyped line may hold a password.
          spec.commandLine().getErr().println("jmasq: unknown command (help lists them)");
        }
        spec.commandLine().getErr().flush();
      }
    } finally {
      access.close();
    }
    out.flush();
    return 0;
  }

  private void notify(UiMessage message) {
    String text = Notifications.text(message, logs);
    if (text == null) {
      return;
    }
    PrintWriter out = spec.commandLine().getOut();
    synchronized (out) {
      out.println(text);
      if (prompting) {
        out.print(PROMPT); // the user was typing at a prompt the notification pushed up
      }
      out.flush();
    }
  }

  /** A line's words: split at blanks, where single or double quotes keep blanks in a word. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** The shell's one connection, opened again when the Node has gone away. */
  static final class Shared implements UiAccess {
    private final int port;
    private final Duration timeout;
    private final Consumer<UiMessage> notes;
    private UiConnection current;

    Shared(int port, Duration timeout, Consumer<UiMessage> notes) {
      this.port = port;
      this.timeout = timeout;
      this.notes = notes;
    }

    @Override
    public synchronized UiConnection connect(
        int ignoredPort, Duration ignoredTimeout, Consumer<UiMessage> ignoredNotes)
        throws Refusal, NoNodeRunning {
      if (current == null || !current.isOpen()) {
        current = UiConnection.open(port, timeout, notes);
      }
      return current;
    }

    @Override
    public void release(UiConnection connection) {
      // Kept open for the next command and for notifications.
    }

    synchronized void close() {
      if (current != null) {
        current.close();
      }
    }
  }

  /** The commands the shell runs: the UI commands, and help. */
  @Command(
      name = "",
      customSynopsis =
          "COMMAND [OPTIONS]   (exit or quit leaves the shell; --ui-port is the shell's)",
      subcommands = {
        CommandLine.HelpCommand.class,
        UiCommands.Descriptor.class,
        UiCommands.ConnectionStatus.class,
        UiCommands.NeighborhoodGraph.class,
        UiCommands.CheckPassword.class,
        UiCommands.SetConfiguration.class,
        UiCommands.Configuration.class,
        UiCommands.Scan.class,
        ExitLocationCommand.class,
        SetPasswordCommand.class,
        ChangePasswordCommand.class,
        WalletCommands.GenerateWallets.class,
        WalletCommands.RecoverWallets.class,
        WalletCommands.WalletAddresses.class,
        FinancialsCommand.class,
        ShutdownCommand.class,
        DaemonCommands.Setup.class,
        DaemonCommands.Start.class
      })
  static final class Commands implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }
}
