package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {
  @Test
  void the_picked_port_is_free_and_below_the_ephemeral_range() throws Exception {
    int port = LoopbackPorts.free();

    assertThat(port).isBetween(20000, 32767);
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }
}
