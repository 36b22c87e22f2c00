package org.jmasq.testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The testbed's tests make namespaces: they run as root (as CI does) and are skipped otherwise,
 * except under CI ({@code CI=true}), where a skip would hide that they never ran: there they fail.
 */
final class Root {

  private Root() {}

  static void required() {
    boolean root;
    try {
      root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (Exception e) {
      root = false;
    }
    if (!root && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("the testbed tests run as root, and CI must run them");
    }
    Assumptions.assumeTrue(root, "the testbed tests run as root");
  }
}
