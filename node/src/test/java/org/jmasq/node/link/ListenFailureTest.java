package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ListenFailureTest {
  private static final InetAddress IP = InetAddress.getLoopbackAddress();

  @Test
  void a_privileged_port_the_system_refuses_says_how_to_grant_the_privilege() {
    IOException failure = ListenFailure.of(IP, 443, new BindException("Permission denied"));

    assertThat(failure)
        .as("not a taken port: no other port is tried instead")
        .isNotInstanceOf(BindException.class)
        .hasMessageStartingWith("cannot listen on 127.0.0.1:443: Permission denied. ")
        .hasMessageContaining("AmbientCapabilities=CAP_NET_BIND_SERVICE")
        .hasMessageContaining("sudo setcap cap_net_bind_service=+ep ")
        .hasMessageContaining("/etc/ld.so.conf.d/")
        .hasMessageContaining("net.ipv4.ip_unprivileged_port_start=443")
        .hasMessageContaining("above 1023")
        .hasCauseInstanceOf(BindException.class);
  }

  @Test
  void the_advice_names_the_java_that_runs_the_node() {
    String java = ProcessHandle.current().info().command().orElseThrow();

    assertThat(ListenFailure.howToGrant(443)).contains("+ep " + java + "`");
  }

  @Test
  void a_taken_privileged_port_is_a_taken_port_without_advice() {
    IOException failure = ListenFailure.of(IP, 443, new BindException("Address already in use"));

    assertThat(failure)
        .isInstanceOf(BindException.class)
        .hasMessage("cannot listen on 127.0.0.1:443: Address already in use");
  }

  @Test
  void a_refused_high_port_gets_no_advice_about_privileged_ports() {
    assertThat(ListenFailure.of(IP, 5555, new BindException("Permission denied")))
        .isInstanceOf(BindException.class)
        .hasMessage("cannot listen on 127.0.0.1:5555: Permission denied");
  }
}
