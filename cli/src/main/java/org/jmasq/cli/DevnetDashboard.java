package org.jmasq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * The user's Node's UI port in a devnet (Node index 0; the others have none), and the line that
 * tells the user where its dashboard is.
 */
final class DevnetDashboard {
  private DevnetDashboard() {}

  /** Below Linux's default ephemeral range (32768-60999), which outgoing connections take from. */
  private static final int FIRST = 20000;

  private static final int LAST = 32767;

  /**
   * A loopback port nothing listens on now; the user's Node binds it a moment later, and says so if
   * another process took it in between. It is chosen below the ephemeral range: a port the kernel
   * handed out as free there was once taken, before the Node bound it, by one of the many
   * connections a devnet's Nodes make as they start.
   */
  static int freePort() throws IOException {
    java.util.Random random = new java.util.Random();
    for (int tries = 0; tries < 100; tries++) {
      int port = FIRST + random.nextInt(LAST - FIRST + 1);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // Another listener has it: try another.
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

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
