package org.jmasq.node.neighborhood;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jmasq.accountant.RoutePricing.TermsBook.Terms;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.BanList;
import org.jmasq.neighborhood.GossipCounts;
import org.jmasq.neighborhood.NeighborhoodDatabase;
import org.jmasq.neighborhood.NeighborhoodDriver;
import org.jmasq.neighborhood.NodeRecord;
import org.jmasq.node.proxyserver.RouteSource.RouteLegs;

/**
 * What other threads may read of the Neighborhood without asking its thread: Nodes' addresses and
 * terms and countries, who is whose full neighbor, the banned keys and IPs, and what it did with
 * Gossip. The owning thread replaces each snapshot whole; readers see one consistent version or the
 * next, never a half-written one.
 */
final class NeighborhoodSnapshots {
  private final Map<ByteBuffer, NodeAddr> directAddresses = new ConcurrentHashMap<>();
  private volatile Map<ByteBuffer, NodeAddr> addresses = Map.of();
  private volatile Map<PublicKey, Set<PublicKey>> fullNeighbors = Map.of();
  private volatile Map<PublicKey, Terms> terms = Map.of();
  private volatile Map<PublicKey, String> countries = Map.of();
  private volatile BanList.Banned banned = BanList.Banned.NONE;
  private volatile GossipCounts gossipCounts = GossipCounts.NONE;
  private long publishedBans = -1;

  /**
   * Publishes what {@code driver} holds: addresses, terms, neighborships, the Gossip counts, and
   * the bans when they changed since the last time (on the owning thread).
   */
  void publish(NeighborhoodDriver driver) {
    publish(driver.database());
    gossipCounts = driver.gossipCounts();
    long changes = driver.banChanges();
    if (changes != publishedBans) {
      publishedBans = changes;
      banned = driver.banned();
    }
  }

  private void publish(NeighborhoodDatabase db) {
    Map<ByteBuffer, NodeAddr> nextAddresses = new HashMap<>();
    Map<PublicKey, Terms> nextTerms = new HashMap<>();
    Map<PublicKey, String> nextCountries = new HashMap<>();
    for (NodeRecord record : db.records()) {
      record.inner().countryCode().ifPresent(c -> nextCountries.put(record.key(), c));
      record.nodeAddr().ifPresent(a -> nextAddresses.put(id(record.key()), a));
      nextTerms.put(record.key(), new Terms(record.inner().earningWallet(), record.ratePack()));
    }
    Map<PublicKey, Set<PublicKey>> links = new HashMap<>();
    for (PublicKey key : db.keys()) {
      links.put(key, Set.copyOf(db.fullNeighbors(key)));
    }
    addresses = Map.copyOf(nextAddresses);
    terms = Map.copyOf(nextTerms);
    countries = Map.copyOf(nextCountries);
    fullNeighbors = Map.copyOf(links);
  }

  /**
   * Remembers where Gossip to {@code key} was sent directly: a Node we debut to is in no record of
   * ours yet, but the link to it needs its address.
   */
  void sentDirectly(PublicKey key, NodeAddr addr) {
    directAddresses.put(id(key), addr);
  }

  BanList.Banned banned() {
    return banned;
  }

  boolean isBanned(InetAddress ip) {
    return banned.ips().contains(ip);
  }

  boolean isBanned(PublicKey key) {
    return banned.contains(key);
  }

  GossipCounts gossipCounts() {
    return gossipCounts;
  }

  Optional<NodeAddr> addressOf(PublicKey key) {
    ByteBuffer id = id(key);
    NodeAddr known = addresses.get(id);
    return known != null ? Optional.of(known) : Optional.ofNullable(directAddresses.get(id));
  }

  Optional<Terms> terms(PublicKey key) {
    return Optional.ofNullable(terms.get(key));
  }

  /** The country {@code key}'s record claims; empty when it claims none or is not known. */
  Optional<String> countryOf(PublicKey key) {
    return Optional.ofNullable(countries.get(key));
  }

  Map<PublicKey, Set<PublicKey>> fullNeighborships() {
    return fullNeighbors;
  }

  List<PublicKey> fullNeighborsOf(PublicKey key) {
    return List.copyOf(fullNeighbors.getOrDefault(key, Set.of()));
  }

  /** Whether every consecutive pair on both legs is still a full neighborship. */
  boolean stillStands(RouteLegs legs) {
    Map<PublicKey, Set<PublicKey>> snapshot = fullNeighbors;
    return chainHolds(snapshot, legs.over()) && chainHolds(snapshot, legs.back());
  }

  private static boolean chainHolds(Map<PublicKey, Set<PublicKey>> snapshot, List<PublicKey> keys) {
    for (int i = 0; i + 1 < keys.size(); i++) {
      Set<PublicKey> next = snapshot.get(keys.get(i));
      if (next == null || !next.contains(keys.get(i + 1))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Addresses are found by the encryption half of a key alone ({@link PublicKey#sameNodeAs}): a
   * descriptor names a Node by that half only.
   */
  private static ByteBuffer id(PublicKey key) {
    return ByteBuffer.wrap(key.encryptionKey());
  }
}
