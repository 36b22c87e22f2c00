package org.jmasq.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.entry.Entry;
import org.jmasq.node.proxyserver.ProxyServer;
import org.jmasq.node.runtime.NodeRuntime;

/**
 * A networked Node as {@link NetworkAssembly} builds one, on a runtime the test gives it and
 * reaching outside only as the test says. Clients are handed to its ProxyServer directly: its entry
 * listens nowhere.
 */
final class AssembledNode implements AutoCloseable {
  /** An entry that takes no clients: a test opens streams on the ProxyServer itself. */
  static final Entry.Opener NO_ENTRY =
      (runtime, port, optimistic, proxyServer) ->
          new Entry() {
            @Override
            public InetSocketAddress address() {
              return InetSocketAddress.createUnresolved("no-entry", 1);
            }

            @Override
            public void close() {}
          };

  final String name;
  private final StartedParts started = new StartedParts();
  private final List<ConnectionStage> stages = new CopyOnWriteArrayList<>();
  private final List<String> shutdownsRequested = new CopyOnWriteArrayList<>();
  private final Subsystems parts;

  AssembledNode(
      String name, NodeConfig config, NodeRuntime runtime, NetworkAssembly.Outside outside)
      throws IOException {
    this.name = name;
    Node.Events events =
        new Node.Events() {
          @Override
          public void stageChanged(ConnectionStage stage) {
            stages.add(stage);
          }

          @Override
          public void shutdownRequested(String reason) {
            shutdownsRequested.add(reason);
          }
        };
    this.parts =
        Assemble.orStopAll(
            started, () -> NetworkAssembly.start(config, events, runtime, started, outside));
  }

  NodeDescriptor descriptor() {
    return parts.descriptor();
  }

  PublicKey key() {
    return parts.descriptor().key();
  }

  /** The stage as the Neighborhood has it now. */
  ConnectionStage stage() {
    return parts.neighbors().stage();
  }

  /** The stages the Node reported to whoever started it, in order. */
  List<ConnectionStage> reportedStages() {
    return List.copyOf(stages);
  }

  List<String> shutdownsRequested() {
    return List.copyOf(shutdownsRequested);
  }

  /** The Node's database in Graphviz DOT, each Node labelled with its record's country. */
  String neighborhoodGraph() {
    return parts.neighbors().neighborhoodGraph();
  }

  /** The keys the Node bans now. */
  java.util.Set<PublicKey> bannedKeys() {
    return parts.neighbors().gossipDefence().bannedKeys();
  }

  List<PublicKey> fullNeighbors() {
    return parts.neighbors().fullNeighbors();
  }

  ProxyServer proxyServer() {
    return parts.proxyServer();
  }

  /** Streams this Node has served as an exit. */
  long exitStreams() {
    return parts.proxyClient().streamsOpened();
  }

  /**
   * The public-key work this Node has done for data: X25519 agreements to open what was sealed to
   * it, sealers it made to originators as an exit, and routes it built as an originator.
   */
  long publicKeyWork() {
    return parts.hopper().publicKeyAgreements()
        + parts.proxyClient().sealersMade()
        + parts.proxyServer().routesBuilt();
  }

  long relayedPackages() {
    return parts.hopper().relayedPackages();
  }

  @Override
  public void close() {
    started.stopAll();
  }

  @Override
  public String toString() {
    return name;
  }
}
