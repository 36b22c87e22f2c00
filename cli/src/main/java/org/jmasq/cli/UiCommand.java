package org.jmasq.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that talks MASQNode-UIv2 to a running Node (later: to the Daemon, which redirects to
 * the Node): its {@code --ui-port} and {@code --timeout}, and one connection for the command's
 * requests, during which notifications are printed as they arrive. An error answer ends in one line
 * and exit 1, from Main's handler.
 */
abstract class UiCommand implements Callable<Integer> {
  /** The reference's default UI port, where its Daemon listens. */
  static final int DEFAULT_UI_PORT = 5333;

  @Spec CommandSpec spec;

  @Option(
      names = "--ui-port",
      converter = Converters.UiPort.class,
      defaultValue = "" + DEFAULT_UI_PORT,
      description =
          "The UI port to talk to on 127.0.0.1: the Node's --ui-port (default: ${DEFAULT-VALUE},"
              + " the Daemon's).")
  int uiPort;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "How long to wait for each answer (default: ${DEFAULT-VALUE} s).")
  int timeoutSeconds;

  /** Set by the factory: the shell hands its own connection to the commands it runs. */
  UiAccess access = UiAccess.ONE_SHOT;

  /** Where secrets asked for on standard input come from; set by the factory. */
  InputStream in = InputStream.nullInputStream();

  /** Whether {@code logBroadcast} lines are printed too; only the shell asks for them. */
  boolean printLogs;

  @Override
  public Integer call() throws Exception {
    Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
    PrintWriter out = spec.commandLine().getOut();
    UiConnection c = access.connect(uiPort, timeout, m -> Notifications.print(m, out, printLogs));
    try {
      int exit = run(c, out);
      out.flush();
      return exit;
    } finally {
      access.release(c);
    }
  }

  abstract int run(UiConnection node, PrintWriter out) throws Exception;

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
