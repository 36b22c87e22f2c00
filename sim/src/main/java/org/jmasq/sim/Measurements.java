package org.jmasq.sim;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.neighborhood.route.RoundTripRoute;
import org.jmasq.neighborhood.route.RouteQuery;

/**
 * What a {@link Simulation} reads off its network between phases: simulated time, RouteFound
 * progress, join latency, degrees, Gossip cost and route success. Reading changes nothing.
 */
final class Measurements {
  private final SimNetwork net;
  private final int nodeCount;
  private final long seed;
  private final PrintStream out;
  private final Instant start;

  Measurements(SimNetwork net, int nodeCount, long seed, PrintStream out) {
    this.net = net;
    this.nodeCount = nodeCount;
    this.seed = seed;
    this.out = out;
    this.start = net.clock.instant();
  }

  /** Simulated seconds since the network was made. */
  double simSeconds() {
    return Duration.between(start, net.clock.instant()).toMillis() / 1000.0;
  }

  /** Sets each still unset {@code at[t]} to now once {@code thresholds[t]} of all Nodes route. */
  void recordRouteFound(double[] thresholds, double[] at) {
    long found = 0;
    for (SimNode n : net.nodes) {
      if (n.routeFoundAt != null) {
        found++;
      }
    }
    for (int t = 0; t < thresholds.length; t++) {
      if (Double.isNaN(at[t]) && found >= Math.ceil(thresholds[t] * nodeCount)) {
        at[t] = simSeconds();
      }
    }
  }

  void reportJoinLatency() {
    List<Long> millis = new ArrayList<>();
    int never = 0;
    for (SimNode n : net.nodes) {
      if (n.routeFoundAt == null) {
        never++;
      } else {
        millis.add(Duration.between(n.joinedAt, n.routeFoundAt).toMillis());
      }
    }
    Collections.sort(millis);
    out.printf(
        Locale.ROOT,
        "join→RouteFound per Node: p50 %.1f s, p90 %.1f s, p99 %.1f s, max %.1f s; never: %d%n",
        pct(millis, 0.5) / 1000.0,
        pct(millis, 0.9) / 1000.0,
        pct(millis, 0.99) / 1000.0,
        pct(millis, 1.0) / 1000.0,
        never);
  }

  private static long pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(
        (int)
            Math.min(
                sorted.size() - 1,
                Math.ceil(p * sorted.size()) - 1 < 0 ? 0 : Math.ceil(p * sorted.size()) - 1));
  }

  /** Prints the histogram of full-neighbor degrees; returns the largest degree. */
  int reportDegrees() {
    int[] histogram = new int[33];
    int maxHalf = 0;
    long sum = 0;
    for (SimNode n : net.nodes) {
      int degree = n.driver.database().fullNeighbors(n.key()).size();
      histogram[degree]++;
      sum += degree;
      maxHalf = Math.max(maxHalf, n.driver.database().neighborsOf(n.key()).size());
    }
    int max = 0;
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < histogram.length; d++) {
      if (histogram[d] > 0) {
        max = d;
        sb.append(' ').append(d).append(':').append(histogram[d]);
      }
    }
    out.printf(
        Locale.ROOT,
        "degree (full neighbors) histogram:%s; mean %.2f; max %d; max listed (half) %d%n",
        sb,
        (double) sum / nodeCount,
        max,
        maxHalf);
    return max;
  }

  void reportGossipCost() {
    long[] msgs = net.nodes.stream().mapToLong(n -> n.messagesSent).sorted().toArray();
    long[] bytes = net.nodes.stream().mapToLong(n -> n.bytesSent).sorted().toArray();
    out.printf(
        Locale.ROOT,
        "gossip through cold start and maturing: %d messages, %.1f per Node (max %d); %.1f KiB per Node (max %.1f KiB)%n",
        net.messages,
        (double) Arrays.stream(msgs).sum() / nodeCount,
        msgs[msgs.length - 1],
        Arrays.stream(bytes).sum() / 1024.0 / nodeCount,
        bytes[bytes.length - 1] / 1024.0);
  }

  /**
   * The share of live, honest Nodes (all, or a seeded sample of at most {@code sample}) that find a
   * default round trip whose every Node is alive.
   */
  double routeSuccess(int sample) {
    return routeSuccess(sample, null, null);
  }

  /**
   * Route success over every live, honest Node, as {@link #routeSuccess(int)} counts it, and a line
   * that says why each failing Node failed ({@link FailureReasons}).
   */
  double routeSuccessWithReasons(String label) {
    List<FailureReasons.Failure> failures = new ArrayList<>();
    long[] linked = {0};
    double success = routeSuccess(Integer.MAX_VALUE, failures, linked);
    long live = net.nodes.stream().filter(n -> n.alive && !n.malicious).count();
    out.printf(
        Locale.ROOT,
        "%s: %s; stricter, every hop also a live full neighborship: %.2f%%%n",
        label,
        FailureReasons.summarize(failures),
        live == 0 ? 0 : 100.0 * linked[0] / live);
    return success;
  }

  /**
   * Adds each failing Node's reason to {@code failures} and counts in {@code linked[0]} the
   * successes whose every hop is also a full neighborship between live Nodes, when those are given.
   */
  private double routeSuccess(int sample, List<FailureReasons.Failure> failures, long[] linked) {
    List<SimNode> live = new ArrayList<>();
    for (SimNode n : net.nodes) {
      if (n.alive && !n.malicious) {
        live.add(n);
      }
    }
    if (live.size() > sample) {
      Collections.shuffle(live, new Random(seed + net.rounds));
      live = live.subList(0, sample);
    }
    long ok = 0;
    RouteQuery query =
        new RouteQuery(RouteQuery.DEFAULT_MIN_HOPS, 1_000, Optional.empty(), ExitPreferences.NONE);
    FailureReasons reasons = failures == null ? null : new FailureReasons(net);
    for (SimNode n : live) {
      Optional<RoundTripRoute> route = n.driver.findRoute(query);
      boolean alive = route.isPresent() && allAlive(route.get());
      if (alive) {
        ok++;
        if (reasons != null && reasons.linksStand(route.get())) {
          linked[0]++;
        }
      } else if (reasons != null) {
        failures.add(reasons.classify(n, route));
      }
    }
    return live.isEmpty() ? 0 : (double) ok / live.size();
  }

  private boolean allAlive(RoundTripRoute route) {
    for (List<PublicKey> leg : List.of(route.over(), route.back())) {
      for (PublicKey k : leg) {
        SimNode n = net.withKey(k);
        if (n == null || !n.alive) {
          return false;
        }
      }
    }
    return true;
  }
}
