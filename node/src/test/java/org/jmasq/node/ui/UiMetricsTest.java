package org.jmasq.node.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jmasq.neighborhood.ConnectionStage;
import org.junit.jupiter.api.Test;

class UiMetricsTest {
  private final FakeReadings readings = new FakeReadings();
  private ConnectionStage stage = ConnectionStage.CONNECTED_TO_NEIGHBOR;
  private final UiMetrics metrics = new UiMetrics(readings, () -> stage);

  private PrometheusText scrape() {
    HttpPage page = metrics.page();
    assertThat(page.contentType()).startsWith("text/plain; version=0.0.4");
    return PrometheusText.parse(new String(page.body(), StandardCharsets.UTF_8));
  }

  @Test
  void the_page_is_prometheus_text_with_the_traffic_counters() {
    readings.traffic = FakeReadings.traffic(1_000, 2_000);
    PrometheusText text = scrape();
    assertThat(text.types)
        .containsEntry("jmasq_relayed_bytes_total", "counter")
        .containsEntry("jmasq_exited_bytes_total", "counter")
        .containsEntry("jmasq_consumed_bytes_total", "counter")
        .containsEntry("jmasq_dropped_packages_total", "counter")
        .containsEntry("jmasq_stage", "gauge")
        .containsEntry("jmasq_neighbors", "gauge")
        .containsEntry("jmasq_streams_open", "gauge")
        .containsEntry("jmasq_routes_in_use", "gauge")
        .containsEntry("jmasq_banned_nodes", "gauge")
        .containsEntry("jmasq_payable_wei", "gauge")
        .containsEntry("jmasq_receivable_wei", "gauge")
        .containsEntry("jmasq_pending_payments", "gauge");
    assertThat(text.value("jmasq_relayed_bytes_total")).isEqualTo(1_000);
    assertThat(text.value("jmasq_exited_bytes_total")).isEqualTo(2_000);
    assertThat(text.value("jmasq_consumed_bytes_total")).isEqualTo(7);
    assertThat(text.value("jmasq_streams_open")).isEqualTo(1);
    assertThat(text.value("jmasq_routes_in_use")).isEqualTo(1);

    readings.traffic = FakeReadings.traffic(1_500, 2_000);
    assertThat(scrape().value("jmasq_relayed_bytes_total")).isEqualTo(1_500);
  }

  @Test
  void the_stage_is_one_for_the_current_stage_only() {
    PrometheusText text = scrape();
    assertThat(text.value("jmasq_stage{stage=\"ConnectedToNeighbor\"}")).isEqualTo(1);
    assertThat(text.value("jmasq_stage{stage=\"NotConnected\"}")).isZero();
    assertThat(text.value("jmasq_stage{stage=\"RouteFound\"}")).isZero();
    stage = ConnectionStage.ROUTE_FOUND;
    assertThat(scrape().value("jmasq_stage{stage=\"RouteFound\"}")).isEqualTo(1);
  }

  @Test
  void drops_are_counted_by_reason_and_scans_by_outcome() {
    readings.health =
        new NodeReadings.Health(
            Map.of("replayed", 3L, "payer_refused", 2L),
            4,
            1,
            FakeReadings.scans("receivable", 5, 1));
    PrometheusText text = scrape();
    assertThat(text.value("jmasq_dropped_packages_total{reason=\"replayed\"}")).isEqualTo(3);
    assertThat(text.value("jmasq_dropped_packages_total{reason=\"payer_refused\"}")).isEqualTo(2);
    assertThat(text.value("jmasq_banned_nodes")).isEqualTo(4);
    assertThat(text.value("jmasq_banned_ips")).isEqualTo(1);
    assertThat(text.value("jmasq_scans_total{outcome=\"ok\",scan=\"receivable\"}")).isEqualTo(5);
    assertThat(text.value("jmasq_scans_total{outcome=\"failed\",scan=\"receivable\"}"))
        .isEqualTo(1);
  }

  @Test
  void the_books_totals_are_read_from_the_books_at_each_scrape() {
    assertThat(scrape().value("jmasq_payable_wei")).as("no books").isZero();
    readings.books =
        Optional.of(
            () ->
                new NodeReadings.Books(
                    BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(-3), 2));
    PrometheusText text = scrape();
    assertThat(text.value("jmasq_payable_wei")).isEqualTo(2e9);
    assertThat(text.value("jmasq_receivable_wei")).isEqualTo(-3);
    assertThat(text.value("jmasq_pending_payments")).isEqualTo(2);
  }

  @Test
  void a_scrape_reads_the_traffic_once() {
    scrape();
    assertThat(readings.trafficReads.get()).isEqualTo(1);
  }

  @Test
  void the_strict_reader_refuses_what_the_format_does_not_allow() {
    assertThatThrownBy(() -> PrometheusText.parse("a 1")).hasMessageContaining("newline");
    assertThatThrownBy(() -> PrometheusText.parse("a one\n")).hasMessageContaining("float");
    assertThatThrownBy(() -> PrometheusText.parse("a 1\nb 1\na{x=\"1\"} 2\n"))
        .hasMessageContaining("split");
    assertThatThrownBy(() -> PrometheusText.parse("a 1\n# TYPE a gauge\n"))
        .hasMessageContaining("TYPE after");
    assertThatThrownBy(() -> PrometheusText.parse("a{x=1} 1\n")).hasMessageContaining("label");
    assertThatThrownBy(() -> PrometheusText.parse("a 1\na 2\n")).hasMessageContaining("twice");
    assertThatThrownBy(() -> PrometheusText.parse("1a 1\n")).hasMessageContaining("neither");
  }
}
