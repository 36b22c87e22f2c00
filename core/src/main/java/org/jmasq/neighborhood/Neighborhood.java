package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.jmasq.crypto.PublicKey;
import org.jmasq.geo.CountryOf;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.gossip.GossipProducer;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.neighborhood.route.RoundTripRoute;
import org.jmasq.neighborhood.route.RouteQuery;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;

/**
 * The Neighborhood engine. Inputs are method calls (Gossip from a sender, a GossipFailure, TCP
 * outcomes of join attempts, a lost neighbor, a route query, the passing of time); outputs are
 * {@link NeighborhoodEffect} values for the caller to carry out. It does no I/O and reads time only
 * from the injected {@link InstantSource}.
 *
 * <p><b>Threading:</b> one thread (the Neighborhood's mailbox) owns an instance and everything in
 * it; no method may be called concurrently. Standard Gossip is not sent from inside each input:
 * inputs only mark it due, and {@link #flush()} produces one round of Gossip for all changes since
 * the last flush and re-checks whether a route exists. When to flush is {@link
 * NeighborhoodDriver}'s decision, the one the real Node and the simulator share; so the inputs and
 * {@code flush} are package-private, and everyone outside this package feeds the engine through the
 * driver.
 *
 * <p>The engine keeps the connection stage and the flush; its parts, on the same thread, are {@link
 * GossipIntake} (one Gossip message in), {@link Healing} (contacts and the debuts that heal an
 * under-connected Node) and {@link NeighborhoodRoutes} (route queries) and {@link DebutRefusals}
 * (GossipFailures answering a Debut).
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

  /**
   * The longest a Node that needs healing waits before debuting again (as long as a Pass is
   * remembered); {@link Healing} retries sooner at first and backs off to this.
   */
  public static final Duration HEALING_RETRY_INTERVAL = Duration.ofSeconds(60);

  private final LocalNode local;
  private final CountryOf countries;
  private final InstantSource clock;
  private final NeighborhoodDatabase db;
  private final BanList bans = new BanList();
  private final DirectSends directSends = new DirectSends();
  private final OverallConnectionStatus status = new OverallConnectionStatus();
  private final Healing healing;
  private final GossipIntake intake;
  private final NeighborhoodRoutes routes;
  private final DebutRefusals refusals;
  private int minHops;
  private boolean gossipDue;
  private Instant lastCull;
  private boolean neighborWasLost;

  public Neighborhood(
      LocalNode local,
      NeighborhoodConfig config,
      InstantSource clock,
      RandomGenerator random,
      SignatureVerifier signatures) {
    this(local, config, clock, random, signatures, CountryOf.NONE);
  }

  /**
   * A Neighborhood that holds the countries in records to {@code countries}, its own IP-to-country
   * table ({@code docs/NEIGHBORHOOD.md}); the other constructor checks no country.
   */
  public Neighborhood(
      LocalNode local,
      NeighborhoodConfig config,
      InstantSource clock,
      RandomGenerator random,
      SignatureVerifier signatures,
      CountryOf countries) {
    if (config.acceptsConnections()
        && local.nodeAddr().map(a -> a.ports().isEmpty()).orElse(true)) {
      throw new IllegalArgumentException(
          "a Node that accepts connections needs an address with a port");
    }
    this.local = local;
    this.countries = countries;
    this.clock = clock;
    this.minHops = config.minHops();
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
    this.healing = new Healing(local, db, bans, clock, random);
    this.intake =
        new GossipIntake(
            local, db, bans, status, healing, directSends, signatures, countries, random);
    this.routes = new NeighborhoodRoutes(db);
    this.refusals = new DebutRefusals(db, status);
  }

  /**
   * Debuts to the configured neighbors, or, when none are configured, to the past neighbors saved
   * from an earlier run.
   */
  List<NeighborhoodEffect> start(List<NodeDescriptor> configured, List<NodeDescriptor> past) {
    List<NeighborhoodEffect> out = new ArrayList<>();
    List<NodeDescriptor> bootstrap = new ArrayList<>();
    Gossip debut = GossipProducer.debut(db);
    for (NodeDescriptor d : configured.isEmpty() ? past : configured) {
      if (d.nodeAddr().isPresent() && !d.key().sameNodeAs(local.key())) {
        bootstrap.add(d);
        status.begin(d.nodeAddr().get().ip());
        out.add(new NeighborhoodEffect.SendGossip(d.key(), d.nodeAddr(), debut));
      }
    }
    healing.start(bootstrap);
    return noted(out);
  }

  /** Gossip arrived from {@code source}: the key its link proved, straight from that Node. */
  List<NeighborhoodEffect> gossipReceived(GossipSource source, Gossip gossip) {
    List<NeighborhoodEffect> out = new ArrayList<>();
    ConnectionStage before = status.stage();
    if (intake.receive(source, gossip, minHops, clock.instant(), out)) {
      gossipDue = true;
    }
    if (status.stage() == ConnectionStage.NOT_CONNECTED
        && !db.fullNeighbors(local.key()).isEmpty()) {
      // A full neighbor made otherwise than through a join attempt still under way: a Node that
      // took a healing re-debut after the first attempt to reach it failed, say.
      status.neighborshipEstablished(source.ip());
    }
    refusals.gossipReceived();
    stageChange(before, out);
    return noted(out);
  }

  /**
   * A debutee answered our Debut with a GossipFailure. When every initial neighbor refused us for
   * one of the reference's reasons, the Node stops (Part 2 §4.6). An {@link
   * GossipFailure.Reason#IP_TAKEN} (JMasq's own) does not stop it: it is reported once, while the
   * Node is not connected, and the Node keeps debuting as it heals, to join once the IP is free.
   */
  List<NeighborhoodEffect> gossipFailureReceived(GossipSource source, GossipFailure failure) {
    List<NeighborhoodEffect> out = new ArrayList<>();
    if (!intake.isBanned(source, clock.instant())) {
      refusals.received(source, failure, out);
    }
    return out;
  }

  /**
   * The TCP connection for a join attempt to {@code ip} opened; its Gossip answer is now awaited.
   */
  void tcpConnected(InetAddress ip) {
    status.tcpEstablished(ip, clock.instant());
  }

  /** The TCP connection to {@code ip} could not be opened. */
  List<NeighborhoodEffect> tcpFailed(InetAddress ip) {
    status.tcpFailed(ip);
    healing.connectionFailed(ip);
    return db.keyAt(ip).map(this::neighborLost).orElse(List.of());
  }

  /** The connection to a neighbor ended: drop the link and tell the others. */
  List<NeighborhoodEffect> neighborLost(PublicKey key) {
    if (db.removeRootNeighbor(key)) {
      gossipDue = true;
      neighborWasLost = true;
    }
    return List.of();
  }

  /**
   * This Node's public address is now {@code addr} (its router reported a new public IP): its
   * record gets a new version with it, and its neighbors hear of it in the next round of Gossip.
   * The links the change broke are lost and healed like any other, with no wait for the last heal.
   */
  List<NeighborhoodEffect> publicAddressChanged(NodeAddr addr) {
    if (addr.ports().isEmpty()) {
      throw new IllegalArgumentException("addr: " + addr + " (expected: an address with a port)");
    }
    // The record's country is the new IP's, as the table the Node checks others with says; a
    // Neighborhood without a table keeps the country it was given.
    Optional<String> country =
        countries == CountryOf.NONE
            ? db.rootInner().countryCode()
            : countries.recordCountry(addr.ip());
    if (db.moveRoot(addr, country)) {
      gossipDue = true;
      // The debuts since the last heal named the old address: a Node the move has left with too
      // few neighbors (its links broke with it) debuts again now, naming the new one.
      healing.moved();
      neighborWasLost = true;
    }
    return List.of();
  }

  /**
   * Time passed: join attempts with no Gossip answer within 10 s fail, and a started Node that
   * needs healing (fewer than three full neighbors, or no route through them) debuts again to known
   * contacts when {@link Healing}'s back-off says so.
   */
  List<NeighborhoodEffect> tick() {
    Instant now = clock.instant();
    status.expire(now);
    bans.expire(now);
    List<NeighborhoodEffect> out = new ArrayList<>();
    if (healing.tick(now, () -> routes.exists(minHops), out)) {
      gossipDue = true;
    }
    return noted(out);
  }

  /** Remembers whom the effects send Gossip to: their Standard Gossip may answer it. */
  private List<NeighborhoodEffect> noted(List<NeighborhoodEffect> out) {
    directSends.note(out, clock.instant());
    return out;
  }

  /**
   * Produces what the inputs since the last flush made due: one Standard Gossip per half neighbor,
   * past neighbors to persist, and the connectivity check while no route is known.
   */
  List<NeighborhoodEffect> flush() {
    List<NeighborhoodEffect> out = new ArrayList<>();
    ConnectionStage before = status.stage();
    // Gossip that changed the database may have taken the route away even though no neighbor of
    // this Node was lost (a relay or exit further out left): the stage must not outlive the route.
    boolean graphChanged = gossipDue;
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
      healing.persistNeighbors(out);
    }
    // The graph does not change for the rest of this flush, so one route search serves it all.
    Boolean route = null;
    if (neighborWasLost) {
      neighborWasLost = false;
      route = routes.exists(minHops);
      if (status.stage() == ConnectionStage.ROUTE_FOUND && !route) {
        status.routeLost();
      }
      if (healing.afterLoss(route, out)) {
        // It let go of a neighbor to make room; the others hear of it in the next round.
        gossipDue = true;
      }
    } else if (graphChanged && status.stage() == ConnectionStage.ROUTE_FOUND) {
      route = routes.exists(minHops);
      if (!route) {
        status.routeLost();
        if (healing.afterLoss(false, out)) {
          gossipDue = true;
        }
      }
    }
    if (status.stage() != ConnectionStage.ROUTE_FOUND
        && (route != null ? route : routes.exists(minHops))) {
      status.routeFound();
      healing.routeFound();
    }
    stageChange(before, out);
    return noted(out);
  }

  private void stageChange(ConnectionStage before, List<NeighborhoodEffect> out) {
    if (status.stage() != before) {
      out.add(new NeighborhoodEffect.StageChanged(before, status.stage()));
    }
  }

  /** The cheapest round trip for {@code query}, if one exists. */
  Optional<RoundTripRoute> findRoute(RouteQuery query) {
    return routes.find(query);
  }

  /** Why {@code wanted} leaves no route, if its countries alone stand in the way. */
  Optional<String> exitCountryShortfall(ExitPreferences wanted) {
    return routes.exitCountryShortfall(wanted, minHops);
  }

  /** The countries a round trip of min-hops hops can exit in now. */
  SortedSet<String> exitCountries() {
    return routes.exitCountries(minHops);
  }

  /** The exit {@code exit} failed to resolve {@code host}; later routes to that host avoid it. */
  void exitCouldNotResolve(PublicKey exit, String host) {
    routes.exitCouldNotResolve(exit, host);
  }

  /** Changes min-hops; a RouteFound stage drops back until the next check finds a longer route. */
  List<NeighborhoodEffect> setMinHops(int hops) {
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
    return routes.toDot();
  }

  public PublicKey key() {
    return local.key();
  }

  /**
   * The Nodes a healing debut may go to: initial and past neighbors, Pass and Introduction targets.
   */
  public List<NodeDescriptor> contacts() {
    return healing.contacts();
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
    return bans.isBanned(ip, clock.instant());
  }

  public boolean isBanned(PublicKey key) {
    return bans.isBanned(key, clock.instant());
  }

  /** The keys and IPs banned now. */
  public BanList.Banned banned() {
    return bans.banned(clock.instant());
  }

  /**
   * Changes when a ban is added or ends (once the clock's tick has seen it end): whoever publishes
   * {@link #banned} publishes again when this differs from what it published last.
   */
  public long banChanges() {
    return bans.changes();
  }

  /** What this Node did with the Gossip it was given so far. */
  public GossipCounts gossipCounts() {
    return intake.counts();
  }
}
