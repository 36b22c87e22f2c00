package org.jmasq.cli;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The devnet's status line: how many Nodes run, the user's Node's stage, and each Node's. */
final class DevnetStatus {
  private DevnetStatus() {}

  /** The line for {@code running}, the Nodes started so far in any order; Node 1 is the user's. */
  static String of(List<DevnetNode> running) {
    long alive = running.stream().filter(DevnetNode::isAlive).count();
    List<DevnetNode> byIndex =
        running.stream().sorted(Comparator.comparingInt(n -> n.index)).toList();
    String stages =
        byIndex.stream()
            .map(n -> n.isAlive() ? shortStage(n.stage()) : "x")
            .collect(Collectors.joining(""));
    DevnetNode user = byIndex.get(0);
    return "devnet: "
        + alive
        + "/"
        + running.size()
        + " Nodes running; your Node: "
        + (user.index != 0
            ? "starting"
            : user.isAlive() ? user.stage() : "stopped with exit code " + user.exitCode())
        + "; stages ["
        + stages
        + "] (R RouteFound, C ConnectedToNeighbor, N NotConnected, x stopped)";
  }

  private static String shortStage(String stage) {
    return switch (stage) {
      case "RouteFound" -> "R";
      case "ConnectedToNeighbor" -> "C";
      default -> "N";
    };
  }
}
