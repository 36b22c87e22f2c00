package org.jmasq.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeDescriptor;

/** Everything a Node is started with, already validated by the command line. */
public record NodeConfig(
    NeighborhoodMode mode,
    Chain chain,
    Path dataDirectory,
    int proxyPort,
    List<InetSocketAddress> dnsServers,
    boolean allowPrivateTargets,
    int minHops,
    List<NodeDescriptor> neighbors,
    Duration connectTimeout) {
  public NodeConfig {
    if (mode == null || chain == null || dataDirectory == null || connectTimeout == null) {
      throw new IllegalArgumentException("mode, chain, data directory and timeout are required");
    }
    if (proxyPort < 0 || proxyPort > 65535) {
      throw new IllegalArgumentException("proxy port: " + proxyPort + " (expected: 0~65535)");
    }
    if (minHops < 1 || minHops > 6) {
      throw new IllegalArgumentException("min hops: " + minHops + " (expected: 1~6)");
    }
    dnsServers = List.copyOf(dnsServers);
    neighbors = List.copyOf(neighbors);
  }
}
