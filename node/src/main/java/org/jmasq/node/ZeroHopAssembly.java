package org.jmasq.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Optional;
import org.jmasq.accountant.ChargeSink;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.node.datadir.KeptSecrets;
import org.jmasq.node.datadir.NodeFiles;
import org.jmasq.node.entry.EntryServer;
import org.jmasq.node.hopper.Hopper;
import org.jmasq.node.proxyclient.ExitPolicy;
import org.jmasq.node.proxyclient.HostResolver;
import org.jmasq.node.proxyclient.ProxyClient;
import org.jmasq.node.proxyserver.ProxyServer;
import org.jmasq.node.proxyserver.RouteSource;
import org.jmasq.node.runtime.NodeRuntime;

/**
 * A zero-hop Node: every route is {@code [self, self]}, so a request goes ProxyServer → Hopper →
 * ProxyClient inside this process, through real CORES packages. It has no links and no
 * Neighborhood, and it serves only itself, so it neither pays nor earns and keeps no books.
 */
final class ZeroHopAssembly {
  private ZeroHopAssembly() {}

  /** A zero-hop Node with its key kept in the data directory, resolving as the config says. */
  static Subsystems start(NodeConfig config, NodeRuntime runtime, StartedParts started)
      throws IOException {
    SecureRandom random = new SecureRandom();
    NodeFiles files = new NodeFiles(config.dataDirectory());
    NodeKeyPair mainKeys = KeptSecrets.inFiles(files, config.chain(), random).nodeKeys();
    return start(config, mainKeys, HostResolver.of(config.dnsServers()), runtime, random, started);
  }

  /**
   * A zero-hop Node with the key {@code mainKeys} and an exit that resolves with {@code resolver};
   * it does not touch the data directory.
   */
  static Subsystems start(
      NodeConfig config,
      NodeKeyPair mainKeys,
      HostResolver resolver,
      NodeRuntime runtime,
      SecureRandom random,
      StartedParts started)
      throws IOException {
    NodeKeys keys = NodeKeys.around(mainKeys, random);
    Switchboard switchboard = new Switchboard();

    ProxyClient proxyClient =
        new ProxyClient(
            runtime,
            resolver,
            new ExitPolicy(config.allowPrivateTargets()),
            switchboard,
            random,
            config.connectTimeout());
    started.onStop(proxyClient::close);

    ProxyServer proxyServer =
        new ProxyServer(
            keys.self(),
            keys.alias().publicKey(),
            RouteSource.zeroHop(keys.self()),
            keys.routeOpener(),
            switchboard,
            random,
            runtime,
            config.connectTimeout().plusSeconds(10));
    started.onStop(proxyServer::close);

    Neighbors neighbors = Neighbors.zeroHop();
    Hopper hopper =
        new Hopper(
            keys.self(),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            keys.routeOpener(),
            keys.mainOpener(),
            keys.aliasOpener(),
            ZeroHopAssembly::noNeighbors,
            new Hopper.Deliveries(
                proxyServer::deliver,
                proxyClient::deliver,
                neighbors::deliver,
                proxyServer::responseLayers),
            runtime.clock());
    switchboard.connect(hopper, neighbors);

    EntryServer entry =
        EntryServer.start(runtime, config.proxyPort(), config.optimisticData(), proxyServer);
    started.onStop(entry::close);

    NodeDescriptor descriptor = new NodeDescriptor(config.chain(), keys.self(), Optional.empty());
    return new Subsystems(
        descriptor,
        entry,
        proxyServer,
        hopper,
        proxyClient,
        neighbors,
        Optional.empty(),
        new ChargeTotals(ChargeSink.NONE),
        Optional.empty());
  }

  /** The zero-hop Node's links: every package goes to itself, so none ever reaches here. */
  private static void noNeighbors(PublicKey next, byte[] livePackage) throws IOException {
    throw new IOException("no link to " + next + ": a zero-hop Node has no neighbors");
  }
}
