package org.jmasq.neighborhood;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.gossip.GossipProducer;
import org.jmasq.payload.Gossip;

/**
 * JMasq's self-healing (the reference has none): the contacts a Node learns (initial and past
 * neighbors, and the targets of Passes and Introductions), and the debuts to a few of them that a
 * Node with fewer than {@link Neighborhood#MIN_HEALTHY_DEGREE} full neighbors, or with no route
 * through them, sends again. Owned by the {@link Neighborhood}'s thread.
 */
final class Healing {
  /** How many contacts a healing Node debuts to at once. */
  static final int FANOUT = 4;

  private final LocalNode local;
  private final NeighborhoodDatabase db;
  private final BanList bans;
  private final InstantSource clock;
  private final RandomGenerator random;
  // Insertion order, so that the seeded shuffle in heal() picks the same contacts on every run.
  private final Map<PublicKey, NodeDescriptor> contacts = new LinkedHashMap<>();
  private Set<PublicKey> persistedNeighbors = Set.of();
  private boolean started;
  private Instant lastHeal;

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

  /** The Node has debuted: the first retry comes one interval from now. */
  void start() {
    started = true;
    lastHeal = clock.instant();
  }

  void remember(NodeDescriptor contact) {
    contacts.put(contact.key(), contact);
  }

  void rememberIfNew(NodeDescriptor contact) {
    contacts.putIfAbsent(contact.key(), contact);
  }

  List<NodeDescriptor> contacts() {
    return List.copyOf(contacts.values());
  }

  /**
   * Time passed: once per {@link Neighborhood#HEALING_RETRY_INTERVAL} after the start, a Node that
   * needs healing heals. {@code routeExists} is asked only then, the route search being dear.
   */
  void tick(Instant now, BooleanSupplier routeExists, List<NeighborhoodEffect> out) {
    if (started && !now.isBefore(lastHeal.plus(Neighborhood.HEALING_RETRY_INTERVAL))) {
      lastHeal = now;
      healIfNeeded(routeExists.getAsBoolean(), out);
    }
  }

  /** Heals if the Node has fewer than three full neighbors or no route through them (an island). */
  void healIfNeeded(boolean routeExists, List<NeighborhoodEffect> out) {
    if (db.fullNeighbors(local.key()).size() < Neighborhood.MIN_HEALTHY_DEGREE || !routeExists) {
      heal(out);
    }
  }

  private void heal(List<NeighborhoodEffect> out) {
    lastHeal = clock.instant();
    Instant now = clock.instant();
    List<NodeDescriptor> candidates = new ArrayList<>();
    for (NodeDescriptor d : contacts.values()) {
      boolean linked = db.neighborsOf(local.key()).stream().anyMatch(k -> k.sameNodeAs(d.key()));
      boolean banned = bans.isBanned(d.key(), now) || bans.isBanned(d.nodeAddr().get().ip(), now);
      if (!linked && !banned) {
        candidates.add(d);
      }
    }
    for (int i = candidates.size() - 1; i > 0; i--) {
      Collections.swap(candidates, i, random.nextInt(i + 1));
    }
    Gossip debut = GossipProducer.debut(db);
    candidates.stream()
        .limit(FANOUT)
        .forEach(d -> out.add(new NeighborhoodEffect.SendGossip(d.key(), d.nodeAddr(), debut)));
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
      descriptors.forEach(this::remember);
      out.add(new NeighborhoodEffect.PastNeighborsChanged(descriptors));
    }
  }
}
