package org.jmasq.node.link;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.node.runtime.NodeRuntime;

/**
 * Makes a Node's {@link Transport}, listening on {@code ownIp:port} (0 = not listening) but
 * accepting no link until {@link Transport#acceptLinks}: the Node binds its port before the rest of
 * it exists. It dials only the addresses its {@link DialPolicy} allows. A Node's links are TLS
 * connections ({@link #TLS}); a test may carry them otherwise.
 */
@FunctionalInterface
public interface TransportFactory {
  /** TLS links over TCP, as {@link LinkManager#bind} makes them. */
  TransportFactory TLS = LinkManager::bind;

  /**
   * @throws IOException when {@code port} cannot be listened on (it is taken, say)
   */
  Transport bind(
      NodeRuntime runtime,
      NodeKeyPair keys,
      InetAddress ownIp,
      int port,
      Transport.AddressBook addresses,
      DialPolicy dialPolicy,
      Transport.Listener listener,
      SecureRandom random)
      throws IOException;
}
