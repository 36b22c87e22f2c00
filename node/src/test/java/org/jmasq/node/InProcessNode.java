package org.jmasq.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.identity.Chain;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.hopper.Hopper;
import org.jmasq.node.proxyclient.HostResolver;
import org.jmasq.node.proxyclient.ProxyClient;
import org.jmasq.node.proxyserver.ProxyServer;
import org.jmasq.node.runtime.ManualRuntime;
import org.jmasq.node.runtime.NodeRuntime;

/**
 * A zero-hop Node as {@link ZeroHopAssembly} builds one (entry, ProxyServer, Hopper, ProxyClient,
 * real keys), with a fake resolver that knows a few names, a new key and no data directory.
 */
final class InProcessNode implements AutoCloseable {
  private final StartedParts started = new StartedParts();
  private final Subsystems parts;

  /** {@code names} is the whole DNS as the exit sees it; any other name does not resolve. */
  InProcessNode(boolean allowPrivateTargets, Map<String, InetAddress> names) throws IOException {
    // A clock that stands still: no test here waits for a timer.
    this(allowPrivateTargets, names, new ManualRuntime());
  }

  /** A Node on {@code runtime}, which it closes when it stops. */
  InProcessNode(boolean allowPrivateTargets, Map<String, InetAddress> names, NodeRuntime runtime)
      throws IOException {
    started.onStop(runtime::close);
    SecureRandom random = new SecureRandom();
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
    this.parts =
        Assemble.orStopAll(
            started,
            () ->
                ZeroHopAssembly.start(
                    config(allowPrivateTargets),
                    NodeKeyPair.generate(random),
                    resolver,
                    runtime,
                    random,
                    started));
  }

  private static NodeConfig config(boolean allowPrivateTargets) {
    return new NodeConfig(
        NeighborhoodMode.ZERO_HOP,
        Chain.DEV,
        // Never touched: the key is given, and a zero-hop Node keeps nothing else.
        Path.of("no-data-directory"),
        0,
        List.of(),
        allowPrivateTargets,
        3,
        List.of(),
        Optional.empty(),
        0,
        Duration.ofSeconds(5),
        AccountantConfig.NONE);
  }

  InetSocketAddress proxyAddress() {
    return parts.entry().address();
  }

  Hopper hopper() {
    return parts.hopper();
  }

  ProxyServer proxyServer() {
    return parts.proxyServer();
  }

  ProxyClient proxyClient() {
    return parts.proxyClient();
  }

  @Override
  public void close() {
    started.stopAll();
  }
}
