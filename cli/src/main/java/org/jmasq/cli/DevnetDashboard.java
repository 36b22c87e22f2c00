package org.jmasq.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * The user's Node's UI port in a devnet (Node index 0; the others have none), and the line that
 * tells the user where its dashboard is.
 */
final class DevnetDashboard {
  private DevnetDashboard() {}

  /** The UI arguments of Node {@code index}. */
  static List<String> nodeArgs(int index, int uiPort) {
    return index == 0 ? List.of("--ui-port", Integer.toString(uiPort)) : List.of();
  }

  /** Once the user's Node is up, where to open its dashboard. */
  static void announce(PrintWriter out, int index, int uiPort) {
    if (index == 0) {
      out.println(
          "devnet: your Node's dashboard: http://127.0.0.1:"
              + uiPort
              + "/   (its UI port for jmasq: --ui-port "
              + uiPort
              + ")");
    }
  }
}
