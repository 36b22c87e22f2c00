package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.gossip.GossipAcceptor;
import org.jmasq.neighborhood.gossip.GossipContext;
import org.jmasq.neighborhood.gossip.GossipOutcome;
import org.jmasq.neighborhood.gossip.GossipProducer;
import org.jmasq.neighborhood.gossip.GossipVerifier;
import org.jmasq.neighborhood.gossip.PassMemory;
import org.jmasq.neighborhood.route.GraphvizExport;
import org.jmasq.neighborhood.route.RoundTripRoute;
import org.jmasq.neighborhood.route.RouteFinder;
import org.jmasq.neighborhood.route.RouteQuery;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;

/**
 * The Neighborhood engine. Inputs are method calls (Gossip from a socket address, a GossipFailure,
 * TCP outcomes of join attempts, a lost neighbor, a route query, the passing of time); outputs are
 * {@link NeighborhoodEffect} values for the caller to carry out. It does no I/O and reads time only
 * from the injected {@link InstantSource}.
 *
 * <p><b>Threading:</b> one thread (the Neighborhood's mailbox) owns an instance and everything in
 * it; no method may be called concurrently. Standard Gossip is not sent from inside each input:
 * inputs only mark it due, and {@link #flush()} produces one round of Gossip for all changes since
 * the last flush and re-checks whether a route exists. When to flush is {@link
 * NeighborhoodDriver}'s decision, the one the real Node and the simulator share.
 */
public final class Neighborhood {
  /** Dead nodes are culled at most this often, when Gossip is produced. */
  public static final Duration DEAD_NODE_CHECK_INTERVAL = Duration.ofSeconds(60);

  /**
   * Below this many full neighbors a Node heals: it debuts again to Nodes it knows of and asks its
   * neighbors for Introductions. Three makes isolation by churn unlikely (20% churn isolates a
   * degree-3 Node with probability 0.8%, a degree-1 Node with 20%).
   */
  public static final int MIN_HEALTHY_DEGREE = 3;

  /** How many contacts a healing Node debuts to at once. */
  static final int HEALING_FANOUT = 4;

  /**
   * How long a Node that needs healing waits before debuting again (as long as a Pass is
   * remembered).
   */
  public static final Duration HEALING_RETRY_INTERVAL = Duration.ofSeconds(60);

  private final LocalNode local;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final NeighborhoodDatabase db;
  private final GossipVerifier verifier;
  private final GossipAcceptor acceptor = new GossipAcceptor();
  private final BanList bans = new BanList();
  private final PassMemory passMemory = new PassMemory();
  private final OverallConnectionStatus status = new OverallConnectionStatus();
  private final RouteFinder routeFinder = new RouteFinder();
  private final Map<PublicKey, Set<String>> unreachableHosts = new HashMap<>();
  private int minHops;
  private boolean gossipDue;
  private Instant lastCull;
  private Set<PublicKey> persistedNeighbors = Set.of();
  private final Map<PublicKey, NodeDescriptor> contacts = new java.util.LinkedHashMap<>();
  private boolean neighborWasLost;
  private boolean started;
  private Instant lastHeal;

  public Neighborhood(
      LocalNode local,
      NeighborhoodConfig config,
      InstantSource clock,
      RandomGenerator random,
      SignatureVerifier signatures) {
    if (config.acceptsConnections()
        && local.nodeAddr().map(a -> a.ports().isEmpty()).orElse(true)) {
      throw new IllegalArgumentException(
          "a Node that accepts connections needs an address with a port");
    }
    this.local = local;
    this.clock = clock;
    this.random = random;
    this.minHops = config.minHops();
    this.verifier = new GossipVerifier(signatures);
    this.lastCull = clock.instant();
    NodeRecordInner root =
        new NodeRecordInner(
            local.key(),
            config.earningWallet(),
            config.ratePack(),
            new TreeSet<>(),
            config.acceptsConnections(),
            config.routesData(),
            config.initialVersion(),
            config.countryCode());
    this.db = new NeighborhoodDatabase(local, root, clock.instant());
  }

  /**
   * Debuts to the configured neighbors, or, when none are configured, to the past neighbors saved
   * from an earlier run.
   */
  public List<NeighborhoodEffect> start(
      List<NodeDescriptor> configured, List<NodeDescriptor> past) {
    List<NeighborhoodEffect> out = new ArrayList<>();
    started = true;
    lastHeal = clock.instant();
    Gossip debut = GossipProducer.debut(db);
    for (NodeDescriptor d : configured.isEmpty() ? past : configured) {
      if (d.nodeAddr().isPresent() && !d.key().sameNodeAs(local.key())) {
        contacts.put(d.key(), d);
        status.begin(d.nodeAddr().get().ip());
        out.add(new NeighborhoodEffect.SendGossip(d.key(), d.nodeAddr(), debut));
      }
    }
    return out;
  }

  /** Gossip arrived from {@code source}. */
  public List<NeighborhoodEffect> gossipReceived(InetSocketAddress source, Gossip gossip) {
    List<NeighborhoodEffect> out = new ArrayList<>();
    InetAddress ip = source.getAddress();
    if (bans.isBanned(ip)) {
      return out;
    }
    ConnectionStage before = status.stage();
    Instant now = clock.instant();
    GossipOutcome outcome =
        switch (verifier.verify(source, gossip, db, bans, now)) {
          case GossipVerifier.Result.Rejected r -> r.ban();
          case GossipVerifier.Result.OnlyBannedRecords o ->
              new GossipOutcome.Ignored("only records of banned Nodes");
          case GossipVerifier.Result.Verified v ->
              acceptor.accept(
                  v.gossip(),
                  new GossipContext(
                      db, local.nodeAddr(), status, passMemory, minHops, now, random));
        };
    apply(outcome, ip, out);
    enforceMaxDegree();
    stageChange(before, out);
    return out;
  }

  /**
   * Never more than five full neighbors: half links offered in parallel can all be answered, and
   * then the best-connected excess neighbors lose their link (they can most easily spare it).
   */
  private void enforceMaxDegree() {
    List<PublicKey> full = db.fullNeighbors(local.key());
    if (full.size() <= GossipContext.MAX_DEGREE) {
      return;
    }
    List<PublicKey> byDegree = new ArrayList<>(full);
    byDegree.sort(
        Comparator.comparingInt((PublicKey k) -> db.gossipTargetDegree(k))
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    for (PublicKey k : byDegree.subList(0, full.size() - GossipContext.MAX_DEGREE)) {
      db.removeRootNeighbor(k);
    }
    gossipDue = true;
  }

  private void apply(GossipOutcome outcome, InetAddress source, List<NeighborhoodEffect> out) {
    switch (outcome) {
      case GossipOutcome.Accepted a -> {
        gossipDue = true;
        a.followUps().forEach(r -> apply(r, source, out));
      }
      case GossipOutcome.Reply r -> {
        if (isOurDebut(r.gossip()) && !bans.isBanned(r.addr().ip())) {
          contacts.putIfAbsent(
              r.to(), new NodeDescriptor(local.chain(), r.to(), Optional.of(r.addr())));
        }
        out.add(new NeighborhoodEffect.SendGossip(r.to(), Optional.of(r.addr()), r.gossip()));
      }
      case GossipOutcome.Failed f ->
          out.add(new NeighborhoodEffect.SendGossipFailure(f.to(), f.addr(), f.reason()));
      case GossipOutcome.Ignored i -> {}
      case GossipOutcome.Ban b -> ban(source, b, out);
    }
  }

  private boolean isOurDebut(Gossip gossip) {
    return gossip.records().size() == 1
        && NodeRecordInner.peekKey(gossip.records().get(0).signedData())
            .filter(local.key()::equals)
            .isPresent();
  }

  private void ban(InetAddress ip, GossipOutcome.Ban ban, List<NeighborhoodEffect> out) {
    Optional<PublicKey> key = db.keyAt(ip).filter(k -> !k.equals(local.key()));
    bans.ban(ip, key, ban.reason());
    if (key.isPresent()) {
      db.removeRootNeighbor(key.get());
      db.remove(key.get());
      gossipDue = true;
    }
    out.add(new NeighborhoodEffect.Disconnect(ip, key, ban.reason(), ban.detail()));
  }

  /** A debutee answered our Debut with a GossipFailure. */
  public List<NeighborhoodEffect> gossipFailureReceived(
      InetSocketAddress source, GossipFailure failure) {
    List<NeighborhoodEffect> out = new ArrayList<>();
    if (!bans.isBanned(source.getAddress()) && status.gossipFailureReceived(source.getAddress())) {
      out.add(
          new NeighborhoodEffect.Shutdown(
              "every initial neighbor refused us; the last said " + failure.reason()));
    }
    return out;
  }

  /**
   * The TCP connection for a join attempt to {@code ip} opened; its Gossip answer is now awaited.
   */
  public void tcpConnected(InetAddress ip) {
    status.tcpEstablished(ip, clock.instant());
  }

  /** The TCP connection to {@code ip} could not be opened. */
  public List<NeighborhoodEffect> tcpFailed(InetAddress ip) {
    status.tcpFailed(ip);
    return db.keyAt(ip).map(this::neighborLost).orElse(List.of());
  }

  /** The connection to a neighbor ended: drop the link and tell the others. */
  public List<NeighborhoodEffect> neighborLost(PublicKey key) {
    if (db.removeRootNeighbor(key)) {
      gossipDue = true;
      neighborWasLost = true;
    }
    return List.of();
  }

  /**
   * Time passed: join attempts with no Gossip answer within 10 s fail, and a started Node that
   * needs healing (see {@link #heal}) debuts again to known contacts once a minute.
   */
  public List<NeighborhoodEffect> tick() {
    Instant now = clock.instant();
    status.expire(now);
    List<NeighborhoodEffect> out = new ArrayList<>();
    if (started && !now.isBefore(lastHeal.plus(HEALING_RETRY_INTERVAL))) {
      lastHeal = now;
      if (needsHealing(routeExists())) {
        heal(out);
      }
    }
    return out;
  }

  /**
   * Produces what the inputs since the last flush made due: one Standard Gossip per half neighbor,
   * past neighbors to persist, and the connectivity check while no route is known.
   */
  public List<NeighborhoodEffect> flush() {
    List<NeighborhoodEffect> out = new ArrayList<>();
    ConnectionStage before = status.stage();
    if (gossipDue) {
      gossipDue = false;
      Instant now = clock.instant();
      if (!now.isBefore(lastCull.plus(DEAD_NODE_CHECK_INTERVAL))) {
        lastCull = now;
        db.cullDeadNodes(now);
      }
      for (PublicKey neighbor : db.neighborsOf(local.key())) {
        Optional<NodeRecord> record = db.node(neighbor);
        if (record.isPresent()) {
          out.add(
              new NeighborhoodEffect.SendGossip(
                  neighbor, record.get().nodeAddr(), GossipProducer.standardFor(db, neighbor)));
        }
      }
      persistNeighbors(out);
    }
    // The graph does not change for the rest of this flush, so one route search serves it all.
    Boolean route = null;
    if (neighborWasLost) {
      neighborWasLost = false;
      route = routeExists();
      if (status.stage() == ConnectionStage.ROUTE_FOUND && !route) {
        status.routeLost();
      }
      if (needsHealing(route)) {
        heal(out);
      }
    }
    if (status.stage() != ConnectionStage.ROUTE_FOUND && (route != null ? route : routeExists())) {
      status.routeFound();
    }
    stageChange(before, out);
    return out;
  }

  /**
   * JMasq's self-healing (the reference has none): a Node with fewer than three full neighbors, or
   * with no route through them, debuts again to a few Nodes whose addresses it learned (initial and
   * past neighbors, and the targets of Passes and Introductions).
   */
  private boolean routeExists() {
    return routeFinder.find(routeGraph(), RouteQuery.connectivityCheck(minHops)).isPresent();
  }

  /** Fewer than three full neighbors, or no route through the ones we have (an island). */
  private boolean needsHealing(boolean routeExists) {
    return db.fullNeighbors(local.key()).size() < MIN_HEALTHY_DEGREE || !routeExists;
  }

  private void heal(List<NeighborhoodEffect> out) {
    lastHeal = clock.instant();
    List<NodeDescriptor> candidates = new ArrayList<>();
    for (NodeDescriptor d : contacts.values()) {
      boolean linked = db.neighborsOf(local.key()).stream().anyMatch(k -> k.sameNodeAs(d.key()));
      if (!linked && !bans.isBanned(d.nodeAddr().get().ip())) {
        candidates.add(d);
      }
    }
    for (int i = candidates.size() - 1; i > 0; i--) {
      java.util.Collections.swap(candidates, i, random.nextInt(i + 1));
    }
    Gossip debut = GossipProducer.debut(db);
    candidates.stream()
        .limit(HEALING_FANOUT)
        .forEach(d -> out.add(new NeighborhoodEffect.SendGossip(d.key(), d.nodeAddr(), debut)));
    if (db.rootInner().neighbors().size() < MIN_HEALTHY_DEGREE) {
      // Our record alone, sent to a neighbor, asks it for an Introduction.
      for (PublicKey n : db.fullNeighbors(local.key())) {
        db.node(n)
            .flatMap(NodeRecord::nodeAddr)
            .ifPresent(a -> out.add(new NeighborhoodEffect.SendGossip(n, Optional.of(a), debut)));
      }
    }
  }

  private void persistNeighbors(List<NeighborhoodEffect> out) {
    Set<PublicKey> full = new HashSet<>(db.fullNeighbors(local.key()));
    if (!full.equals(persistedNeighbors)) {
      persistedNeighbors = full;
      List<NodeDescriptor> descriptors = new ArrayList<>();
      full.stream()
          .sorted(Comparator.naturalOrder())
          .forEach(
              k ->
                  db.node(k)
                      .filter(r -> r.nodeAddr().isPresent())
                      .ifPresent(
                          r ->
                              descriptors.add(new NodeDescriptor(local.chain(), k, r.nodeAddr()))));
      descriptors.forEach(d -> contacts.put(d.key(), d));
      out.add(new NeighborhoodEffect.PastNeighborsChanged(descriptors));
    }
  }

  private void stageChange(ConnectionStage before, List<NeighborhoodEffect> out) {
    if (status.stage() != before) {
      out.add(new NeighborhoodEffect.StageChanged(before, status.stage()));
    }
  }

  /** The cheapest round trip for {@code query}, if one exists. */
  public Optional<RoundTripRoute> findRoute(RouteQuery query) {
    return routeFinder.find(routeGraph(), query);
  }

  /** The exit {@code exit} failed to resolve {@code host}; later routes to that host avoid it. */
  public void exitCouldNotResolve(PublicKey exit, String host) {
    unreachableHosts.computeIfAbsent(exit, k -> new HashSet<>()).add(host);
  }

  /** Changes min-hops; a RouteFound stage drops back until the next check finds a longer route. */
  public List<NeighborhoodEffect> setMinHops(int hops) {
    if (hops < 1 || hops > RouteQuery.MAX_MIN_HOPS) {
      throw new IllegalArgumentException(
          "minHops: " + hops + " (expected: 1~" + RouteQuery.MAX_MIN_HOPS + ")");
    }
    ConnectionStage before = status.stage();
    minHops = hops;
    status.routeLost();
    List<NeighborhoodEffect> out = new ArrayList<>();
    stageChange(before, out);
    return out;
  }

  /** The neighborhood graph in Graphviz DOT. */
  public String toDot() {
    return GraphvizExport.toDot(routeGraph(), db.keys());
  }

  private DatabaseRouteGraph routeGraph() {
    return new DatabaseRouteGraph(db, unreachableHosts);
  }

  public PublicKey key() {
    return local.key();
  }

  /**
   * The Nodes a healing debut may go to: initial and past neighbors, Pass and Introduction targets.
   */
  public List<NodeDescriptor> contacts() {
    return List.copyOf(contacts.values());
  }

  public ConnectionStage stage() {
    return status.stage();
  }

  public List<ConnectionProgress> connectionProgress() {
    return status.attempts();
  }

  /** The database, for reading (dashboards, the simulator's measurements, tests). */
  public NeighborhoodDatabase database() {
    return db;
  }

  public boolean isBanned(InetAddress ip) {
    return bans.isBanned(ip);
  }

  public boolean isBanned(PublicKey key) {
    return bans.isBanned(key);
  }
}
