package org.jmasq.node;

import java.io.IOException;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.accountant.Financials;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.node.ui.UiGateway;
import org.jmasq.node.ui.UiNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI gateway over a started Node's parts: each opcode reaches only the part it asks about, and
 * {@code shutdown} stops the Node as {@link Node#close} does.
 */
final class UiAssembly {
  private static final Logger log = LoggerFactory.getLogger(UiAssembly.class);

  private UiAssembly() {}

  /**
   * Starts the gateway on {@code config.uiPort()}.
   *
   * @param stop stops the whole Node; run on a thread of the gateway's, never the event loop
   */
  static UiGateway start(NodeConfig config, NodeRuntime runtime, Subsystems parts, Runnable stop)
      throws IOException {
    UiNode.Status status =
        new UiNode.Status() {
          @Override
          public Optional<NodeDescriptor> descriptor() {
            return Optional.of(parts.descriptor());
          }

          @Override
          public ConnectionStage stage() {
            return parts.neighbors().stage();
          }

          @Override
          public String neighborhoodGraph() {
            return parts.neighbors().neighborhoodGraph();
          }
        };
    Optional<IntConsumer> minHops =
        config.mode() == NeighborhoodMode.ZERO_HOP
            ? Optional.empty()
            : Optional.of(
                hops -> {
                  parts.neighbors().setMinHops(hops);
                  log.info(
                      "min-hops set to {} from a UI: new routes have at least {} hops", hops, hops);
                });
    Optional<UiNode.FinancialsSource> financials =
        parts.database().map(db -> () -> Financials.read(db, runtime.utcClock()));
    return UiGateway.start(
        runtime,
        config.uiPort(),
        new UiNode(status, stop, parts.database().map(UiAssembly::passwords), minHops, financials));
  }

  private static UiNode.Passwords passwords(NodeDatabase database) {
    return new UiNode.Passwords() {
      @Override
      public boolean hasPassword() throws DatabaseException {
        return database.config().hasPassword();
      }

      @Override
      public boolean matches(String password) throws DatabaseException {
        return database.config().checkPassword(password);
      }
    };
  }
}
