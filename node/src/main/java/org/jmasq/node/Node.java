package org.jmasq.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.datadir.DataDirectoryLock;
import org.jmasq.node.neighborhood.GossipDefence;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.node.runtime.SystemRuntime;
import org.jmasq.node.ui.UiGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: starts one Node from its configuration and stops it. It takes the data
 * directory's lock and leaves the wiring to an assembly: {@link ZeroHopAssembly}, where every route
 * is {@code [self, self]}, or {@link NetworkAssembly}, where the Neighborhood finds routes over the
 * Node's links to other Nodes.
 *
 * <p>Whatever is started is stopped newest first: when the Node stops, and when a later step of its
 * start fails. The data directory's lock is taken first and released last; before it, the runtime
 * (the clock, timers and mailboxes) closes, waiting for its mailboxes' threads.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  /**
   * What a running Node reports to whoever started it. Both are called on the Neighborhood's
   * effects mailbox: they must return soon, and must not stop the Node on that thread (closing the
   * Node waits for its mailboxes).
   */
  public interface Events {
    void stageChanged(ConnectionStage stage);

    void shutdownRequested(String reason);

    /**
     * The network refuses to take this Node, for the reason given in one sentence (another Node
     * already holds its public IP); the Node keeps running and trying.
     */
    default void refused(String why) {}

    /**
     * A UI asked the Node to stop ({@code shutdown}), and it has stopped as {@link Node#close}
     * stops it. Called on a thread of its own, once the Node has stopped.
     */
    default void stoppedByUi() {}
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
  private final Optional<UiGateway> ui;

  private Node(Subsystems parts, StartedParts started, Optional<UiGateway> ui) {
    this.parts = parts;
    this.started = started;
    this.ui = ui;
  }

  /** Starts a Node, or explains in one sentence why it cannot start. */
  public static Node start(NodeConfig config, Events events) throws NodeStartException {
    // The lock is taken first and released last: the runtime's close waits for the mailboxes, so
    // nothing of this Node writes to the directory once another Node may take it.
    DataDirectoryLock lock = lock(config.dataDirectory());
    StartedParts started = new StartedParts();
    started.onStop(() -> release(lock));
    try {
      NodeRuntime runtime = new SystemRuntime();
      started.onStop(runtime::close);
      // The UI port is bound before anything talks to the world: a port that is taken stops the
      // start before a scan may pay someone or a neighbor is contacted. It serves once the parts
      // run; a stage change before then is kept for connectionStatus.
      Optional<UiGateway> gateway = Optional.empty();
      if (config.uiPort() != 0) {
        UiGateway bound =
            UiGateway.bind(
                runtime,
                config.uiPort(),
                config.mode() == NeighborhoodMode.ZERO_HOP
                    ? ConnectionStage.ROUTE_FOUND
                    : ConnectionStage.NOT_CONNECTED);
        started.onStop(bound::close);
        gateway = Optional.of(bound);
      }
      Subsystems parts =
          switch (config.mode()) {
            case ZERO_HOP -> ZeroHopAssembly.start(config, runtime, started);
            case STANDARD, ORIGINATE_ONLY, CONSUME_ONLY ->
                NetworkAssembly.start(
                    config,
                    alsoToUi(events, gateway),
                    runtime,
                    started,
                    NetworkAssembly.Outside.SOCKETS);
          };
      if (gateway.isPresent()) {
        UiAssembly.serve(
            gateway.get(),
            config,
            runtime,
            parts,
            () -> {
              log.info("Stopping: a UI asked the Node to shut down");
              started.stopAll();
              events.stoppedByUi();
            });
        // Closed again (once is enough) first of all when the Node stops, before its parts.
        started.onStop(gateway.get()::close);
      }
      return new Node(parts, started, gateway);
    } catch (NodeStartException e) {
      started.stopAll();
      throw e;
    } catch (IOException | RuntimeException e) {
      started.stopAll();
      throw new NodeStartException(reason(config.dataDirectory(), e), e);
    } catch (Error e) {
      // Out of threads or memory, say: what had started is stopped and the lock released anyway.
      started.stopAll();
      throw e;
    }
  }

  /** {@code events}, with each stage change also told to the UI gateway, if there is one. */
  private static Events alsoToUi(Events events, Optional<UiGateway> gateway) {
    return new Events() {
      @Override
      public void stageChanged(ConnectionStage stage) {
        events.stageChanged(stage);
        gateway.ifPresent(ui -> ui.stageChanged(stage));
      }

      @Override
      public void shutdownRequested(String reason) {
        events.shutdownRequested(reason);
      }

      @Override
      public void refused(String why) {
        events.refused(why);
        gateway.ifPresent(ui -> ui.refused(why));
      }

      @Override
      public void stoppedByUi() {
        events.stoppedByUi();
      }
    };
  }

  /**
   * One sentence for the user: a file of the data directory that cannot be used says so, as the
   * lock does; anything else gives its own message, or its kind when it has none.
   */
  private static String reason(Path directory, Exception e) {
    if (e instanceof FileSystemException f) {
      // Its message is the file, and the reason when the system gave one.
      return "cannot use data directory "
          + directory
          + ": "
          + f.getMessage()
          + (f.getReason() == null ? " (" + f.getClass().getSimpleName() + ")" : "");
    }
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? "the Node could not start: " + e.getClass().getSimpleName()
        : message;
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
          "cannot use data directory " + directory + ": " + e.getMessage(), e);
    }
  }

  private static void release(DataDirectoryLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      log.warn("Could not release the data directory lock: {}", e.getMessage());
    }
  }

  /** Where the UI gateway listens, when the Node has one. */
  public Optional<InetSocketAddress> uiAddress() {
    return ui.map(UiGateway::address);
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

  /** What this Node's Neighborhood refused of the Gossip it was sent, and whom it bans. */
  public GossipDefence gossipDefence() {
    return parts.neighbors().gossipDefence();
  }

  /** Stops the entry, the streams, the Neighborhood and links, the Accountant, then the rest. */
  @Override
  public void close() {
    started.stopAll();
  }
}
