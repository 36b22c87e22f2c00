package org.jmasq.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulationSmokeTest {

  @Test
  void a_small_network_converges_bans_the_malicious_node_and_ends_with_the_summary_line() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Simulation.Summary summary =
        new Simulation(50, 7, 0.2, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");

    assertThat(lines[lines.length - 1])
        .matches(
            "nodes=50 route_found_99pct_s=[0-9.]+ max_degree=[0-5] route_success_after_churn=[0-9.]+ malicious_banned_by=(\\d+)/\\1 route_success_before_churn=[0-9.]+ route_success_60s_after_churn=[0-9.]+");
    assertThat(summary.maxDegree()).isLessThanOrEqualTo(5);
    assertThat(summary.attackedNeighbors()).isPositive();
    assertThat(summary.bannedBy()).isEqualTo(summary.attackedNeighbors());
    assertThat(summary.routeSuccessAfterChurn()).isGreaterThan(0.9);
  }

  @Test
  void the_same_seed_gives_the_same_report() {
    assertThat(run(30, 3)).isEqualTo(run(30, 3));
  }

  @Test
  void bad_options_are_refused_with_exit_code_2() {
    assertThat(new CommandLine(new SimCommand()).execute("--nodes", "1", "--seed", "1"))
        .isEqualTo(2);
  }

  private static String run(int nodes, long seed) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Simulation(nodes, seed, 0.2, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    return bytes
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> !l.startsWith("keys generated") && !l.startsWith("wall time"))
        .toList()
        .toString();
  }
}
