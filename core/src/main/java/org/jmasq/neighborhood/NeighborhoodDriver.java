package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.neighborhood.route.RoundTripRoute;
import org.jmasq.neighborhood.route.RouteQuery;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;

/**
 * Drives one {@link Neighborhood} and decides when it flushes: the one flush policy that the real
 * Node's mailbox and the simulator both run, so that the simulator's Gossip figures describe the
 * Node that ships.
 *
 * <p><b>Policy:</b> every input that may change a record or a route counts as unflushed work (a
 * connection's opening and an exit's failed lookup do not), and the engine flushes (one round of
 * Standard Gossip for all the changes since the last flush, and the route check) when
 *
 * <ul>
 *   <li>the owner's mailbox drains ({@link #mailboxDrained()}): a burst of Gossip that arrives
 *       together, as after a neighbor's change reaches several of its neighbors at once, becomes
 *       one round instead of one round per input;
 *   <li>{@link #MAX_INPUTS_PER_FLUSH} inputs have gone by without a flush: a mailbox that never
 *       drains (a storm of Gossip, each input a few milliseconds of signature checks) still sends
 *       within tens of milliseconds, never later than the end of that many inputs;
 *   <li>the clock ticks ({@link #tick()}, once a second): a bound in time as well, and the moment
 *       for the connectivity check of a Node still looking for a route.
 * </ul>
 *
 * <p>Sixteen is well above what a Node receives in one 100 ms round of the simulator (at most ten
 * at N = 1,000), so ordinary bursts still fold into one round; the bound only bites when the
 * mailbox stays busy.
 *
 * <p>Each method returns the effects to carry out. Route queries and reads are not inputs and
 * change nothing. <b>Threading:</b> like the engine, one thread owns a driver; nothing here reads a
 * clock (the engine has the injected one).
 */
public final class NeighborhoodDriver {
  /** The most inputs the engine takes between two flushes. */
  static final int MAX_INPUTS_PER_FLUSH = 16;

  private final Neighborhood engine;
  private final int maxInputsPerFlush;
  private int unflushedInputs;

  public NeighborhoodDriver(Neighborhood engine) {
    this(engine, MAX_INPUTS_PER_FLUSH);
  }

  /** A driver that flushes after at most {@code maxInputsPerFlush} inputs. */
  NeighborhoodDriver(Neighborhood engine, int maxInputsPerFlush) {
    if (maxInputsPerFlush < 1) {
      throw new IllegalArgumentException(
          "maxInputsPerFlush: " + maxInputsPerFlush + " (expected: at least 1)");
    }
    this.engine = engine;
    this.maxInputsPerFlush = maxInputsPerFlush;
  }

  /** See {@link Neighborhood#start}. */
  public List<NeighborhoodEffect> start(
      List<NodeDescriptor> configured, List<NodeDescriptor> past) {
    return input(engine.start(configured, past));
  }

  /** See {@link Neighborhood#gossipReceived}. */
  public List<NeighborhoodEffect> gossipReceived(GossipSource source, Gossip gossip) {
    return input(engine.gossipReceived(source, gossip));
  }

  /** See {@link Neighborhood#gossipFailureReceived}. */
  public List<NeighborhoodEffect> gossipFailureReceived(
      GossipSource source, GossipFailure failure) {
    return input(engine.gossipFailureReceived(source, failure));
  }

  /**
   * See {@link Neighborhood#tcpConnected}. It changes no record and no route, so it makes no flush
   * due and does not count toward the bound.
   */
  public void tcpConnected(InetAddress ip) {
    engine.tcpConnected(ip);
  }

  /** See {@link Neighborhood#tcpFailed}. */
  public List<NeighborhoodEffect> tcpFailed(InetAddress ip) {
    return input(engine.tcpFailed(ip));
  }

  /** See {@link Neighborhood#neighborLost}. */
  public List<NeighborhoodEffect> neighborLost(PublicKey key) {
    return input(engine.neighborLost(key));
  }

  /**
   * See {@link Neighborhood#exitCouldNotResolve}. Like {@link #tcpConnected}, nothing to gossip and
   * no flush due.
   */
  public void exitCouldNotResolve(PublicKey exit, String host) {
    engine.exitCouldNotResolve(exit, host);
  }

  /** See {@link Neighborhood#publicAddressChanged}. */
  public List<NeighborhoodEffect> publicAddressChanged(NodeAddr addr) {
    return input(engine.publicAddressChanged(addr));
  }

  /** See {@link Neighborhood#setMinHops}. */
  public List<NeighborhoodEffect> setMinHops(int hops) {
    return input(engine.setMinHops(hops));
  }

  /** See {@link Neighborhood#toDot}. */
  public String toDot() {
    return engine.toDot();
  }

  /** Time passed: the engine's tick, then a flush whether or not anything is unflushed. */
  public List<NeighborhoodEffect> tick() {
    List<NeighborhoodEffect> out = new ArrayList<>(engine.tick());
    out.addAll(flush());
    return out;
  }

  /**
   * The owner has no input waiting: flushes what the inputs since the last flush made due, or does
   * nothing when there were none.
   */
  public List<NeighborhoodEffect> mailboxDrained() {
    return unflushedInputs == 0 ? List.of() : flush();
  }

  private List<NeighborhoodEffect> input(List<NeighborhoodEffect> effects) {
    unflushedInputs++;
    if (unflushedInputs < maxInputsPerFlush) {
      return effects;
    }
    List<NeighborhoodEffect> out = new ArrayList<>(effects);
    out.addAll(flush());
    return out;
  }

  private List<NeighborhoodEffect> flush() {
    unflushedInputs = 0;
    return engine.flush();
  }

  /** The cheapest round trip for {@code query}, if one exists. */
  public Optional<RoundTripRoute> findRoute(RouteQuery query) {
    return engine.findRoute(query);
  }

  /**
   * The countries a round trip of min-hops hops can exit in now; see {@link
   * org.jmasq.neighborhood.route.ExitCountries}.
   */
  public SortedSet<String> exitCountries() {
    return engine.exitCountries();
  }

  /** See {@link org.jmasq.neighborhood.route.ExitCountries#shortfall}. */
  public Optional<String> exitCountryShortfall(ExitPreferences wanted) {
    return engine.exitCountryShortfall(wanted);
  }

  /** The engine's database, for reading (snapshots, measurements). */
  public NeighborhoodDatabase database() {
    return engine.database();
  }

  PublicKey key() {
    return engine.key();
  }

  /** See {@link Neighborhood#contacts}. */
  public List<NodeDescriptor> contacts() {
    return engine.contacts();
  }

  public ConnectionStage stage() {
    return engine.stage();
  }

  public boolean isBanned(InetAddress ip) {
    return engine.isBanned(ip);
  }

  public boolean isBanned(PublicKey key) {
    return engine.isBanned(key);
  }

  /** See {@link Neighborhood#banned}. */
  public BanList.Banned banned() {
    return engine.banned();
  }

  /** See {@link Neighborhood#banChanges}. */
  public long banChanges() {
    return engine.banChanges();
  }

  /** See {@link Neighborhood#gossipCounts}. */
  public GossipCounts gossipCounts() {
    return engine.gossipCounts();
  }
}
