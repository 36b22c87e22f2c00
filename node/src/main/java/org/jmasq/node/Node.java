package org.jmasq.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.RouteOpener;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.node.entry.EntryServer;
import org.jmasq.node.hopper.Hopper;
import org.jmasq.node.proxyclient.DnsServersResolver;
import org.jmasq.node.proxyclient.ExitPolicy;
import org.jmasq.node.proxyclient.HostResolver;
import org.jmasq.node.proxyclient.ProxyClient;
import org.jmasq.node.proxyserver.ProxyServer;
import org.jmasq.node.proxyserver.RouteSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds one Node from its configuration, top to bottom, and stops it. In
 * zero-hop mode every route is {@code [self, self]}, so a request goes ProxyServer → Hopper →
 * ProxyClient inside this process, through real CORES packages.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);
  /** Session keys remembered per key pair: about one per hop per live stream. */
  private static final int SESSION_CACHE = 65_536;

  private final NodeConfig config;
  private final NodeKeyPair mainKeys;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ScheduledExecutorService timers;
  private final Hopper hopper;
  private final ProxyServer proxyServer;
  private final ProxyClient proxyClient;
  private final EntryServer entry;

  private Node(NodeConfig config) throws IOException {
    if (config.mode() != NeighborhoodMode.ZERO_HOP) {
      throw new NodeStartException(
          "neighborhood mode '" + config.mode() + "' needs the multi-hop data path, which this build does not have yet; use zero-hop");
    }
    this.config = config;
    Files.createDirectories(config.dataDirectory());
    this.lockChannel =
        FileChannel.open(config.dataDirectory().resolve("node.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    this.lock = tryLock(lockChannel, config);
    SecureRandom random = new SecureRandom();
    // Without a database password the reference makes a new key every run; so do we for now.
    this.mainKeys = NodeKeyPair.generate(random);
    NodeKeyPair aliasKeys = NodeKeyPair.generate(random);
    EnvelopeOpener mainOpener = new EnvelopeOpener(mainKeys, SESSION_CACHE);
    EnvelopeOpener aliasOpener = new EnvelopeOpener(aliasKeys, SESSION_CACHE);
    RouteOpener routeOpener = new RouteOpener(mainOpener);
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("timers").daemon().unstarted(r));

    this.proxyClient =
        new ProxyClient(resolver(config), new ExitPolicy(config.allowPrivateTargets()), this::transmit, random, config.connectTimeout());
    this.proxyServer =
        new ProxyServer(
            mainKeys.publicKey(), aliasKeys.publicKey(), RouteSource.zeroHop(mainKeys.publicKey()), routeOpener,
            this::transmit, random, timers, config.connectTimeout().plusSeconds(10));
    InetSocketAddress self = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    this.hopper =
        new Hopper(
            mainKeys.publicKey(), self, routeOpener, mainOpener, aliasOpener,
            (next, bytes) -> {
              throw new IOException("no link to " + next + ": a zero-hop Node has no neighbors");
            },
            new Hopper.Deliveries(
                proxyServer::deliver,
                proxyClient::deliver,
                gossip -> log.warn("Dropped Gossip: a zero-hop Node takes no part in the Neighborhood")),
            random);
    try {
      this.entry = EntryServer.start(config.proxyPort(), proxyServer);
    } catch (IOException e) {
      releaseLock();
      throw new NodeStartException(e.getMessage());
    }
  }

  /** Starts a Node, or explains in one sentence why it cannot start. */
  public static Node start(NodeConfig config) throws NodeStartException {
    try {
      return new Node(config);
    } catch (NodeStartException e) {
      throw e;
    } catch (IOException e) {
      throw new NodeStartException("cannot use data directory " + config.dataDirectory() + ": " + e.getMessage());
    }
  }

  private static FileLock tryLock(FileChannel channel, NodeConfig config) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
    } catch (OverlappingFileLockException e) {
      // fall through: held in this very process
    }
    channel.close();
    throw new NodeStartException("another Node is already running with data directory " + config.dataDirectory());
  }

  private static HostResolver resolver(NodeConfig config) {
    return config.dnsServers().isEmpty()
        ? HostResolver.system()
        : new DnsServersResolver(config.dnsServers(), Duration.ofSeconds(5));
  }

  private void transmit(IncipientCoresPackage incipient) throws IOException {
    hopper.transmit(incipient);
  }

  public InetSocketAddress proxyAddress() {
    return entry.address();
  }

  /** How this Node would be named to others; a zero-hop Node has no address. */
  public NodeDescriptor descriptor() {
    return new NodeDescriptor(config.chain(), mainKeys.publicKey(), java.util.Optional.empty());
  }

  public Hopper hopper() {
    return hopper;
  }

  @Override
  public void close() {
    entry.close();
    proxyServer.close();
    proxyClient.close();
    timers.shutdownNow();
    releaseLock();
  }

  private void releaseLock() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      log.warn("Could not release the data directory lock: {}", e.getMessage());
    }
  }
}
