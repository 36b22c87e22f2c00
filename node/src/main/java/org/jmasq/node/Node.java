package org.jmasq.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.datadir.DataDirectoryLock;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.node.runtime.SystemRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: starts one Node from its configuration and stops it. It takes the data
 * directory's lock and leaves the wiring to an assembly: {@link ZeroHopAssembly}, where every route
 * is {@code [self, self]}, or {@link NetworkAssembly}, where the Neighborhood finds routes over the
 * Node's links to other Nodes.
 *
 * <p>Whatever is started is stopped newest first: when the Node stops, and when a later step of its
 * start fails. The runtime, its clock and timers, is made first and closed last.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  /** What a running Node reports to whoever started it. */
  public interface Events {
    void stageChanged(ConnectionStage stage);

    void shutdownRequested(String reason);
  }

  /** What this Node has carried since it started, for its status line. */
  public record Traffic(
      long relayedPackages,
      long relayedBytes,
      long exitStreams,
      long exitBytes,
      List<PublicKey> neighbors) {
    public Traffic {
      neighbors = List.copyOf(neighbors);
    }
  }

  private final Subsystems parts;
  private final StartedParts started;

  private Node(Subsystems parts, StartedParts started) {
    this.parts = parts;
    this.started = started;
  }

  /** Starts a Node, or explains in one sentence why it cannot start. */
  public static Node start(NodeConfig config, Events events) throws NodeStartException {
    StartedParts started = new StartedParts();
    NodeRuntime runtime = new SystemRuntime();
    started.onStop(runtime::close);
    try {
      DataDirectoryLock lock = lock(config.dataDirectory());
      started.onStop(() -> release(lock));
      Subsystems parts =
          switch (config.mode()) {
            case ZERO_HOP -> ZeroHopAssembly.start(config, runtime, started);
            case STANDARD, ORIGINATE_ONLY, CONSUME_ONLY ->
                NetworkAssembly.start(
                    config, events, runtime, started, NetworkAssembly.Outside.SOCKETS);
          };
      return new Node(parts, started);
    } catch (NodeStartException e) {
      started.stopAll();
      throw e;
    } catch (IOException | RuntimeException e) {
      started.stopAll();
      throw new NodeStartException(e.getMessage());
    }
  }

  /** Keeps a second Node off {@code directory}, which is made if it does not exist yet. */
  private static DataDirectoryLock lock(Path directory) throws NodeStartException {
    try {
      Files.createDirectories(directory);
      DataDirectoryLock lock =
          DataDirectoryLock.tryAcquire(directory)
              .orElseThrow(
                  () ->
                      new NodeStartException(
                          "another Node is already running with data directory " + directory));
      try {
        lock.namePid();
      } catch (IOException e) {
        lock.close();
        throw e;
      }
      return lock;
    } catch (NodeStartException e) {
      throw e;
    } catch (IOException e) {
      throw new NodeStartException(
          "cannot use data directory " + directory + ": " + e.getMessage());
    }
  }

  private static void release(DataDirectoryLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      log.warn("Could not release the data directory lock: {}", e.getMessage());
    }
  }

  public InetSocketAddress proxyAddress() {
    return parts.entry().address();
  }

  /** How this Node is named to others. */
  public NodeDescriptor descriptor() {
    return parts.descriptor();
  }

  public ConnectionStage stage() {
    return parts.neighbors().stage();
  }

  /** Known Nodes and full neighbors, for status lines; zero-hop knows none. */
  public int[] neighborhoodCounts() {
    return parts.neighbors().counts();
  }

  public Traffic traffic() {
    return new Traffic(
        parts.hopper().relayedPackages(),
        parts.hopper().relayedBytes(),
        parts.proxyClient().streamsOpened(),
        parts.proxyClient().bytesFromServers(),
        parts.neighbors().fullNeighbors());
  }

  /** Stops the entry, the streams, the Neighborhood and links, the Accountant, then the rest. */
  @Override
  public void close() {
    started.stopAll();
  }
}
