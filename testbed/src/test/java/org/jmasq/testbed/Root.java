package org.jmasq.testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The testbed's tests make namespaces: they run as root (as CI does) and are skipped otherwise. */
final class Root {

  private Root() {}

  static void required() {
    boolean root;
    try {
      root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (Exception e) {
      root = false;
    }
    Assumptions.assumeTrue(root, "the testbed tests run as root");
  }
}
