package org.jmasq.node.ui;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.database.DatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node's metrics for operators, {@code /metrics} on the UI port in Prometheus text format (the
 * Prometheus Java client's registry and writer). Every metric reads one {@link NodeReadings} taken
 * at the start of the scrape, so a scrape is consistent and reads each counter once. The list is in
 * {@code docs/UI.md}.
 */
final class UiMetrics {
  private static final Logger log = LoggerFactory.getLogger(UiMetrics.class);

  /** One scrape's readings. */
  private record Scrape(
      ConnectionStage stage,
      TrafficSnapshot traffic,
      NeighborhoodSnapshot neighborhood,
      NodeReadings.Health health,
      Optional<NodeReadings.Books> books) {}

  private final NodeReadings readings;
  private final Supplier<ConnectionStage> stage;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private Scrape scrape;

  UiMetrics(NodeReadings readings, Supplier<ConnectionStage> stage) {
    this.readings = readings;
    this.stage = stage;
    gauge(
        "jmasq_stage",
        "1 for the Node's connection stage now, 0 for the others",
        new String[] {"stage"},
        (s, cb) -> {
          for (ConnectionStage each : ConnectionStage.values()) {
            cb.call(each == s.stage() ? 1 : 0, each.uiName());
          }
        });
    gauge("jmasq_neighbors", "Full neighbors of this Node", s -> s.neighborhood().neighbors());
    gauge(
        "jmasq_known_nodes",
        "Nodes this Node knows, itself included",
        s -> s.neighborhood().nodes().size());
    gauge(
        "jmasq_streams_open",
        "Streams of this Node's own users open now",
        s -> s.traffic().streamsOpen());
    gauge(
        "jmasq_routes_in_use",
        "Routes this Node's own users' streams use now",
        s -> s.traffic().routeCount());
    counter(
        "jmasq_relayed_bytes",
        "Package bytes this Node relayed for others",
        s -> s.traffic().bytesRelayed());
    counter(
        "jmasq_exited_bytes",
        "Bytes this Node's exit read from servers for others",
        s -> s.traffic().bytesExited());
    counter(
        "jmasq_consumed_bytes",
        "Bytes this Node's own users' streams carried",
        s -> s.traffic().bytesConsumed());
    counter(
        "jmasq_earned_wei",
        "Wei the data path charged others for this Node's service",
        s -> s.traffic().earnedWei().doubleValue());
    counter(
        "jmasq_spent_wei",
        "Wei the data path charged this Node for its own streams",
        s -> s.traffic().spentWei().doubleValue());
    CounterWithCallback.builder()
        .name("jmasq_dropped_packages")
        .help("Packages the Hopper dropped, by reason")
        .labelNames("reason")
        .callback(cb -> current().health().droppedPackages().forEach((r, n) -> cb.call(n, r)))
        .register(registry);
    gauge("jmasq_banned_nodes", "Node keys banned now", s -> s.health().bannedNodes());
    gauge("jmasq_banned_ips", "IP addresses banned now", s -> s.health().bannedIps());
    gauge(
        "jmasq_payable_wei",
        "What this Node owes, by its books",
        s -> s.books().map(b -> b.payableWei().doubleValue()).orElse(0.0));
    gauge(
        "jmasq_receivable_wei",
        "What others owe this Node, by its books",
        s -> s.books().map(b -> b.receivableWei().doubleValue()).orElse(0.0));
    gauge(
        "jmasq_pending_payments",
        "Payments sent and not confirmed yet",
        s -> s.books().map(NodeReadings.Books::pendingPayments).orElse(0));
    CounterWithCallback.builder()
        .name("jmasq_scans")
        .help("Payment scans ended, by scan and outcome")
        .labelNames("scan", "outcome")
        .callback(
            cb ->
                current()
                    .health()
                    .scans()
                    .forEach(
                        (k, n) ->
                            cb.call(n, k.scan(), k.outcome().name().toLowerCase(Locale.ROOT))))
        .register(registry);
  }

  /** The page: every metric in Prometheus text format. */
  synchronized HttpPage page() {
    scrape =
        new Scrape(
            stage.get(),
            readings.traffic(),
            readings.neighborhood(),
            readings.health(),
            readings.books().flatMap(UiMetrics::books));
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writer.write(out, registry.scrape());
      return HttpPage.ok(writer.getContentType(), out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      scrape = null;
    }
  }

  private static Optional<NodeReadings.Books> books(NodeReadings.BooksSource source) {
    try {
      return Optional.of(source.read());
    } catch (DatabaseException e) {
      // The rest of the page is still worth having; the books' gauges read 0 this time.
      log.warn("/metrics could not read the books: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** The scrape under way: the callbacks run inside {@link #page}, which holds the lock. */
  private Scrape current() {
    return scrape;
  }

  private interface GaugeCallback {
    void call(Scrape s, GaugeWithCallback.Callback callback);
  }

  private void gauge(String name, String help, String[] labels, GaugeCallback callback) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames(labels)
        .callback(cb -> callback.call(current(), cb))
        .register(registry);
  }

  private void gauge(String name, String help, Function<Scrape, Number> value) {
    gauge(name, help, new String[0], (s, cb) -> cb.call(value.apply(s).doubleValue()));
  }

  private void counter(String name, String help, Function<Scrape, Number> value) {
    Consumer<CounterWithCallback.Callback> callback =
        cb -> cb.call(value.apply(current()).doubleValue());
    CounterWithCallback.builder().name(name).help(help).callback(callback).register(registry);
  }
}
