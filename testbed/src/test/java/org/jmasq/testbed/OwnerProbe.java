package org.jmasq.testbed;

import java.io.IOException;

/**
 * A process that owns a testbed (a router with miniupnpd, and a long process on a host), prints its
 * prefix and waits on stdin, so that a test can kill it as a crash or a Ctrl-C would.
 */
final class OwnerProbe {

  private OwnerProbe() {}

  public static void main(String[] args) throws TestbedException, IOException {
    Testbed testbed =
        Testbed.build(
            TestbedPlan.empty()
                .withPublicHost("pub")
                .withRouter("home")
                .withHostBehind("lan", "home"));
    testbed.start("lan", "sleep", "600");
    System.out.println(testbed.prefix());
    System.out.flush();
    System.in.read();
    testbed.close();
  }
}
