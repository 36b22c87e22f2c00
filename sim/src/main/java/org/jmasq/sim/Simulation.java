package org.jmasq.sim;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.ConnectionStage;

/**
 * One simulator run: cold start (Nodes join one per round, each debuting to a random earlier Node),
 * settling, the malicious Node's attacks on its neighbors, churn, and recovery; then the report.
 */
final class Simulation {
  /** Rounds allowed for the network to go quiet after a phase. */
  static final int MAX_SETTLE_ROUNDS = 3_000;

  /** Extra simulated time after churn during which route success is sampled. */
  static final Duration RECOVERY_WINDOW = Duration.ofSeconds(300);

  /** When after churn route success must be back (every live Node measured). */
  static final Duration RECOVERY_TARGET = Duration.ofSeconds(60);

  /** The route success the network should hold before churn and regain after it. */
  static final double TARGET_SUCCESS = 0.995;

  static final int ROUTE_SAMPLE = 500;

  /** Simulated time between the end of the cold start and the attacks and churn. */
  static final Duration MATURING = Duration.ofSeconds(180);

  private final int nodeCount;
  private final long seed;
  private final double churn;
  private final int maliciousCount;
  private final PrintStream out;
  private final SimNetwork net;
  private final Measurements measure;

  /** The figures of the summary line. */
  record Summary(
      int nodes,
      double routeFound99s,
      int maxDegree,
      double routeSuccessAfterChurn,
      int bannedBy,
      int attackedNeighbors,
      double routeSuccessBeforeChurn,
      double routeSuccess60sAfterChurn) {
    String line() {
      return String.format(
          Locale.ROOT,
          "nodes=%d route_found_99pct_s=%.1f max_degree=%d route_success_after_churn=%.4f malicious_banned_by=%d/%d route_success_before_churn=%.4f route_success_60s_after_churn=%.4f",
          nodes,
          routeFound99s,
          maxDegree,
          routeSuccessAfterChurn,
          bannedBy,
          attackedNeighbors,
          routeSuccessBeforeChurn,
          routeSuccess60sAfterChurn);
    }
  }

  Simulation(int nodeCount, long seed, double churn, int maliciousCount, PrintStream out) {
    if (nodeCount < 2) {
      throw new IllegalArgumentException("--nodes: " + nodeCount + " (expected: at least 2)");
    }
    if (churn < 0 || churn >= 1) {
      throw new IllegalArgumentException("--churn: " + churn + " (expected: 0 ≤ churn < 1)");
    }
    if (maliciousCount < 0 || maliciousCount > nodeCount / 2) {
      throw new IllegalArgumentException(
          "--malicious: " + maliciousCount + " (expected: 0~" + nodeCount / 2 + ")");
    }
    this.nodeCount = nodeCount;
    this.seed = seed;
    this.churn = churn;
    this.maliciousCount = maliciousCount;
    this.out = out;
    this.net = new SimNetwork(seed);
    this.measure = new Measurements(net, nodeCount, seed, out);
  }

  Summary run() {
    long wallStart = System.nanoTime();
    out.printf(
        Locale.ROOT,
        "JMasq Neighborhood simulator: nodes=%d seed=%d churn=%.2f malicious=%d%n",
        nodeCount,
        seed,
        churn,
        maliciousCount);
    List<Integer> maliciousIndexes = new ArrayList<>();
    for (int m = 0; m < maliciousCount; m++) {
      maliciousIndexes.add(nodeCount / 2 + m * 7 % Math.max(1, nodeCount / 2));
    }
    for (int i = 0; i < nodeCount; i++) {
      net.create(maliciousIndexes.contains(i));
    }
    out.printf(
        Locale.ROOT, "keys generated in %.1f s (wall)%n", (System.nanoTime() - wallStart) / 1e9);

    double[] thresholdsAt = coldStart();
    int settleRounds = settle();
    out.printf(
        Locale.ROOT,
        "settled %d rounds after the last join; total %d rounds, %.1f s simulated%n",
        settleRounds,
        net.rounds,
        measure.simSeconds());
    out.printf(
        Locale.ROOT,
        "RouteFound reached by 50%% at %.1f s, 90%% at %.1f s, 99%% at %.1f s (simulated, from the first join)%n",
        thresholdsAt[0],
        thresholdsAt[1],
        thresholdsAt[2]);
    measure.reportJoinLatency();
    measure.reportDegrees();
    mature();
    int maxDegree = measure.reportDegrees();
    measure.reportGossipCost();
    double before = measure.routeSuccessWithReasons("before churn");
    out.printf(Locale.ROOT, "route success before churn: %.2f%%%n", before * 100);

    int[] banned = attack();
    double[] afterChurn = churnAndRecover();
    out.printf(Locale.ROOT, "wall time %.1f s%n", (System.nanoTime() - wallStart) / 1e9);
    Summary summary =
        new Summary(
            nodeCount,
            thresholdsAt[2],
            maxDegree,
            afterChurn[1],
            banned[0],
            banned[1],
            before,
            afterChurn[0]);
    out.println(summary.line());
    return summary;
  }

  /** Joins every Node, one per round; returns the simulated seconds to 50/90/99% RouteFound. */
  private double[] coldStart() {
    double[] thresholds = {0.5, 0.9, 0.99};
    double[] at = {Double.NaN, Double.NaN, Double.NaN};
    for (int i = 0; i < nodeCount; i++) {
      SimNode node = net.nodes.get(i);
      Optional<SimNode> bootstrap =
          i == 0 ? Optional.empty() : Optional.of(net.nodes.get(net.random.nextInt(i)));
      net.join(node, bootstrap);
      net.round();
      measure.recordRouteFound(thresholds, at);
      if (nodeCount >= 5_000 && (i + 1) % (nodeCount / 10) == 0) {
        out.printf(
            Locale.ROOT,
            "  joined %d of %d at %.1f s simulated%n",
            i + 1,
            nodeCount,
            measure.simSeconds());
      }
    }
    for (int r = 0; r < MAX_SETTLE_ROUNDS && Double.isNaN(at[2]); r++) {
      net.round();
      measure.recordRouteFound(thresholds, at);
    }
    return at;
  }

  /** Lets the network run for {@link #MATURING} so that under-connected Nodes heal before churn. */
  private void mature() {
    Instant until = net.clock.instant().plus(MATURING);
    while (net.clock.instant().isBefore(until)) {
      net.round();
    }
    settle();
    out.printf(
        Locale.ROOT,
        "matured for %d s (healing: Nodes with fewer than 3 neighbors ask for Introductions); now %.1f s simulated%n",
        MATURING.toSeconds(),
        measure.simSeconds());
  }

  private int settle() {
    int r = 0;
    while (!net.quiet() && r < MAX_SETTLE_ROUNDS) {
      net.round();
      r++;
    }
    return r;
  }

  /** The malicious Nodes attack each of their neighbors; returns {banned by, attacked}. */
  private int[] attack() {
    int banned = 0;
    int attacked = 0;
    List<SimNode> targets = new ArrayList<>();
    for (SimNode m : net.nodes) {
      if (!m.malicious) {
        continue;
      }
      List<PublicKey> neighbors = m.driver.database().fullNeighbors(m.key());
      Attacker.Attack[] attacks = Attacker.Attack.values();
      for (int i = 0; i < neighbors.size(); i++) {
        SimNode target = net.withKey(neighbors.get(i));
        Attacker.Attack kind = attacks[i % attacks.length];
        net.inject(m, target, Attacker.craft(kind, m, target, net.clock.instant(), seed + i));
        targets.add(target);
        out.printf(
            Locale.ROOT,
            "malicious Node %d sends %s to neighbor %d%n",
            m.index,
            kind,
            target.index);
      }
      attacked += neighbors.size();
    }
    settle();
    for (SimNode m : net.nodes) {
      if (m.malicious) {
        for (SimNode t : targets) {
          if (t.driver.isBanned(m.key())) {
            banned++;
          }
        }
      }
    }
    long honestBans = net.bans.stream().filter(b -> !net.at(b.getValue()).malicious).count();
    out.printf(
        Locale.ROOT,
        "malicious Node banned by %d of its %d neighbors; bans of honest Nodes: %d%n",
        banned,
        attacked,
        honestBans);
    return new int[] {banned, attacked};
  }

  /**
   * Kills the churn fraction of honest Nodes, then samples route success until it recovers; returns
   * route success over all live Nodes {@link #RECOVERY_TARGET} and {@link #RECOVERY_WINDOW} after
   * churn.
   */
  private double[] churnAndRecover() {
    if (churn == 0) {
      double success = measure.routeSuccess(Integer.MAX_VALUE);
      out.printf(Locale.ROOT, "no churn; route success %.2f%%%n", success * 100);
      return new double[] {success, success};
    }
    List<SimNode> candidates =
        new ArrayList<>(net.nodes.stream().filter(n -> !n.malicious).toList());
    Collections.shuffle(candidates, new java.util.Random(seed * 31 + 7));
    int kills = (int) Math.round(churn * nodeCount);
    Instant churnAt = net.clock.instant();
    for (SimNode n : candidates.subList(0, kills)) {
      net.kill(n);
    }
    out.printf(
        Locale.ROOT,
        "churn: killed %d of %d Nodes at %.1f s%n",
        kills,
        nodeCount,
        measure.simSeconds());
    double immediately = measure.routeSuccess(ROUTE_SAMPLE);
    out.printf(
        Locale.ROOT,
        "route success right after churn (stale databases): %.2f%% (sample)%n",
        immediately * 100);
    Double recoveredAfter = null;
    Double targetAfter = null;
    double atTarget = Double.NaN;
    Instant end = churnAt.plus(RECOVERY_WINDOW);
    int rounds = 0;
    while (net.clock.instant().isBefore(end)) {
      net.round();
      rounds++;
      if (rounds % 50 == 0
          && recoveredAfter == null
          && measure.routeSuccess(ROUTE_SAMPLE) >= 0.99) {
        recoveredAfter = Duration.between(churnAt, net.clock.instant()).toMillis() / 1000.0;
      }
      Duration since = Duration.between(churnAt, net.clock.instant());
      if (since.equals(RECOVERY_TARGET)) {
        atTarget = measure.routeSuccessWithReasons(RECOVERY_TARGET.toSeconds() + " s after churn");
        out.printf(
            Locale.ROOT,
            "route success %d s after churn (all live Nodes): %.2f%%%n",
            RECOVERY_TARGET.toSeconds(),
            atTarget * 100);
      }
      if (rounds % 50 == 0
          && targetAfter == null
          && since.compareTo(RECOVERY_TARGET) <= 0
          && measure.routeSuccess(Integer.MAX_VALUE) >= TARGET_SUCCESS) {
        targetAfter = since.toMillis() / 1000.0;
      }
    }
    out.printf(
        Locale.ROOT,
        "route success ≥%.1f%% (all live Nodes, checked every 5 s up to %d s) after %s%n",
        TARGET_SUCCESS * 100,
        RECOVERY_TARGET.toSeconds(),
        targetAfter == null
            ? "not within " + RECOVERY_TARGET.toSeconds() + " s"
            : String.format(Locale.ROOT, "%.1f s", targetAfter));
    double settled =
        measure.routeSuccessWithReasons(RECOVERY_WINDOW.toSeconds() + " s after churn");
    long isolated =
        net.nodes.stream()
            .filter(n -> n.alive && n.driver.database().fullNeighbors(n.key()).isEmpty())
            .count();
    out.printf(
        Locale.ROOT,
        "route success after churn, gossip settled (%.1f s after churn, all live Nodes): %.2f%%; recovered to ≥99%% after %s; isolated live Nodes: %d%n",
        Duration.between(churnAt, net.clock.instant()).toMillis() / 1000.0,
        settled * 100,
        recoveredAfter == null
            ? "never (in the window)"
            : String.format(Locale.ROOT, "%.1f s", recoveredAfter),
        isolated);
    long stages =
        net.nodes.stream()
            .filter(n -> n.alive && n.driver.stage() == ConnectionStage.ROUTE_FOUND)
            .count();
    out.printf(Locale.ROOT, "live Nodes in RouteFound: %d%n", stages);
    return new double[] {atTarget, settled};
  }
}
