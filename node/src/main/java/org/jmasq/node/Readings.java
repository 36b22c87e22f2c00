package org.jmasq.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.neighborhood.GossipDefence;
import org.jmasq.node.proxyserver.OwnTraffic;
import org.jmasq.node.ui.NeighborhoodSnapshot;
import org.jmasq.node.ui.NodeReadings;
import org.jmasq.node.ui.TrafficSnapshot;

/**
 * A running Node's readings, taken from the counters its parts keep (the Hopper's, the exit's, the
 * ProxyServer's, the charges' totals, the Neighborhood's published snapshot): the one source of the
 * dashboard's opcodes and of {@code /metrics}. A key is named by its descriptor form (base64url),
 * and shortened as the logs write it (its first 8 bytes in hex).
 */
final class Readings implements NodeReadings {
  private final Subsystems parts;

  Readings(Subsystems parts) {
    this.parts = parts;
  }

  @Override
  public TrafficSnapshot traffic() {
    OwnTraffic.Snapshot own = parts.proxyServer().ownTraffic();
    return new TrafficSnapshot(
        parts.proxyServer().openStreams(),
        parts.hopper().relayedBytes(),
        parts.proxyClient().bytesFromServers(),
        own.bytes(),
        parts.charges().earnedWei(),
        parts.charges().spentWei(),
        own.routes().stream().map(r -> route(r, parts.neighbors()::countryOf)).toList());
  }

  /**
   * The route's hops after this Node (the over leg's first key) up to the exit, and the country the
   * exit's record claims ({@code ZZ} when it claims none).
   */
  static TrafficSnapshot.RouteInUse route(
      OwnTraffic.RouteInUse route, Function<PublicKey, Optional<String>> countries) {
    List<String> hops =
        route.over().subList(1, route.over().size()).stream().map(Readings::shortKey).toList();
    String back = String.join("-", route.back().stream().map(Readings::shortKey).toList());
    return new TrafficSnapshot.RouteInUse(
        String.join("-", hops) + "~" + back,
        hops,
        shortKey(route.exit()),
        countries.apply(route.exit()).orElse(TrafficSnapshot.UNKNOWN_COUNTRY),
        route.streams());
  }

  @Override
  public NeighborhoodSnapshot neighborhood() {
    PublicKey self = parts.descriptor().key();
    Map<PublicKey, Set<PublicKey>> known = new TreeMap<>(parts.neighbors().knownNodes());
    known.putIfAbsent(self, Set.of());
    Set<PublicKey> mine = known.get(self);
    List<NeighborhoodSnapshot.KnownNode> nodes = new ArrayList<>();
    List<NeighborhoodSnapshot.Edge> edges = new ArrayList<>();
    for (Map.Entry<PublicKey, Set<PublicKey>> node : known.entrySet()) {
      PublicKey key = node.getKey();
      nodes.add(
          new NeighborhoodSnapshot.KnownNode(
              key.toDescriptorForm(), shortKey(key), mine.contains(key)));
      for (PublicKey other : new TreeSet<>(node.getValue())) {
        // A full neighborship is listed on both sides; one edge, from the lesser key.
        if (key.compareTo(other) < 0 && known.containsKey(other)) {
          edges.add(new NeighborhoodSnapshot.Edge(shortKey(key), shortKey(other)));
        }
      }
    }
    return new NeighborhoodSnapshot(shortKey(self), nodes, edges);
  }

  @Override
  public Health health() {
    Map<String, Long> drops = new LinkedHashMap<>();
    parts.hopper().droppedByReason().forEach((reason, n) -> drops.put(reason.label(), n));
    GossipDefence defence = parts.neighbors().gossipDefence();
    return new Health(
        drops,
        defence.bannedKeys().size(),
        defence.bannedIps().size(),
        parts.accountant().map(a -> a.scanResults().counts()).orElse(Map.of()));
  }

  @Override
  public Optional<BooksSource> books() {
    return parts.database().map(Readings::books);
  }

  private static BooksSource books(NodeDatabase db) {
    return () ->
        new Books(
            db.payables().total().toBigInteger(),
            db.receivables().total().toBigInteger(),
            db.pendingPayables().all().size());
  }

  static String shortKey(PublicKey key) {
    return key.toString();
  }
}
