package org.jmasq.node.neighborhood;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.Neighborhood;
import org.jmasq.neighborhood.NeighborhoodDriver;
import org.jmasq.neighborhood.NeighborhoodEffect;
import org.jmasq.neighborhood.route.ExitCountries;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.neighborhood.route.RoundTripRoute;
import org.jmasq.neighborhood.route.RouteQuery;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.node.link.Transport;
import org.jmasq.node.proxyserver.RouteSource;
import org.jmasq.node.runtime.Cancellable;
import org.jmasq.node.runtime.Mailbox;
import org.jmasq.node.runtime.MailboxFullException;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.payload.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pure {@link Neighborhood} inside a real Node, through the {@link NeighborhoodDriver}
 * that the simulator runs too. The {@code neighborhood} mailbox owns the driver: every input
 * (Gossip, links coming and going, the clock's tick) and every question (route queries, the stage)
 * is a task there, and a task that leaves the mailbox empty behind it tells the driver the mailbox
 * has drained, which is when Gossip goes out. The effects are carried out on the {@code
 * neighborhood-effects} mailbox, so the Neighborhood never waits on a socket. What other threads
 * need to read (addresses, terms, neighborships, bans) is published as {@link
 * NeighborhoodSnapshots} by the owning mailbox, after each input and before its effects are queued:
 * a ban holds for new links at once, not after the Gossip sends queued ahead of it.
 *
 * <p>Gossip enters through the {@link GossipInlet}. Both mailboxes are bounded; what a full one
 * refuses is dropped and counted.
 */
public final class NeighborhoodService implements RouteSource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NeighborhoodService.class);
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Inputs (Gossip, each peer's part bounded by {@link GossipInflow}), route queries and ticks: far
   * above what waits while the Neighborhood keeps up. Effects wait on sockets, so they get more.
   */
  static final int OWNER_CAPACITY = 1024;

  static final int EFFECTS_CAPACITY = 4096;

  /** What the service tells the rest of the Node; called on the effects mailbox, in order. */
  public interface Observer {
    void stageChanged(ConnectionStage stage);

    void pastNeighborsChanged(List<NodeDescriptor> neighbors);

    /** The Node's own record has a new version; a restart must start above it. */
    void recordVersionChanged(long version);

    void shutdownRequested(String reason);

    /** The network refuses to take this Node, for the reason given in one sentence. */
    default void refused(String why) {}
  }

  private final NeighborhoodDriver driver;
  private final PublicKey self;
  private final NodeRuntime runtime;
  private final Mailbox owner;
  private final Mailbox effects;
  private final Transport links;
  // Set by the UI while routes are being found; the engine has its own copy, set on its thread.
  private volatile int minHops;
  private volatile ExitPreferences exitPreferences = ExitPreferences.NONE;
  private final NeighborhoodSnapshots snapshots = new NeighborhoodSnapshots();
  private final GossipInlet inlet;
  private final EffectCarrier carrier;
  private volatile Cancellable ticker = () -> {};

  public NeighborhoodService(
      Neighborhood neighborhood,
      NodeRuntime runtime,
      Transmitter transmitter,
      Transport links,
      Observer observer,
      SecureRandom random,
      int minHops) {
    this.driver = new NeighborhoodDriver(neighborhood);
    this.self = neighborhood.key();
    this.runtime = runtime;
    this.owner = runtime.mailbox("neighborhood", OWNER_CAPACITY);
    this.effects = runtime.mailbox("neighborhood-effects", EFFECTS_CAPACITY);
    this.links = links;
    this.minHops = minHops;
    this.inlet = new GossipInlet(runtime.clock(), links, this::onOwner, this::run);
    this.carrier =
        new EffectCarrier(
            self, effects, transmitter, links, observer, random, snapshots, this::linkFailed);
  }

  /** Debuts to {@code configured} neighbors (or the remembered past ones) and starts the clock. */
  public void start(List<NodeDescriptor> configured, List<NodeDescriptor> past) {
    input(d -> d.start(configured, past));
    ticker = runtime.scheduleAtFixedRate(TICK, () -> input(NeighborhoodDriver::tick));
  }

  /** Gossip or a GossipFailure the Hopper expired to the Neighborhood: see {@link GossipInlet}. */
  public void deliver(ExpiredCoresPackage<MessageType> expired) {
    inlet.deliver(expired);
  }

  /**
   * A link came up. A banned Node's link is closed at once: its IP may not be banned (see {@link
   * org.jmasq.neighborhood.BanList}), so only its handshake shows who it is.
   */
  public void linkUp(PublicKey peer, InetSocketAddress remote) {
    if (snapshots.isBanned(peer)) {
      log.info("Closing the link from {} at {}: banned", peer, remote);
      links.disconnect(peer, "banned");
      return;
    }
    input(
        d -> {
          d.tcpConnected(remote.getAddress());
          return List.of();
        });
  }

  public void linkDown(PublicKey peer) {
    input(d -> d.neighborLost(peer));
  }

  private void linkFailed(InetAddress ip) {
    input(d -> d.tcpFailed(ip));
  }

  public boolean isBanned(InetAddress ip) {
    return snapshots.isBanned(ip);
  }

  /** What the Neighborhood refused of the Gossip it was sent, what waits now, and whom it bans. */
  public GossipDefence defence() {
    return inlet.defence(snapshots.gossipCounts(), snapshots.banned(), owner.dropped());
  }

  @Override
  public Optional<RouteLegs> findRoute(String host, int payloadSize) {
    RouteQuery query =
        new RouteQuery(
            minHops,
            Math.min(payloadSize, RouteQuery.MAX_PAYLOAD),
            Optional.ofNullable(host),
            exitPreferences);
    // The route and this Node's neighbors are read in one task, so the log states the neighbors the
    // route was chosen against (the exit must not be one of them).
    return ask(d -> {
          Optional<RoundTripRoute> route = d.findRoute(query);
          route.ifPresent(
              r ->
                  log.info(
                      "Route chosen with exit {}; this Node's full neighbors then: {}",
                      r.exit(),
                      String.join(
                          ",",
                          d.database().fullNeighbors(self).stream()
                              .map(Object::toString)
                              .sorted()
                              .toList())));
          return route;
        })
        .flatMap(r -> r)
        .map(r -> new RouteLegs(r.over(), r.back()));
  }

  /** Routes found from now on exit where {@code preferences} allow. */
  public void setExitPreferences(ExitPreferences preferences) {
    exitPreferences = preferences;
  }

  public ExitPreferences exitPreferences() {
    return exitPreferences;
  }

  /** The countries a round trip can exit in now; empty if the mailbox does not answer. */
  public Optional<SortedSet<String>> exitCountries() {
    return ask(NeighborhoodDriver::exitCountries);
  }

  /** See {@link ExitCountries#shortfall}. */
  @Override
  public Optional<String> exitCountryShortfall() {
    ExitPreferences wanted = exitPreferences;
    if (!wanted.active() || wanted.fallback()) {
      return Optional.empty();
    }
    return ask(d -> d.exitCountryShortfall(wanted)).flatMap(s -> s);
  }

  @Override
  public Optional<Terms> terms(PublicKey key) {
    return snapshots.terms(key);
  }

  /** Marks {@code host} unreachable through {@code exit}, so the next route avoids that exit. */
  @Override
  public void exitCouldNotResolve(PublicKey exit, String host) {
    input(
        d -> {
          d.exitCouldNotResolve(exit, host);
          return List.of();
        });
  }

  /**
   * This Node's public address is now {@code addr} (automap saw its router's public IP change): its
   * record gets a new version with it, gossiped to its neighbors.
   */
  public void publicAddressChanged(NodeAddr addr) {
    if (!input(d -> d.publicAddressChanged(addr))) {
      log.warn("The Neighborhood did not take the new public address {}", addr);
    }
  }

  /**
   * Routes found from now on have at least {@code hops} hops; a RouteFound stage drops back until
   * the next check finds such a route.
   *
   * @return false when the Neighborhood did not take the change (its mailbox was full or closed)
   */
  public boolean setMinHops(int hops) {
    if (hops < 1 || hops > RouteQuery.MAX_MIN_HOPS) {
      throw new IllegalArgumentException(
          "minHops: " + hops + " (expected: 1~" + RouteQuery.MAX_MIN_HOPS + ")");
    }
    if (!input(d -> d.setMinHops(hops))) {
      return false;
    }
    minHops = hops;
    return true;
  }

  /**
   * The Neighborhood as this Node knows it, in Graphviz DOT; empty if the mailbox does not answer.
   */
  public Optional<String> neighborhoodGraph() {
    return ask(NeighborhoodDriver::toDot);
  }

  public ConnectionStage stage() {
    return ask(NeighborhoodDriver::stage).orElse(ConnectionStage.NOT_CONNECTED);
  }

  /** A snapshot of what this Node knows, for status lines: (known Nodes, full neighbors). */
  public int[] counts() {
    return ask(d -> new int[] {d.database().size(), d.database().fullNeighbors(self).size()})
        .orElse(new int[] {0, 0});
  }

  /**
   * Where {@code key} is reached: its record's address, or where Gossip was sent to it directly.
   */
  public Optional<NodeAddr> addressOf(PublicKey key) {
    return snapshots.addressOf(key);
  }

  /** Every Node known, each with its full neighbors, as last published. */
  public Map<PublicKey, Set<PublicKey>> knownNodes() {
    return snapshots.fullNeighborships();
  }

  /** The country {@code key}'s record claims, as last published. */
  public Optional<String> countryOf(PublicKey key) {
    return snapshots.countryOf(key);
  }

  /** This Node's full neighbors, as last published. */
  public List<PublicKey> fullNeighbors() {
    return snapshots.fullNeighborsOf(self);
  }

  @Override
  public boolean stillStands(RouteLegs legs) {
    return snapshots.stillStands(legs);
  }

  @Override
  public boolean retriesDnsFailures() {
    return true;
  }

  /** Asks the owning mailbox; empty if it does not answer within five seconds or is closed. */
  private <T> Optional<T> ask(Function<NeighborhoodDriver, T> question) {
    CompletableFuture<T> answer;
    try {
      answer =
          owner.ask(
              () -> {
                try {
                  return question.apply(driver);
                } finally {
                  afterTask();
                }
              });
    } catch (MailboxFullException e) {
      log.warn("A Neighborhood query was dropped: {}", e.getMessage());
      return Optional.empty();
    } catch (RejectedExecutionException e) {
      log.debug("Neighborhood query after shutdown ignored");
      return Optional.empty();
    }
    return Answers.within(answer, QUERY_TIMEOUT);
  }

  /**
   * Runs one input through the driver on the owning mailbox and hands its effects on.
   *
   * @return false when the input was dropped: the mailbox was full or closed
   */
  private boolean input(Function<NeighborhoodDriver, List<NeighborhoodEffect>> step) {
    try {
      onOwner(() -> run(step));
      return true;
    } catch (MailboxFullException e) {
      log.warn("A Neighborhood input was dropped: {}", e.getMessage());
    } catch (RejectedExecutionException e) {
      log.debug("Neighborhood input after shutdown ignored");
    }
    return false;
  }

  /** On the owning thread: one input through the driver, its effects handed on. */
  private void run(Function<NeighborhoodDriver, List<NeighborhoodEffect>> step) {
    ConnectionStage before = driver.stage();
    List<NeighborhoodEffect> out;
    try {
      out = step.apply(driver);
    } catch (RuntimeException e) {
      log.error("The Neighborhood failed on an input; it is left as it was before", e);
      return;
    }
    carrier.handOn(driver, before, out);
  }

  /**
   * Queues {@code task} on the owning mailbox, followed by {@link #afterTask}.
   *
   * @throws RejectedExecutionException when the mailbox is full or closed
   */
  private void onOwner(Runnable task) {
    owner.execute(
        () -> {
          try {
            task.run();
          } finally {
            afterTask();
          }
        });
  }

  /**
   * On the owning thread, after every task, even one that failed: when nothing waits behind it, the
   * driver hears that the mailbox has drained.
   */
  private void afterTask() {
    if (owner.queued() != 0) {
      return;
    }
    ConnectionStage before = driver.stage();
    List<NeighborhoodEffect> flushed = driver.mailboxDrained();
    // Nothing was due: the snapshots are as the last input left them.
    if (!flushed.isEmpty()) {
      carrier.handOn(driver, before, flushed);
    }
  }

  /** Stops the clock's tick and both mailboxes; what is still queued is dropped. */
  @Override
  public void close() {
    ticker.cancel();
    owner.close();
    effects.close();
  }
}
