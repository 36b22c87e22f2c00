package org.jmasq.node.neighborhood;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jmasq.cores.Component;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.Neighborhood;
import org.jmasq.neighborhood.NeighborhoodEffect;
import org.jmasq.neighborhood.NodeRecord;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.neighborhood.route.RoundTripRoute;
import org.jmasq.neighborhood.route.RouteQuery;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.node.link.LinkManager;
import org.jmasq.node.proxyserver.RouteSource;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pure {@link Neighborhood} inside a real Node. One thread owns it: every input (Gossip,
 * links coming and going, the clock's tick, route queries) is a task on that thread, and the
 * effects it returns are carried out on a second thread, so the Neighborhood never waits on a
 * socket. What other threads need to read (addresses, bans) is published as snapshots.
 */
public final class NeighborhoodService
    implements RouteSource, LinkManager.AddressBook, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NeighborhoodService.class);
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

  /** What the service tells the rest of the Node. */
  public interface Observer {
    void stageChanged(ConnectionStage stage);

    void pastNeighborsChanged(List<NodeDescriptor> neighbors);

    /** The Node's own record has a new version; a restart must start above it. */
    void recordVersionChanged(long version);

    void shutdownRequested(String reason);
  }

  private final Neighborhood neighborhood;
  private final PublicKey self;
  private final Transmitter transmitter;
  private final Supplier<LinkManager> links;
  private final Observer observer;
  private final SecureRandom random;
  private final int minHops;
  private final ExecutorService owner =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("neighborhood").daemon().unstarted(r));
  private final ExecutorService effects =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("neighborhood-effects").daemon().unstarted(r));
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("neighborhood-tick").daemon().unstarted(r));
  private final Map<ByteBuffer, NodeAddr> directAddresses = new ConcurrentHashMap<>();
  private volatile Map<ByteBuffer, NodeAddr> addresses = Map.of();
  private volatile Map<PublicKey, Set<PublicKey>> fullNeighbors = Map.of();
  private volatile Set<InetAddress> bannedIps = Set.of();
  private volatile Map<PublicKey, Terms> terms = Map.of();
  private long publishedVersion = -1;

  public NeighborhoodService(
      Neighborhood neighborhood,
      Transmitter transmitter,
      Supplier<LinkManager> links,
      Observer observer,
      SecureRandom random,
      int minHops) {
    this.neighborhood = neighborhood;
    this.self = neighborhood.key();
    this.transmitter = transmitter;
    this.links = links;
    this.observer = observer;
    this.random = random;
    this.minHops = minHops;
  }

  /** Debuts to {@code configured} neighbors (or the remembered past ones) and starts the clock. */
  public void start(List<NodeDescriptor> configured, List<NodeDescriptor> past) {
    run(() -> neighborhood.start(configured, past));
    ticker.scheduleAtFixedRate(
        () -> run(() -> concat(neighborhood.tick(), neighborhood.flush())),
        TICK.toMillis(),
        TICK.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Gossip or a GossipFailure the Hopper expired to the Neighborhood. */
  public void deliver(ExpiredCoresPackage<MessageType> expired) {
    InetSocketAddress source = expired.immediateNeighbor();
    log.debug("{} from {}", expired.payload().getClass().getSimpleName(), source);
    switch (expired.payload()) {
      case Gossip gossip ->
          run(() -> concat(neighborhood.gossipReceived(source, gossip), neighborhood.flush()));
      case GossipFailure failure -> run(() -> neighborhood.gossipFailureReceived(source, failure));
      default ->
          log.warn(
              "Dropped a {} delivered to the Neighborhood",
              expired.payload().getClass().getSimpleName());
    }
  }

  public void linkUp(PublicKey peer, InetSocketAddress remote) {
    run(
        () -> {
          neighborhood.tcpConnected(remote.getAddress());
          return List.of();
        });
  }

  public void linkDown(PublicKey peer) {
    run(() -> concat(neighborhood.neighborLost(peer), neighborhood.flush()));
  }

  public void linkFailed(InetAddress ip) {
    run(() -> concat(neighborhood.tcpFailed(ip), neighborhood.flush()));
  }

  public boolean isBanned(InetAddress ip) {
    return bannedIps.contains(ip);
  }

  @Override
  public Optional<RouteLegs> findRoute(String host, int payloadSize) {
    RouteQuery query =
        new RouteQuery(
            minHops,
            Math.min(payloadSize, RouteQuery.MAX_PAYLOAD),
            Optional.ofNullable(host),
            ExitPreferences.NONE);
    // The route and this Node's neighbors are read in one task, so the log states the neighbors the
    // route was chosen against (the exit must not be one of them).
    return ask(() -> {
          Optional<RoundTripRoute> route = neighborhood.findRoute(query);
          route.ifPresent(
              r ->
                  log.info(
                      "Route chosen with exit {}; this Node's full neighbors then: {}",
                      r.exit(),
                      String.join(
                          ",",
                          neighborhood.database().fullNeighbors(self).stream()
                              .map(Object::toString)
                              .sorted()
                              .toList())));
          return route;
        })
        .flatMap(r -> r)
        .map(r -> new RouteLegs(r.over(), r.back()));
  }

  @Override
  public Optional<Terms> terms(PublicKey key) {
    return Optional.ofNullable(terms.get(key));
  }

  /** Marks {@code host} unreachable through {@code exit}, so the next route avoids that exit. */
  @Override
  public void exitCouldNotResolve(PublicKey exit, String host) {
    run(
        () -> {
          neighborhood.exitCouldNotResolve(exit, host);
          return List.of();
        });
  }

  public ConnectionStage stage() {
    return ask(neighborhood::stage).orElse(ConnectionStage.NOT_CONNECTED);
  }

  public String toDot() {
    return ask(neighborhood::toDot).orElse("digraph neighborhood {}\n");
  }

  /** A snapshot of what this Node knows, for status lines: (known Nodes, full neighbors). */
  public int[] counts() {
    return ask(() ->
            new int[] {
              neighborhood.database().size(), neighborhood.database().fullNeighbors(self).size()
            })
        .orElse(new int[] {0, 0});
  }

  @Override
  public Optional<NodeAddr> addressOf(PublicKey key) {
    ByteBuffer id = id(key);
    NodeAddr known = addresses.get(id);
    return known != null ? Optional.of(known) : Optional.ofNullable(directAddresses.get(id));
  }

  private <T> Optional<T> ask(java.util.concurrent.Callable<T> question) {
    try {
      return Optional.ofNullable(
          owner.submit(question).get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Neighborhood query failed: {}", e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return Optional.empty();
    }
  }

  /** Runs {@code step} on the owning thread, publishes snapshots, and hands its effects on. */
  private void run(Supplier<List<NeighborhoodEffect>> step) {
    try {
      owner.execute(
          () -> {
            ConnectionStage before = neighborhood.stage();
            List<NeighborhoodEffect> out;
            try {
              out = step.get();
            } catch (RuntimeException e) {
              log.error("The Neighborhood failed on an input; it is left as it was before", e);
              return;
            }
            publishSnapshots();
            long version = neighborhood.database().rootInner().version();
            if (version != publishedVersion) {
              publishedVersion = version;
              try {
                effects.execute(() -> observer.recordVersionChanged(version));
              } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
              }
            }
            ConnectionStage after = neighborhood.stage();
            if (after != before
                && out.stream().noneMatch(NeighborhoodEffect.StageChanged.class::isInstance)) {
              observer.stageChanged(after);
            }
            for (NeighborhoodEffect effect : out) {
              log.debug("Effect: {}", effect);
              try {
                effects.execute(() -> apply(effect));
              } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // the Node is stopping: nothing more goes out
              }
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("Neighborhood input after shutdown ignored");
    }
  }

  private void publishSnapshots() {
    Map<ByteBuffer, NodeAddr> next = new HashMap<>();
    for (NodeRecord record : neighborhood.database().records()) {
      record.nodeAddr().ifPresent(a -> next.put(id(record.key()), a));
    }
    addresses = Map.copyOf(next);
    Map<PublicKey, Terms> nextTerms = new HashMap<>();
    for (NodeRecord record : neighborhood.database().records()) {
      nextTerms.put(record.key(), new Terms(record.inner().earningWallet(), record.ratePack()));
    }
    terms = Map.copyOf(nextTerms);
    Map<PublicKey, Set<PublicKey>> links = new HashMap<>();
    for (PublicKey key : neighborhood.database().keys()) {
      links.put(key, Set.copyOf(neighborhood.database().fullNeighbors(key)));
    }
    fullNeighbors = Map.copyOf(links);
  }

  /** This Node's full neighbors, as last published. */
  public List<PublicKey> fullNeighbors() {
    return List.copyOf(fullNeighbors.getOrDefault(self, Set.of()));
  }

  @Override
  public boolean stillStands(RouteLegs legs) {
    return chainHolds(legs.over()) && chainHolds(legs.back());
  }

  private boolean chainHolds(List<PublicKey> keys) {
    Map<PublicKey, Set<PublicKey>> snapshot = fullNeighbors;
    for (int i = 0; i + 1 < keys.size(); i++) {
      Set<PublicKey> next = snapshot.get(keys.get(i));
      if (next == null || !next.contains(keys.get(i + 1))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean retriesDnsFailures() {
    return true;
  }

  private void apply(NeighborhoodEffect effect) {
    try {
      switch (effect) {
        case NeighborhoodEffect.SendGossip g -> send(g.to(), g.directAddr(), g.gossip());
        case NeighborhoodEffect.SendGossipFailure f ->
            send(f.to(), Optional.of(f.addr()), new GossipFailure(f.reason()));
        case NeighborhoodEffect.Disconnect d -> {
          Set<InetAddress> banned = new java.util.HashSet<>(bannedIps);
          banned.add(d.ip());
          bannedIps = Set.copyOf(banned);
          log.warn(
              "Banned {} ({}): {} {}",
              d.ip().getHostAddress(),
              d.key().map(Object::toString).orElse("unknown key"),
              d.reason(),
              d.detail());
          d.key().ifPresent(k -> links.get().disconnect(k, "banned: " + d.reason()));
        }
        case NeighborhoodEffect.StageChanged s -> observer.stageChanged(s.to());
        case NeighborhoodEffect.PastNeighborsChanged p ->
            observer.pastNeighborsChanged(p.neighbors());
        case NeighborhoodEffect.Shutdown s -> observer.shutdownRequested(s.reason());
      }
    } catch (RuntimeException e) {
      log.error("Carrying out {} failed", effect.getClass().getSimpleName(), e);
    }
  }

  /** Gossip travels as a one-hop CORES package to the Neighborhood of {@code to}, with no payer. */
  private void send(PublicKey to, Optional<NodeAddr> direct, MessageType message) {
    direct.ifPresent(addr -> directAddresses.put(id(to), addr));
    try {
      RoutePlan plan =
          RoutePlan.oneWay(
              List.of(self, to), Component.NEIGHBORHOOD, k -> Optional.empty(), random);
      byte[] payload = PayloadEnvelopes.seal(EnvelopeSealer.to(to, random), message);
      transmitter.transmit(new IncipientCoresPackage(plan.seal(), payload));
    } catch (IOException | CryptoException e) {
      log.info(
          "Could not send {} to {}: {}", message.getClass().getSimpleName(), to, e.getMessage());
      direct.ifPresent(addr -> linkFailed(addr.ip()));
    }
  }

  private static List<NeighborhoodEffect> concat(
      List<NeighborhoodEffect> a, List<NeighborhoodEffect> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<NeighborhoodEffect> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static ByteBuffer id(PublicKey key) {
    return ByteBuffer.wrap(key.encryptionKey());
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    owner.shutdownNow();
    effects.shutdownNow();
  }
}
