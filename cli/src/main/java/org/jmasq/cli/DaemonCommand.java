package org.jmasq.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.runtime.SystemRuntime;
import org.jmasq.node.ui.UiGateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jmasq daemon}, the reference's {@code --initialization}: a MASQNode-UIv2 gateway that
 * holds the setup and starts the Node ({@link Daemon}), until Ctrl-C. The Node it started keeps
 * running after it, as the reference's does.
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description =
        "Run the Daemon until Ctrl-C: UIs (jmasq setup, jmasq start, jmasq shell) set up the"
            + " Node through it, start it, and are redirected to it while it runs.")
final class DaemonCommand implements Callable<Integer> {
  private final Map<String, String> environment;

  @Spec CommandSpec spec;

  @Option(
      names = "--ui-port",
      converter = Converters.UiPort.class,
      defaultValue = "" + UiCommand.DEFAULT_UI_PORT,
      description = "The Daemon's UI port on 127.0.0.1, 1025~65535 (default: ${DEFAULT-VALUE}).")
  int uiPort;

  DaemonCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SystemRuntime runtime = new SystemRuntime();
    UiGateway gateway;
    try {
      gateway = UiGateway.bind(runtime, uiPort, ConnectionStage.NOT_CONNECTED);
    } catch (java.io.IOException e) {
      throw new Refusal(e.getMessage());
    }
    Daemon daemon =
        new Daemon(new DaemonSetup(environment), new ChildNodeLauncher(), gateway::broadcast);
    gateway.serve(daemon.handlers(), daemon::rest);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  runtime.close();
                  out.println("JMasq Daemon stopped.");
                  out.flush();
                  stopped.countDown();
                },
                "shutdown"));
    out.println(
        "JMasq Daemon (MASQNode-UIv2) on ws://127.0.0.1:"
            + gateway.address().getPort()
            + "/   (jmasq setup, jmasq start; Ctrl-C stops the Daemon)");
    out.flush();
    stopped.await();
    return 0;
  }
}
