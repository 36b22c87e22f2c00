package org.jmasq.sim;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jmasq sim}: runs the Neighborhood simulator and prints its report. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description =
        "Simulates N Nodes of the real Neighborhood logic over an in-memory network and reports convergence, degree, gossip cost, churn recovery and bans.")
public final class SimCommand implements Callable<Integer> {
  @Option(names = "--nodes", required = true, description = "How many Nodes to simulate.")
  int nodes;

  @Option(names = "--seed", required = true, description = "Seed for keys, topology and churn.")
  long seed;

  @Option(
      names = "--churn",
      defaultValue = "0.2",
      description =
          "Fraction of Nodes killed after the network settles (default: ${DEFAULT-VALUE}).")
  double churn;

  @Option(
      names = "--malicious",
      defaultValue = "1",
      description = "How many malicious Nodes forge or alter records (default: ${DEFAULT-VALUE}).")
  int malicious;

  @Override
  public Integer call() {
    try {
      new Simulation(nodes, seed, churn, malicious, System.out).run();
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("sim: " + e.getMessage());
      return 2;
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimCommand()).execute(args));
  }
}
