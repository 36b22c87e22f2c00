package org.jmasq.node.ui;

import java.util.Optional;
import java.util.function.IntConsumer;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.accountant.Financials;
import org.jmasq.node.database.DatabaseException;

/**
 * The parts of a running Node that the gateway's handlers reach, each as narrow as its opcode
 * needs, so that a handler is tested with a stand-in. What a Node does not have is empty: a
 * zero-hop Node keeps no database and has no route length to change.
 *
 * @param shutdown stops the Node as {@code Node.close} does; called once, on a thread of its own
 * @param minHops changes min-hops for the routes found from now on (1–6)
 */
public record UiNode(
    Status status,
    Runnable shutdown,
    Optional<Passwords> passwords,
    Optional<IntConsumer> minHops,
    Optional<FinancialsSource> financials) {
  public UiNode {
    if (status == null
        || shutdown == null
        || passwords == null
        || minHops == null
        || financials == null) {
      throw new IllegalArgumentException("every part is required (empty where the Node has none)");
    }
  }

  /** What the Node reports about itself. */
  public interface Status {
    /** How other Nodes reach this one; empty where it has no public address. */
    Optional<NodeDescriptor> descriptor();

    ConnectionStage stage();

    /** The Neighborhood as this Node knows it, in Graphviz DOT. */
    String neighborhoodGraph();
  }

  /** The database password's check row. */
  public interface Passwords {
    boolean hasPassword() throws DatabaseException;

    /** True when {@code password} is the database password; false when it is not or none is set. */
    boolean matches(String password) throws DatabaseException;
  }

  /** The Node's books now, read the way {@code jmasq financials} reads them. */
  public interface FinancialsSource {
    Financials read() throws DatabaseException;
  }
}
