package org.jmasq.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jmasq.cores.RouteOpener;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.node.entry.EntryServer;
import org.jmasq.node.hopper.Hopper;
import org.jmasq.node.proxyclient.ExitPolicy;
import org.jmasq.node.proxyclient.HostResolver;
import org.jmasq.node.proxyclient.ProxyClient;
import org.jmasq.node.proxyserver.ProxyServer;
import org.jmasq.node.proxyserver.RouteSource;
import org.jmasq.node.runtime.ManualRuntime;

/**
 * A zero-hop Node wired the way {@link Node} wires one (entry, ProxyServer, Hopper, ProxyClient,
 * real keys), but with a fake resolver that knows a few names, no data directory, and a clock that
 * stands still (no test here waits for a timer).
 */
final class InProcessNode implements AutoCloseable {
  private final ManualRuntime runtime = new ManualRuntime();
  private final ProxyServer proxyServer;
  private final ProxyClient proxyClient;
  private final Hopper hopper;
  private final EntryServer entry;

  /** {@code names} is the whole DNS as the exit sees it; any other name does not resolve. */
  InProcessNode(boolean allowPrivateTargets, Map<String, InetAddress> names) throws IOException {
    SecureRandom random = new SecureRandom();
    NodeKeyPair mainKeys = NodeKeyPair.generate(random);
    NodeKeyPair aliasKeys = NodeKeyPair.generate(random);
    EnvelopeOpener mainOpener = new EnvelopeOpener(mainKeys, 1024);
    EnvelopeOpener aliasOpener = new EnvelopeOpener(aliasKeys, 1024);
    RouteOpener routeOpener = new RouteOpener(mainOpener);
    Hopper[] hopperRef = new Hopper[1];
    HostResolver resolver =
        host -> {
          if (names.containsKey(host)) {
            return List.of(names.get(host));
          }
          if (host.matches("[0-9.]+|.*:.*")) {
            return List.of(InetAddress.getByName(host)); // a literal: parsed, never looked up
          }
          throw new UnknownHostException(host);
        };
    this.proxyClient =
        new ProxyClient(
            runtime,
            resolver,
            new ExitPolicy(allowPrivateTargets),
            p -> hopperRef[0].transmit(p),
            random,
            Duration.ofSeconds(5));
    this.proxyServer =
        new ProxyServer(
            mainKeys.publicKey(),
            aliasKeys.publicKey(),
            RouteSource.zeroHop(mainKeys.publicKey()),
            routeOpener,
            p -> hopperRef[0].transmit(p),
            random,
            runtime,
            Duration.ofSeconds(15));
    this.hopper =
        new Hopper(
            mainKeys.publicKey(),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            routeOpener,
            mainOpener,
            aliasOpener,
            (next, bytes) -> {
              throw new IOException("a zero-hop Node has no neighbors");
            },
            new Hopper.Deliveries(proxyServer::deliver, proxyClient::deliver, gossip -> {}),
            random);
    hopperRef[0] = hopper;
    this.entry = EntryServer.start(runtime, 0, proxyServer);
  }

  InetSocketAddress proxyAddress() {
    return entry.address();
  }

  Hopper hopper() {
    return hopper;
  }

  ProxyServer proxyServer() {
    return proxyServer;
  }

  ProxyClient proxyClient() {
    return proxyClient;
  }

  @Override
  public void close() {
    entry.close();
    proxyServer.close();
    proxyClient.close();
    runtime.close();
  }
}
