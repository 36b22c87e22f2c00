package org.jmasq.node.ui;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jmasq.node.runtime.Cancellable;
import org.jmasq.node.runtime.NodeRuntime;

/**
 * The dashboard's broadcasts: once a second it reads the Node's traffic and Neighborhood and tells
 * every client ({@code trafficChange}, {@code neighborhoodChange}) what changed since the last
 * time, so a busy Node sends at most one of each per second and an idle one sends nothing. While no
 * client is connected it reads nothing.
 *
 * <p>Threads: {@link #tick} runs on the runtime's timer, one at a time.
 */
final class TrafficWatch {
  static final Duration PERIOD = Duration.ofSeconds(1);

  private final NodeReadings readings;
  private final Consumer<UiMessage> broadcast;
  private final BooleanSupplier anyoneListening;
  private TrafficSnapshot lastTraffic;
  private NeighborhoodSnapshot lastNeighborhood;

  TrafficWatch(
      NodeReadings readings, Consumer<UiMessage> broadcast, BooleanSupplier anyoneListening) {
    this.readings = readings;
    this.broadcast = broadcast;
    this.anyoneListening = anyoneListening;
  }

  /** Ticks every {@link #PERIOD} until cancelled or the runtime closes. */
  Cancellable start(NodeRuntime runtime) {
    return runtime.scheduleAtFixedRate(PERIOD, this::tick);
  }

  synchronized void tick() {
    if (!anyoneListening.getAsBoolean()) {
      return;
    }
    TrafficSnapshot traffic = readings.traffic();
    if (!traffic.equals(lastTraffic)) {
      lastTraffic = traffic;
      broadcast.accept(
          new UiMessage.Payload("trafficChange", OptionalLong.empty(), traffic.payload()));
    }
    NeighborhoodSnapshot neighborhood = readings.neighborhood();
    if (!neighborhood.equals(lastNeighborhood)) {
      lastNeighborhood = neighborhood;
      broadcast.accept(
          new UiMessage.Payload(
              "neighborhoodChange", OptionalLong.empty(), neighborhood.payload()));
    }
  }
}
