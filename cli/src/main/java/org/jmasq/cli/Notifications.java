package org.jmasq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import org.jmasq.node.ui.UiMessage;

/**
 * Prints the messages a UI receives unasked, as they arrive: {@code connectionChange}, {@code
 * crashed}, {@code newPassword}, {@code setup}, and {@code logBroadcast} where asked for; the
 * dashboard's {@code trafficChange} and {@code neighborhoodChange} are not printed.
 */
final class Notifications {
  private Notifications() {}

  static void print(UiMessage message, PrintWriter out, boolean logs) {
    String text = text(message, logs);
    if (text != null) {
      synchronized (out) {
        out.println(text);
        out.flush();
      }
    }
  }

  /** The line to print, or null for a message not shown. */
  static String text(UiMessage message, boolean logs) {
    if (!(message instanceof UiMessage.Payload p)) {
      UiMessage.Failure f = (UiMessage.Failure) message;
      return "\n"
          + ConfigFile.printable(f.opcode())
          + " failed: "
          + ConfigFile.printable(f.message());
    }
    JsonNode payload = p.payload();
    return switch (p.opcode()) {
      case "connectionChange" -> "\n" + stage(payload.path("stage").asText());
      case "logBroadcast" ->
          logs
              ? "\n>> "
                  + ConfigFile.printable(payload.path("logLevel").asText())
                  + ": "
                  + ConfigFile.printable(payload.path("msg").asText())
              : null;
      case "crashed" ->
          "\nThe Node running as process "
              + ConfigFile.printable(payload.path("processId").asText())
              + " terminated: "
              + payload.path("crashReason").toString()
              + "\nThe Daemon is once more accepting setup changes.";
      // The dashboard's live views, sent each second while they change: not lines for a terminal.
      case "trafficChange", "neighborhoodChange" -> null;
      case "newPassword" -> "\nThe Node's database password has changed.";
      case "setup" -> "\nDaemon setup has changed:\n" + payload.toPrettyString();
      case "unmarshalError" ->
          "\nThe Node did not understand a message: "
              + ConfigFile.printable(payload.path("message").asText());
      default -> "\n" + ConfigFile.printable(p.opcode()) + ": " + payload;
    };
  }

  /** A connection stage in words, as the reference's CLI says it. */
  static String stage(String stage) {
    return switch (stage) {
      case "NotConnected" -> "NotConnected: No external neighbor is connected to us.";
      case "ConnectedToNeighbor" ->
          "ConnectedToNeighbor: External neighbor(s) are connected to us.";
      case "RouteFound" -> "RouteFound: You can now relay data over the network.";
      default -> stage;
    };
  }
}
