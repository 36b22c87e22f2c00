package org.jmasq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;

/**
 * {@code shutdown}: asks the Node to stop, then waits, as the reference's CLI does, until its UI
 * port stops answering: the Node has then closed its books and its database.
 */
@Command(
    name = "shutdown",
    mixinStandardHelpOptions = true,
    description = "Stop the running Node and wait until it has stopped.")
final class ShutdownCommand extends UiCommand {
  private static final Duration POLL = Duration.ofMillis(100);

  @Override
  int run(UiConnection node, PrintWriter out) throws Exception {
    Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
    node.ask("shutdown", object());
    // After a Daemon's redirect, it is the Node's port that must stop answering.
    node = node.answeredBy();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      node.closed().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Fall through to the port: it decides.
    }
    while (answers(node.port())) {
      if (System.nanoTime() - deadline > 0) {
        spec.commandLine()
            .getErr()
            .println("jmasq: the Node ignored the instruction to shut down and is still running");
        return 1;
      }
      Thread.sleep(POLL);
    }
    out.println("The Node was instructed to shut down and has stopped");
    return 0;
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), (int) POLL.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
