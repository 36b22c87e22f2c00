package org.jmasq.node.link;

import java.net.InetAddress;
import java.util.List;
import org.jmasq.node.proxyclient.ExitPolicy;

/** Dial policies for tests of links between Nodes on 127.0.0.x. */
final class TestDials {
  /** A Node on loopback, as devnet's: it dials the loopback addresses other Nodes name. */
  static final DialPolicy LOOPBACK =
      DialPolicy.of(ExitPolicy::classify, InetAddress.getLoopbackAddress(), List.of());

  private TestDials() {}
}
