package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalLong;
import org.jmasq.node.ui.UiMessage;
import org.junit.jupiter.api.Test;

class NotificationsTest {
  private static UiMessage broadcast(String opcode, ObjectNode payload) {
    return new UiMessage.Payload(opcode, OptionalLong.empty(), payload);
  }

  @Test
  void the_dashboards_live_views_are_not_printed_between_a_commands_lines() {
    ObjectNode traffic = JsonNodeFactory.instance.objectNode().put("streamsOpen", 0);
    assertThat(Notifications.text(broadcast("trafficChange", traffic), true)).isNull();
    assertThat(Notifications.text(broadcast("neighborhoodChange", traffic), true)).isNull();
  }

  @Test
  void a_connection_change_is_printed_in_the_references_words() {
    ObjectNode change = JsonNodeFactory.instance.objectNode().put("stage", "RouteFound");
    assertThat(Notifications.text(broadcast("connectionChange", change), false))
        .isEqualTo("\nRouteFound: You can now relay data over the network.");
  }
}
