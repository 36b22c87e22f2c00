package org.jmasq.node.automap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What one UDP exchange says when the router has no daemon on the port. */
class UdpExchangeTest {

  @Test
  void a_router_with_nothing_on_the_port_is_named_as_such_not_with_null() throws Exception {
    InetSocketAddress closed;
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      closed = (InetSocketAddress) socket.getLocalSocketAddress();
    }

    AutomapException e =
        catchThrowableOfType(
            AutomapException.class,
            () ->
                UdpExchange.exchange(
                    closed,
                    new byte[] {0, 0},
                    new UdpExchange.Timing(Duration.ofMillis(250), 4, Duration.ofSeconds(4)),
                    "NAT-PMP external address"));

    assertThat(e.reason()).isEqualTo(AutomapException.Reason.NO_ANSWER);
    assertThat(e.getMessage()).contains("nothing listens").doesNotContain("null");
  }
}
