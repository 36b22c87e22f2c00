package org.jmasq.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.automap.AutomapConfig;

/**
 * Everything a Node is started with, already validated by the command line.
 *
 * @param ip the Node's public address; its links leave from and listen on it
 * @param accountant wallets, database password and accountant settings, as given
 * @param clandestinePort where a standard Node accepts links, any port (443 looks most like a web
 *     server; below 1024 needs the privilege to bind); 0 picks one in 1025–9999 and keeps it in the
 *     data directory
 * @param dialsOwnNetwork whether the Node dials addresses of its own network's kind (loopback,
 *     private) when other Nodes name them, as devnet's Nodes and a testbed's must; false makes it
 *     dial as a Node on the open internet does whatever its address (a test of such a Node on
 *     loopback). Its configured neighbors are dialled either way.
 * @param uiPort where the UI gateway listens on 127.0.0.1 (MASQNode-UIv2, {@code docs/UI.md}); 0
 *     for no gateway
 * @param automap whether a standard Node maps its clandestine port on its router and learns its
 *     public IP there (docs/AUTOMAP.md)
 * @param ipCountryTable a test-only IP-to-country table of {@code CIDR CC} lines, used instead of
 *     the shipped one (devnet and testbed addresses are in no real table)
 * @param optimisticData whether a SOCKS5 client is told "succeeded" as soon as its stream has a
 *     route, before the exit has connected, so that its request leaves at once; a failure at the
 *     exit then reaches it as an HTTP error page or a TLS alert, not as a SOCKS reply code
 */
public record NodeConfig(
    NeighborhoodMode mode,
    Chain chain,
    Path dataDirectory,
    int proxyPort,
    List<InetSocketAddress> dnsServers,
    boolean allowPrivateTargets,
    int minHops,
    List<NodeDescriptor> neighbors,
    Optional<InetAddress> ip,
    int clandestinePort,
    Duration connectTimeout,
    AccountantConfig accountant,
    boolean dialsOwnNetwork,
    int uiPort,
    AutomapConfig automap,
    Optional<Path> ipCountryTable,
    boolean optimisticData) {
  /**
   * A Node with no UI gateway and without automap (its address given, its port forwarded by hand).
   */
  public NodeConfig(
      NeighborhoodMode mode,
      Chain chain,
      Path dataDirectory,
      int proxyPort,
      List<InetSocketAddress> dnsServers,
      boolean allowPrivateTargets,
      int minHops,
      List<NodeDescriptor> neighbors,
      Optional<InetAddress> ip,
      int clandestinePort,
      Duration connectTimeout,
      AccountantConfig accountant,
      boolean dialsOwnNetwork) {
    this(
        mode,
        chain,
        dataDirectory,
        proxyPort,
        dnsServers,
        allowPrivateTargets,
        minHops,
        neighbors,
        ip,
        clandestinePort,
        connectTimeout,
        accountant,
        dialsOwnNetwork,
        0,
        AutomapConfig.OFF,
        Optional.empty(),
        false);
  }

  /** A Node that dials its own network's kind of address, as every Node started by the CLI. */
  public NodeConfig(
      NeighborhoodMode mode,
      Chain chain,
      Path dataDirectory,
      int proxyPort,
      List<InetSocketAddress> dnsServers,
      boolean allowPrivateTargets,
      int minHops,
      List<NodeDescriptor> neighbors,
      Optional<InetAddress> ip,
      int clandestinePort,
      Duration connectTimeout,
      AccountantConfig accountant) {
    this(
        mode,
        chain,
        dataDirectory,
        proxyPort,
        dnsServers,
        allowPrivateTargets,
        minHops,
        neighbors,
        ip,
        clandestinePort,
        connectTimeout,
        accountant,
        true);
  }

  public NodeConfig {
    if (mode == null
        || chain == null
        || dataDirectory == null
        || connectTimeout == null
        || ip == null
        || accountant == null
        || automap == null
        || ipCountryTable == null) {
      throw new IllegalArgumentException(
          "mode, chain, data directory, ip, accountant config, automap and timeout are required");
    }
    if (proxyPort < 0 || proxyPort > 65535) {
      throw new IllegalArgumentException("proxy port: " + proxyPort + " (expected: 0~65535)");
    }
    if (clandestinePort < 0 || clandestinePort > 65535) {
      throw new IllegalArgumentException(
          "clandestine port: " + clandestinePort + " (expected: 1~65535, or 0 for any)");
    }
    if (uiPort < 0 || uiPort > 65535) {
      throw new IllegalArgumentException(
          "UI port: " + uiPort + " (expected: 1~65535, or 0 for none)");
    }
    if (minHops < 1 || minHops > 6) {
      throw new IllegalArgumentException("min hops: " + minHops + " (expected: 1~6)");
    }
    dnsServers = List.copyOf(dnsServers);
    neighbors = List.copyOf(neighbors);
  }

  /** This configuration with {@code dialsOwnNetwork} as given. */
  public NodeConfig withDialsOwnNetwork(boolean dials) {
    return new NodeConfig(
        mode,
        chain,
        dataDirectory,
        proxyPort,
        dnsServers,
        allowPrivateTargets,
        minHops,
        neighbors,
        ip,
        clandestinePort,
        connectTimeout,
        accountant,
        dials,
        uiPort,
        automap,
        ipCountryTable,
        optimisticData);
  }

  /** This configuration with its UI gateway on {@code port} (0: none). */
  public NodeConfig withUiPort(int port) {
    return new NodeConfig(
        mode,
        chain,
        dataDirectory,
        proxyPort,
        dnsServers,
        allowPrivateTargets,
        minHops,
        neighbors,
        ip,
        clandestinePort,
        connectTimeout,
        accountant,
        dialsOwnNetwork,
        port,
        automap,
        ipCountryTable,
        optimisticData);
  }

  /** This configuration with {@code automap} as given. */
  public NodeConfig withAutomap(AutomapConfig automap) {
    return new NodeConfig(
        mode,
        chain,
        dataDirectory,
        proxyPort,
        dnsServers,
        allowPrivateTargets,
        minHops,
        neighbors,
        ip,
        clandestinePort,
        connectTimeout,
        accountant,
        dialsOwnNetwork,
        uiPort,
        automap,
        ipCountryTable,
        optimisticData);
  }

  /**
   * This configuration with the test-only IP-to-country table {@code table} (empty: the shipped
   * one).
   */
  public NodeConfig withIpCountryTable(Optional<Path> table) {
    return new NodeConfig(
        mode,
        chain,
        dataDirectory,
        proxyPort,
        dnsServers,
        allowPrivateTargets,
        minHops,
        neighbors,
        ip,
        clandestinePort,
        connectTimeout,
        accountant,
        dialsOwnNetwork,
        uiPort,
        automap,
        table,
        optimisticData);
  }

  /** This configuration with optimistic data for SOCKS5 clients on or off. */
  public NodeConfig withOptimisticData(boolean on) {
    return new NodeConfig(
        mode,
        chain,
        dataDirectory,
        proxyPort,
        dnsServers,
        allowPrivateTargets,
        minHops,
        neighbors,
        ip,
        clandestinePort,
        connectTimeout,
        accountant,
        dialsOwnNetwork,
        uiPort,
        automap,
        ipCountryTable,
        on);
  }
}
