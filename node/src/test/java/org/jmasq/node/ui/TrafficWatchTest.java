package org.jmasq.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jmasq.node.runtime.ManualRuntime;
import org.junit.jupiter.api.Test;

class TrafficWatchTest {
  private final FakeReadings readings = new FakeReadings();
  private final List<UiMessage> sent = new ArrayList<>();
  private final AtomicBoolean listening = new AtomicBoolean(true);
  private final TrafficWatch watch = new TrafficWatch(readings, sent::add, listening::get);

  private List<String> opcodes() {
    return sent.stream().map(UiMessage::opcode).toList();
  }

  @Test
  void the_first_tick_tells_both_and_an_unchanged_node_tells_nothing_more() {
    watch.tick();
    watch.tick();
    assertThat(opcodes()).containsExactly("trafficChange", "neighborhoodChange");
  }

  @Test
  void a_change_of_traffic_is_broadcast_with_the_traffic_payload() {
    watch.tick();
    readings.traffic = FakeReadings.traffic(10, 20);
    watch.tick();
    assertThat(opcodes()).containsExactly("trafficChange", "neighborhoodChange", "trafficChange");
    UiMessage.Payload last = (UiMessage.Payload) sent.get(2);
    assertThat(last.contextId()).isEmpty();
    JsonNode p = last.payload();
    assertThat(p.get("bytesRelayed").asLong()).isEqualTo(10);
    assertThat(p.get("bytesExited").asLong()).isEqualTo(20);
  }

  @Test
  void a_change_of_neighbors_is_broadcast_as_neighborhood_change() {
    watch.tick();
    readings.neighborhood =
        new NeighborhoodSnapshot(
            "selfSelf",
            List.of(
                new NeighborhoodSnapshot.KnownNode("selfSelfKey", "selfSelf", false),
                new NeighborhoodSnapshot.KnownNode("otherKeyX", "otherKey", true)),
            List.of(new NeighborhoodSnapshot.Edge("otherKey", "selfSelf")));
    watch.tick();
    assertThat(opcodes()).endsWith("neighborhoodChange").hasSize(3);
    JsonNode p = ((UiMessage.Payload) sent.get(2)).payload();
    assertThat(p.get("nodes")).hasSize(2);
    assertThat(p.get("edges").get(0).get("from").asText()).isEqualTo("otherKey");
  }

  @Test
  void nothing_is_read_or_sent_while_no_client_listens() {
    listening.set(false);
    watch.tick();
    assertThat(sent).isEmpty();
    assertThat(readings.trafficReads.get()).isZero();
  }

  @Test
  void the_runtime_ticks_it_once_a_second() throws Exception {
    try (ManualRuntime runtime = new ManualRuntime()) {
      watch.start(runtime);
      runtime.advance(Duration.ofMillis(999));
      assertThat(runtime.awaitIdle(Duration.ofSeconds(5))).isTrue();
      assertThat(sent).isEmpty();
      runtime.advance(Duration.ofMillis(1));
      assertThat(runtime.awaitIdle(Duration.ofSeconds(5))).isTrue();
      assertThat(opcodes()).hasSize(2);
      readings.traffic = FakeReadings.traffic(1, 1);
      runtime.advance(Duration.ofSeconds(1));
      assertThat(runtime.awaitIdle(Duration.ofSeconds(5))).isTrue();
      assertThat(opcodes()).hasSize(3);
    }
  }
}
