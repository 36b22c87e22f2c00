package org.jmasq.node.ui;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.function.IntPredicate;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.node.accountant.Financials;
import org.jmasq.node.database.DatabaseException;

/**
 * The parts of a running Node that the gateway's handlers reach, each as narrow as its opcode
 * needs, so that a handler is tested with a stand-in. What a Node does not have is empty: a
 * zero-hop Node keeps no database and has no route length to change.
 *
 * @param shutdown stops the Node as {@code Node.close} does; called once, on a thread of its own
 * @param minHops changes min-hops for the routes found from now on (1–6); false when the
 *     Neighborhood did not take the change (its mailbox was full)
 * @param startBlock sets the block the next receivable scan starts from
 * @param configurator the settings and wallets kept in the database
 * @param scans the Accountant's scans, run at a UI's request
 * @param exitLocations where routes exit (not zero-hop)
 */
public record UiNode(
    Status status,
    Runnable shutdown,
    Optional<Passwords> passwords,
    Optional<IntPredicate> minHops,
    Optional<StartBlock> startBlock,
    Optional<FinancialsSource> financials,
    Optional<Configurator> configurator,
    Optional<Scans> scans,
    Optional<ExitLocations> exitLocations) {
  public UiNode {
    if (status == null
        || shutdown == null
        || passwords == null
        || minHops == null
        || startBlock == null
        || financials == null
        || configurator == null
        || scans == null
        || exitLocations == null) {
      throw new IllegalArgumentException("every part is required (empty where the Node has none)");
    }
  }

  /** A Node whose exit location no UI reaches. */
  public UiNode(
      Status status,
      Runnable shutdown,
      Optional<Passwords> passwords,
      Optional<IntPredicate> minHops,
      Optional<StartBlock> startBlock,
      Optional<FinancialsSource> financials,
      Optional<Configurator> configurator,
      Optional<Scans> scans) {
    this(
        status,
        shutdown,
        passwords,
        minHops,
        startBlock,
        financials,
        configurator,
        scans,
        Optional.empty());
  }

  /** A Node whose settings, wallets and scans no UI reaches. */
  public UiNode(
      Status status,
      Runnable shutdown,
      Optional<Passwords> passwords,
      Optional<IntPredicate> minHops,
      Optional<StartBlock> startBlock,
      Optional<FinancialsSource> financials) {
    this(
        status,
        shutdown,
        passwords,
        minHops,
        startBlock,
        financials,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * What the Node reports about itself. Its stage is not asked here: the gateway answers from the
   * last change it was told of.
   */
  public interface Status {
    /** How other Nodes reach this one; empty where it has no public address. */
    Optional<NodeDescriptor> descriptor();

    /** The Neighborhood as this Node knows it, in Graphviz DOT. */
    String neighborhoodGraph();
  }

  /** The database password's check row. */
  public interface Passwords {
    boolean hasPassword() throws DatabaseException;

    /** True when {@code password} is the database password; false when it is not or none is set. */
    boolean matches(String password) throws DatabaseException;

    /**
     * Sets the first password, or changes it: {@code oldPassword} must be empty when none is set
     * and right when one is.
     *
     * @throws org.jmasq.node.database.WrongPasswordException when the old password is not right
     */
    void change(Optional<String> oldPassword, String newPassword) throws DatabaseException;
  }

  /** The receivable scan's start block. */
  public interface StartBlock {
    /**
     * Sets the block the next receivable scan starts from; empty starts it from the latest block.
     * Runs in turn with the scans, so a scan under way does not write over it.
     */
    void set(OptionalLong block) throws DatabaseException;
  }

  /** Where routes exit: the user's countries and the countries reachable now. */
  public interface ExitLocations {
    ExitPreferences current();

    /** Makes {@code preferences} hold for new routes and keeps them for the next start. */
    void choose(ExitPreferences preferences) throws DatabaseException;

    /** The countries a route can exit in now; empty when the Neighborhood does not answer. */
    Optional<SortedSet<String>> reachable();
  }

  /** The Node's books now, read the way {@code jmasq financials} reads them. */
  public interface FinancialsSource {
    Financials read() throws DatabaseException;
  }
}
