package org.jmasq.node.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficSnapshotTest {
  @Test
  void the_traffic_payload_has_exactly_the_documented_fields() {
    JsonNode p = FakeReadings.traffic(11, 22).payload();
    assertThat(p.fieldNames())
        .toIterable()
        .containsExactly(
            "streamsOpen",
            "bytesRelayed",
            "bytesExited",
            "bytesConsumed",
            "earnedWei",
            "spentWei",
            "routes");
    assertThat(p.get("spentWei").isTextual()).as("wei past 2^53 stay exact").isTrue();
    assertThat(p.get("spentWei").asText()).isEqualTo("123456789012345678901234");
    JsonNode route = p.get("routes").get(0);
    assertThat(route.fieldNames())
        .toIterable()
        .containsExactly("routeId", "hops", "exit", "exitCountry", "streams");
    assertThat(route.get("hops").get(0).asText()).isEqualTo("AAAAAAAA");
    assertThat(route.get("exit").asText()).isEqualTo("CCCCCCCC");
  }

  @Test
  void the_neighborhood_payload_has_exactly_the_documented_fields() {
    JsonNode p =
        new NeighborhoodSnapshot(
                "selfSelf",
                List.of(new NeighborhoodSnapshot.KnownNode("otherKeyFull", "otherKey", true)),
                List.of(new NeighborhoodSnapshot.Edge("otherKey", "selfSelf")))
            .payload();
    assertThat(p.fieldNames()).toIterable().containsExactly("self", "nodes", "edges");
    assertThat(p.get("nodes").get(0).fieldNames())
        .toIterable()
        .containsExactly("key", "shortKey", "neighbor");
    assertThat(p.get("nodes").get(0).get("neighbor").asBoolean()).isTrue();
    assertThat(p.get("edges").get(0).fieldNames()).toIterable().containsExactly("from", "to");
  }

  @Test
  void negative_counts_are_refused() {
    assertThatThrownBy(
            () -> new TrafficSnapshot(0, -1, 0, 0, BigInteger.ZERO, BigInteger.ZERO, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
