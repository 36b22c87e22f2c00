package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.gossip.GossipContext;
import org.jmasq.neighborhood.gossip.GossipProducer;
import org.jmasq.neighborhood.gossip.IncomingGossip;
import org.jmasq.payload.Gossip;

/**
 * JMasq's self-healing (the reference has none). A Node with no route through its neighbors (an
 * island, or no neighbor at all) debuts again to its {@link Contacts}; one with fewer than {@link
 * Neighborhood#MIN_HEALTHY_DEGREE} full neighbors also asks its neighbors for Introductions; and a
 * healthy Node keeps {@link #SPARE_CONTACTS} addresses beyond its neighbors, asking its neighbors
 * for them, so that it still knows a live Node when all its neighbors die together.
 *
 * <p><b>When.</b> At once when a lost neighbor leaves the Node unhealthy (at most once per {@link
 * #FIRST_RETRY}); then, while it has no route, again after 5, 10, 20 and 40 s and from then on once
 * per {@link Neighborhood#HEALING_RETRY_INTERVAL}: an island is usually mended by the first round
 * or two, and one that is not (every contact tried so far was dead) keeps trying at a cost of a few
 * debuts a minute. A Node that has a route is checked once per interval (and {@link #FIRST_RETRY}
 * after losing a neighbor, when its route may still run through Nodes that died with it); with too
 * few neighbors it heals then. Each round debuts to the {@link #FANOUT} contacts that failed least,
 * so successive rounds walk through the whole book; an isolated Node also re-debuts to every
 * bootstrap descriptor.
 *
 * <p>A Node with five full neighbors and no route (a clique cut off by churn) first lets go of its
 * best-connected neighbor, or no Node outside could take it. Owned by the {@link Neighborhood}'s
 * thread.
 */
final class Healing {
  /** How many contacts a healing Node debuts to at once (besides bootstrap descriptors). */
  static final int FANOUT = 4;

  /** How long a neighbor asked for a spare contact has to answer. */
  static final Duration CONTACT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** How many contacts beyond its neighbors a healthy Node keeps at hand. */
  static final int SPARE_CONTACTS = 6;

  /** The first retry after a heal that left the Node without a route; it doubles each time. */
  static final Duration FIRST_RETRY = Duration.ofSeconds(5);

  private final LocalNode local;
  private final NeighborhoodDatabase db;
  private final BanList bans;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final Contacts contacts = new Contacts();
  private List<NodeDescriptor> persistedNeighbors = List.of();
  private boolean started;
  private Instant lastHeal;
  private Instant nextCheck;
  private Duration backoff = FIRST_RETRY;
  // The neighbors asked for a spare contact, and until when their Introduction counts as the
  // answer.
  private final Map<InetAddress, Instant> contactRequests = new HashMap<>();

  Healing(
      LocalNode local,
      NeighborhoodDatabase db,
      BanList bans,
      InstantSource clock,
      RandomGenerator random) {
    this.local = local;
    this.db = db;
    this.bans = bans;
    this.clock = clock;
    this.random = random;
  }

  /**
   * The Node has debuted to {@code bootstrap}, its first round: unless it finds a route, the next
   * comes {@link #FIRST_RETRY} later.
   */
  void start(List<NodeDescriptor> bootstrap) {
    bootstrap.forEach(contacts::bootstrap);
    started = true;
    lastHeal = clock.instant();
    retryLater(lastHeal);
  }

  /**
   * The Node's public address changed: the next heal need not wait for {@link #FIRST_RETRY} after
   * the last, whose debuts named the old address.
   */
  void moved() {
    if (started) {
      lastHeal = Instant.MIN;
    }
  }

  /** A Node we were sent to (a Pass, an Introduction, a debut back). */
  void heardOf(NodeDescriptor contact) {
    contacts.heardOf(contact);
  }

  /**
   * Gossip came from {@code gossip}'s sender: it is alive where its link is, and every other record
   * with an address (a Pass, an Introduction) names a Node we may debut to.
   */
  void heardFrom(IncomingGossip gossip) {
    for (NodeRecord r : gossip.records()) {
      if (r.acceptsConnections()
          && !r.key().equals(local.key())
          && !bans.isBanned(r.key(), clock.instant())
          && r.nodeAddr().filter(a -> !a.ports().isEmpty()).isPresent()) {
        NodeDescriptor d = new NodeDescriptor(local.chain(), r.key(), r.nodeAddr());
        if (r.key().sameNodeAs(gossip.source().key())
            && r.nodeAddr().get().ip().equals(gossip.source().ip())) {
          contacts.alive(d);
        } else {
          contacts.heardOf(d);
        }
      }
    }
  }

  /** The Node has a route again: its next island is retried after {@link #FIRST_RETRY} again. */
  void routeFound() {
    backoff = FIRST_RETRY;
  }

  /** A connection could not be made to {@code ip}. */
  void connectionFailed(InetAddress ip) {
    contacts.failed(ip);
  }

  List<NodeDescriptor> contacts() {
    return contacts.all();
  }

  /**
   * Time passed: heals when a check is due and the Node needs it. {@code routeExists} is asked only
   * then, the route search being dear. Returns whether the database changed.
   */
  boolean tick(Instant now, BooleanSupplier routeExists, List<NeighborhoodEffect> out) {
    if (!started || now.isBefore(nextCheck)) {
      return false;
    }
    return check(now, routeExists.getAsBoolean(), out);
  }

  /**
   * A neighbor was lost, or the route went with a Node further out: heals at once if the Node now
   * needs it (or at the end of {@link #FIRST_RETRY} after the last heal, if that was more recent).
   * Returns whether the database changed.
   */
  boolean afterLoss(boolean routeExists, List<NeighborhoodEffect> out) {
    Instant now = clock.instant();
    if (!started) {
      return false;
    }
    if (!needsHealing(routeExists)) {
      // The route may run through Nodes that died with this one and whose records the neighbors
      // have not yet updated: look again soon.
      Instant soon = now.plus(FIRST_RETRY);
      nextCheck = nextCheck.isBefore(soon) ? nextCheck : soon;
      return false;
    }
    if (now.isBefore(lastHeal.plus(FIRST_RETRY))) {
      Instant soon = lastHeal.plus(FIRST_RETRY);
      nextCheck = nextCheck.isBefore(soon) ? nextCheck : soon;
      return false;
    }
    return check(now, routeExists, out);
  }

  private boolean needsHealing(boolean routeExists) {
    return !routeExists || db.fullNeighbors(local.key()).size() < Neighborhood.MIN_HEALTHY_DEGREE;
  }

  private boolean check(Instant now, boolean routeExists, List<NeighborhoodEffect> out) {
    boolean changed = false;
    if (routeExists) {
      backoff = FIRST_RETRY;
      nextCheck = now.plus(Neighborhood.HEALING_RETRY_INTERVAL);
      if (!needsHealing(true)) {
        askForSpareContacts(out);
      } else if (!now.isBefore(lastHeal.plus(Neighborhood.HEALING_RETRY_INTERVAL))) {
        heal(now, Optional.empty(), out);
      }
    } else {
      Optional<PublicKey> dropped = makeRoom();
      changed = dropped.isPresent();
      heal(now, dropped, out);
      retryLater(now);
    }
    return changed;
  }

  private void retryLater(Instant now) {
    nextCheck = now.plus(backoff);
    Duration doubled = backoff.multipliedBy(2);
    backoff =
        doubled.compareTo(Neighborhood.HEALING_RETRY_INTERVAL) < 0
            ? doubled
            : Neighborhood.HEALING_RETRY_INTERVAL;
  }

  /**
   * A healthy Node keeps {@link #SPARE_CONTACTS} contacts beyond its neighbors: when it has fewer,
   * it asks that many of its full neighbors (at random) for an Introduction, each naming one of
   * their other neighbors. Its neighbors are its only contacts otherwise, and when they all die
   * together it would know no live address at all.
   */
  private void askForSpareContacts(List<NeighborhoodEffect> out) {
    Set<PublicKey> linked = db.neighborsOf(local.key());
    int missing =
        SPARE_CONTACTS
            - contacts.countUntried(c -> linked.stream().noneMatch(k -> k.sameNodeAs(c.key())));
    if (missing <= 0) {
      return;
    }
    List<PublicKey> asked = new ArrayList<>(db.fullNeighbors(local.key()));
    for (int i = asked.size() - 1; i > 0; i--) {
      Collections.swap(asked, i, random.nextInt(i + 1));
    }
    Gossip request = GossipProducer.debut(db);
    Instant now = clock.instant();
    contactRequests.values().removeIf(until -> !now.isBefore(until));
    for (PublicKey n : asked.subList(0, Math.min(missing, asked.size()))) {
      Optional<NodeAddr> addr = db.node(n).flatMap(NodeRecord::nodeAddr);
      if (addr.isPresent()) {
        contactRequests.put(addr.get().ip(), now.plus(CONTACT_REQUEST_TIMEOUT));
        out.add(new NeighborhoodEffect.SendGossip(n, addr, request));
      }
    }
  }

  /**
   * Whether an Introduction from {@code introducer} answers our request for a spare contact (once):
   * then its introducee is only kept as a contact, not debuted to, so that asking for contacts does
   * not also add neighbors. A Node that has meanwhile lost neighbors debuts as usual.
   */
  boolean answersContactRequest(InetAddress introducer) {
    Instant until = contactRequests.remove(introducer);
    return until != null
        && clock.instant().isBefore(until)
        && db.fullNeighbors(local.key()).size() >= Neighborhood.MIN_HEALTHY_DEGREE;
  }

  /** A full Node with no route lets go of its best-connected neighbor, to be taken from outside. */
  private Optional<PublicKey> makeRoom() {
    List<PublicKey> full = db.fullNeighbors(local.key());
    if (full.size() < GossipContext.MAX_DEGREE) {
      return Optional.empty();
    }
    PublicKey spare =
        full.stream()
            .max(
                Comparator.comparingInt((PublicKey k) -> db.gossipTargetDegree(k))
                    .thenComparing(Comparator.naturalOrder()))
            .orElseThrow();
    db.removeRootNeighbor(spare);
    return Optional.of(spare);
  }

  private void heal(Instant now, Optional<PublicKey> dropped, List<NeighborhoodEffect> out) {
    lastHeal = now;
    Set<PublicKey> linked = db.neighborsOf(local.key());
    boolean isolated = db.fullNeighbors(local.key()).isEmpty();
    Gossip debut = GossipProducer.debut(db);
    for (NodeDescriptor d :
        contacts.pick(
            FANOUT,
            isolated,
            c ->
                linked.stream().noneMatch(k -> k.sameNodeAs(c.key()))
                    && dropped.filter(k -> k.sameNodeAs(c.key())).isEmpty()
                    && !bans.isBanned(c.key(), now)
                    && !bans.isBanned(c.nodeAddr().get().ip(), now),
            random)) {
      out.add(new NeighborhoodEffect.SendGossip(d.key(), d.nodeAddr(), debut));
    }
    if (db.rootInner().neighbors().size() < Neighborhood.MIN_HEALTHY_DEGREE) {
      // Our record alone, sent to a neighbor, asks it for an Introduction.
      for (PublicKey n : db.fullNeighbors(local.key())) {
        db.node(n)
            .flatMap(NodeRecord::nodeAddr)
            .ifPresent(a -> out.add(new NeighborhoodEffect.SendGossip(n, Optional.of(a), debut)));
      }
    }
  }

  /**
   * When the full neighbors changed since the last call: they become contacts, and the caller is
   * told to save them as past neighbors for the next run.
   */
  void persistNeighbors(List<NeighborhoodEffect> out) {
    List<NodeDescriptor> descriptors = new ArrayList<>();
    db.fullNeighbors(local.key()).stream()
        .sorted(Comparator.naturalOrder())
        .forEach(
            k ->
                db.node(k)
                    .filter(r -> r.nodeAddr().isPresent())
                    .ifPresent(
                        r -> descriptors.add(new NodeDescriptor(local.chain(), k, r.nodeAddr()))));
    // A neighbor that moved to a new public IP is persisted again: a restart must dial it there.
    if (!descriptors.equals(persistedNeighbors)) {
      persistedNeighbors = List.copyOf(descriptors);
      descriptors.forEach(contacts::alive);
      out.add(new NeighborhoodEffect.PastNeighborsChanged(descriptors));
    }
  }
}
