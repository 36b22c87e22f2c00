package org.jmasq.testbed;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Refuses, in one sentence, to make a testbed on a machine that lacks root or a needed tool. */
final class Prerequisites {

  private Prerequisites() {}

  static void check(boolean needsRouters) throws MissingPrerequisiteException {
    if (!isRoot()) {
      throw new MissingPrerequisiteException(
          "The testbed makes network namespaces and must run as root (try sudo).");
    }
    List<String> tools = new ArrayList<>(List.of("ip", "ss", "sysctl"));
    if (needsRouters) {
      tools.addAll(List.of("nft", "miniupnpd"));
    }
    List<String> missing = tools.stream().filter(t -> !onPath(t)).toList();
    if (!missing.isEmpty()) {
      throw new MissingPrerequisiteException(
          "The testbed needs "
              + String.join(", ", missing)
              + " on the PATH (Debian: apt-get install iproute2 nftables miniupnpd procps).");
    }
  }

  private static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
