package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Only the user's Node of a devnet gets a UI port, and devnet says where its dashboard is. */
class DevnetDashboardTest {
  @Test
  void only_the_users_node_gets_the_ui_port() {
    assertThat(DevnetDashboard.nodeArgs(0, 40123)).containsExactly("--ui-port", "40123");
    assertThat(DevnetDashboard.nodeArgs(1, 40123)).isEmpty();
  }

  @Test
  void the_dashboards_url_is_printed_once_the_users_node_is_up() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    DevnetDashboard.announce(out, 1, 40123);
    DevnetDashboard.announce(out, 0, 40123);
    out.flush();

    assertThat(text.toString().lines())
        .containsExactly(
            "devnet: your Node's dashboard: http://127.0.0.1:40123/"
                + "   (its UI port for jmasq: --ui-port 40123)");
  }
}
