package org.jmasq.node;

import java.util.Optional;
import java.util.SortedSet;
import java.util.function.IntPredicate;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.node.accountant.Financials;
import org.jmasq.node.accountant.ReceivableScanner;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.ExitLocationRow;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.node.ui.UiGateway;
import org.jmasq.node.ui.UiNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI gateway's handlers over a started Node's parts: each opcode reaches only the part it asks
 * about, and {@code shutdown} stops the Node as {@link Node#close} does.
 */
final class UiAssembly {
  private static final Logger log = LoggerFactory.getLogger(UiAssembly.class);

  private UiAssembly() {}

  /**
   * Lets {@code gateway}, bound before the parts started, serve them.
   *
   * @param stop stops the whole Node; run on a thread of the gateway's, never the event loop
   */
  static void serve(
      UiGateway gateway, NodeConfig config, NodeRuntime runtime, Subsystems parts, Runnable stop) {
    UiNode.Status status =
        new UiNode.Status() {
          @Override
          public Optional<NodeDescriptor> descriptor() {
            return Optional.of(parts.descriptor());
          }

          @Override
          public String neighborhoodGraph() {
            return parts.neighbors().neighborhoodGraph();
          }
        };
    Optional<IntPredicate> minHops =
        config.mode() == NeighborhoodMode.ZERO_HOP
            ? Optional.empty()
            : Optional.of(
                hops -> {
                  if (!parts.neighbors().setMinHops(hops)) {
                    return false;
                  }
                  log.info(
                      "min-hops set to {} from a UI: new routes have at least {} hops", hops, hops);
                  return true;
                });
    Optional<UiNode.StartBlock> startBlock =
        parts
            .database()
            .map(
                db ->
                    block -> {
                      ReceivableScanner.setStartBlock(db, block);
                      log.info(
                          "start block set to {} from a UI",
                          block.isPresent() ? block.getAsLong() : "the latest");
                    });
    Optional<UiNode.FinancialsSource> financials =
        parts.database().map(db -> () -> Financials.read(db, runtime.utcClock()));
    gateway.serve(
        new UiNode(
            status,
            stop,
            parts.database().map(DatabaseConfigurator::passwords),
            minHops,
            startBlock,
            financials,
            parts
                .database()
                .map(
                    db ->
                        new DatabaseConfigurator(
                            db, DatabaseConfigurator.running(config, parts.descriptor()))),
            parts.accountant().map(a -> a::scanNow),
            config.mode() == NeighborhoodMode.ZERO_HOP
                ? Optional.empty()
                : Optional.of(exitLocations(parts))),
        new Readings(parts));
  }

  /**
   * The user's exit countries: held by the Neighborhood, kept in the database where there is one.
   */
  private static UiNode.ExitLocations exitLocations(Subsystems parts) {
    return new UiNode.ExitLocations() {
      @Override
      public ExitPreferences current() {
        return parts.neighbors().exitPreferences();
      }

      @Override
      public void choose(ExitPreferences preferences) throws DatabaseException {
        parts.neighbors().setExitPreferences(preferences);
        log.info(
            "Exit location set from a UI: {} (fallback routing {})",
            preferences.active() ? preferences.codes() : "any country",
            preferences.fallback() ? "on" : "off");
        if (parts.database().isPresent()) {
          ExitLocationRow.store(parts.database().get().config(), preferences);
        }
      }

      @Override
      public Optional<SortedSet<String>> reachable() {
        return parts.neighbors().exitCountries();
      }
    };
  }
}
