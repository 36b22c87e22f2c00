package org.jmasq.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.random.RandomGenerator;

/** Loopback ports for a Node that this process starts and that binds the port a moment later. */
final class LoopbackPorts {
  private LoopbackPorts() {}

  /** Below Linux's default ephemeral range (32768-60999), which outgoing connections take from. */
  private static final int FIRST = 20000;

  private static final int LAST = 32767;

  /**
   * A loopback port nothing listens on now; the Node binds it a moment later, and says so if
   * another process took it in between. It is chosen below the ephemeral range: a port the kernel
   * handed out as free there was once taken, before the Node bound it, by one of the many
   * connections a devnet's Nodes make as they start.
   */
  static int free() throws IOException {
    RandomGenerator random = RandomGenerator.getDefault();
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
}
