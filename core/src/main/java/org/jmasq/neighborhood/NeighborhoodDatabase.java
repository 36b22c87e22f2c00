package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;

/**
 * The Node records this Node knows, indexed by key and by IP (one key per IP), with this Node's own
 * record (the root) always present. Only the root's neighbor list may be edited here; every other
 * record changes only by replacement with a newer signed version, under the update rules of {@link
 * #update}. Owned by the Neighborhood's thread; not thread-safe.
 *
 * <p>The root is re-signed lazily: edits bump its version once and mark it dirty, and {@link
 * #root()} signs the new content when someone next needs it.
 */
public final class NeighborhoodDatabase {
  /** Nodes no one references are deleted once they have not changed for this long. */
  static final Duration ISOLATED_NODE_GRACE_PERIOD = Duration.ofSeconds(30);

  private final LocalNode local;
  private final Map<PublicKey, NodeRecord> byKey = new HashMap<>();
  private final Map<InetAddress, PublicKey> byIp = new HashMap<>();
  private NodeRecordInner rootInner;
  private NodeRecord rootRecord;
  private Optional<NodeAddr> rootAddr;
  private boolean rootDirty;

  public NeighborhoodDatabase(LocalNode local, NodeRecordInner rootInner, Instant now) {
    this.local = local;
    this.rootInner = rootInner;
    this.rootAddr = local.nodeAddr();
    this.rootRecord = local.sign(rootInner, rootAddr, now);
    byKey.put(local.key(), rootRecord);
    rootAddr.ifPresent(a -> byIp.put(a.ip(), local.key()));
  }

  public PublicKey rootKey() {
    return local.key();
  }

  /** The root record, signed over its current content. */
  public NodeRecord root() {
    if (rootDirty) {
      rootRecord = local.sign(rootInner, rootAddr, rootRecord.lastUpdate());
      byKey.put(local.key(), rootRecord);
      rootDirty = false;
    }
    return rootRecord;
  }

  public NodeRecordInner rootInner() {
    return rootInner;
  }

  /** Where this Node listens now (none unless it accepts connections). */
  public Optional<NodeAddr> rootAddr() {
    return rootAddr;
  }

  /**
   * This Node now listens at {@code addr} (its public IP changed): the root gets a new version, to
   * be signed and gossiped like any other edit, claiming {@code country}, the new IP's. A record of
   * another Node still held at that IP loses its address, since this Node is the one there now.
   * False when nothing changed.
   */
  public boolean moveRoot(NodeAddr addr, Optional<String> country) {
    if (rootAddr.isEmpty() || rootAddr.get().equals(addr)) {
      return false;
    }
    byIp.remove(rootAddr.get().ip(), local.key());
    PublicKey holder = byIp.put(addr.ip(), local.key());
    if (holder != null && !holder.equals(local.key())) {
      byKey.computeIfPresent(holder, (k, r) -> r.withNodeAddr(Optional.empty()));
    }
    rootAddr = Optional.of(addr);
    rootInner = rootInner.withCountryCode(country);
    editRoot(rootInner.neighbors());
    return true;
  }

  /** The record for {@code key}; the root's may be stale in its signature, never in its content. */
  public Optional<NodeRecord> node(PublicKey key) {
    if (key.equals(local.key())) {
      return Optional.of(root());
    }
    return Optional.ofNullable(byKey.get(key));
  }

  /** Neighbor set of {@code key}'s record, or empty when unknown (cheap: no re-signing). */
  public NavigableSet<PublicKey> neighborsOf(PublicKey key) {
    if (key.equals(local.key())) {
      return rootInner.neighbors();
    }
    NodeRecord r = byKey.get(key);
    return r == null ? Collections.emptyNavigableSet() : r.neighbors();
  }

  public boolean contains(PublicKey key) {
    return byKey.containsKey(key);
  }

  public Optional<PublicKey> keyAt(InetAddress ip) {
    return Optional.ofNullable(byIp.get(ip));
  }

  public int size() {
    return byKey.size();
  }

  /**
   * Every record, the root included (the root possibly unsigned; use {@link #root()} to send it).
   */
  public Collection<NodeRecord> records() {
    root();
    return Collections.unmodifiableCollection(byKey.values());
  }

  public Set<PublicKey> keys() {
    return Collections.unmodifiableSet(byKey.keySet());
  }

  /** Why an insertion or update was refused. */
  public enum Refusal {
    /** The record names this Node's own key. */
    OWN_KEY,
    /** Its address is already held by another live key. */
    IP_TAKEN,
    /** Its rate pack differs from the one we know for that key. */
    RATE_PACK_CHANGED,
    /** It moves an address we already know to another place. */
    ADDRESS_CHANGED,
    /** Its version is not newer than the one we hold. */
    NOT_NEWER,
    /** No record for that key is known. */
    UNKNOWN
  }

  /** Adds a record for a key not yet known; empty on success. */
  public Optional<Refusal> add(NodeRecord record) {
    if (record.key().equals(local.key())) {
      return Optional.of(Refusal.OWN_KEY);
    }
    if (byKey.containsKey(record.key())) {
      return update(record);
    }
    if (record.nodeAddr().isPresent()) {
      PublicKey holder = byIp.get(record.nodeAddr().get().ip());
      if (holder != null && !holder.equals(record.key())) {
        return Optional.of(Refusal.IP_TAKEN);
      }
      byIp.put(record.nodeAddr().get().ip(), record.key());
    }
    byKey.put(record.key(), record);
    return Optional.empty();
  }

  /**
   * Replaces the known record of the same key with a newer version. The key, the rate pack and an
   * already-known address must not change; a newly learned address is kept, and an incoming record
   * without an address keeps the known one.
   */
  public Optional<Refusal> update(NodeRecord incoming) {
    NodeRecord known = byKey.get(incoming.key());
    if (incoming.key().equals(local.key())) {
      return Optional.of(Refusal.OWN_KEY);
    }
    if (known == null) {
      return Optional.of(Refusal.UNKNOWN);
    }
    Optional<Refusal> changed = checkUnchanging(known, incoming);
    if (changed.isPresent()) {
      return changed;
    }
    if (incoming.version() <= known.version()) {
      return Optional.of(Refusal.NOT_NEWER);
    }
    Optional<NodeAddr> addr = known.nodeAddr().isPresent() ? known.nodeAddr() : incoming.nodeAddr();
    if (known.nodeAddr().isEmpty() && addr.isPresent()) {
      PublicKey holder = byIp.get(addr.get().ip());
      if (holder != null && !holder.equals(incoming.key())) {
        return Optional.of(Refusal.IP_TAKEN);
      }
      byIp.put(addr.get().ip(), incoming.key());
    }
    byKey.put(incoming.key(), incoming.withNodeAddr(addr));
    return Optional.empty();
  }

  /**
   * Replaces the known record of a Node that moved: a newer version whose address differs from the
   * known one, or the very record we hold beside a new address (a Node that told of its move over a
   * link from the old address, kept there until now). Only the Node itself, seen at its new
   * address, may say so (the address is not signed); the caller checks that. The rate pack still
   * may not change.
   */
  public Optional<Refusal> move(NodeRecord incoming) {
    NodeRecord known = byKey.get(incoming.key());
    if (incoming.key().equals(local.key())) {
      return Optional.of(Refusal.OWN_KEY);
    }
    if (known == null) {
      return Optional.of(Refusal.UNKNOWN);
    }
    if (!known.ratePack().equals(incoming.ratePack())) {
      return Optional.of(Refusal.RATE_PACK_CHANGED);
    }
    boolean sameRecord =
        incoming.version() == known.version()
            && known.sameSignedBytes(incoming.signedData(), incoming.signature());
    if (incoming.version() <= known.version() && !sameRecord) {
      return Optional.of(Refusal.NOT_NEWER);
    }
    if (incoming.nodeAddr().isEmpty()) {
      return sameRecord ? Optional.of(Refusal.NOT_NEWER) : update(incoming);
    }
    InetAddress ip = incoming.nodeAddr().get().ip();
    PublicKey holder = byIp.get(ip);
    if (holder != null && !holder.equals(incoming.key())) {
      return Optional.of(Refusal.IP_TAKEN);
    }
    known.nodeAddr().ifPresent(a -> byIp.remove(a.ip(), incoming.key()));
    byIp.put(ip, incoming.key());
    byKey.put(incoming.key(), incoming);
    return Optional.empty();
  }

  /** What would make {@code incoming} a deceptive replacement for {@code known}, if anything. */
  public static Optional<Refusal> checkUnchanging(NodeRecord known, NodeRecord incoming) {
    if (!known.ratePack().equals(incoming.ratePack())) {
      return Optional.of(Refusal.RATE_PACK_CHANGED);
    }
    if (known.nodeAddr().isPresent()
        && incoming.nodeAddr().isPresent()
        && !known.nodeAddr().equals(incoming.nodeAddr())) {
      return Optional.of(Refusal.ADDRESS_CHANGED);
    }
    return Optional.empty();
  }

  /** Learns the address of a known Node whose record arrived without one. */
  public Optional<Refusal> learnAddress(PublicKey key, NodeAddr addr) {
    NodeRecord known = byKey.get(key);
    if (known == null || key.equals(local.key())) {
      return Optional.of(Refusal.UNKNOWN);
    }
    if (known.nodeAddr().isPresent()) {
      return known.nodeAddr().get().equals(addr)
          ? Optional.empty()
          : Optional.of(Refusal.ADDRESS_CHANGED);
    }
    PublicKey holder = byIp.get(addr.ip());
    if (holder != null && !holder.equals(key)) {
      return Optional.of(Refusal.IP_TAKEN);
    }
    byIp.put(addr.ip(), key);
    byKey.put(key, known.withNodeAddr(Optional.of(addr)));
    return Optional.empty();
  }

  /** Deletes a record (never the root), freeing its IP. */
  void remove(PublicKey key) {
    if (key.equals(local.key())) {
      throw new IllegalArgumentException("the root record cannot be removed");
    }
    NodeRecord gone = byKey.remove(key);
    if (gone != null) {
      gone.nodeAddr().ifPresent(a -> byIp.remove(a.ip(), key));
    }
  }

  /** Adds {@code key} to the root's neighbor list; true if that changed anything. */
  public boolean addRootNeighbor(PublicKey key) {
    if (key.equals(local.key())
        || rootInner.neighbors().contains(key)
        || rootInner.neighbors().size() >= NodeRecordInner.MAX_NEIGHBORS) {
      return false;
    }
    TreeSet<PublicKey> next = new TreeSet<>(rootInner.neighbors());
    next.add(key);
    editRoot(next);
    return true;
  }

  /**
   * Drops the root's link to {@code key} and forgets that Node's address (the reference's {@code
   * remove_neighbor}); true if the link existed.
   */
  public boolean removeRootNeighbor(PublicKey key) {
    if (!rootInner.neighbors().contains(key)) {
      return false;
    }
    TreeSet<PublicKey> next = new TreeSet<>(rootInner.neighbors());
    next.remove(key);
    editRoot(next);
    NodeRecord known = byKey.get(key);
    if (known != null && known.nodeAddr().isPresent()) {
      byIp.remove(known.nodeAddr().get().ip(), key);
      byKey.put(key, known.withNodeAddr(Optional.empty()));
    }
    return true;
  }

  private void editRoot(NavigableSet<PublicKey> neighbors) {
    long version = rootDirty ? rootInner.version() : rootInner.version() + 1;
    rootInner = rootInner.withNeighbors(neighbors).withVersion(version);
    rootDirty = true;
  }

  /** Both records list each other. */
  public boolean areFullNeighbors(PublicKey a, PublicKey b) {
    return contains(a) && contains(b) && neighborsOf(a).contains(b) && neighborsOf(b).contains(a);
  }

  /** The known Nodes that {@code key} lists and that list it back. */
  public List<PublicKey> fullNeighbors(PublicKey key) {
    List<PublicKey> out = new ArrayList<>();
    for (PublicKey n : neighborsOf(key)) {
      if (neighborsOf(n).contains(key) && contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * The degree Gossip decisions use: full neighbors that accept connections, plus listed keys we do
   * not know (assumed full).
   */
  public int gossipTargetDegree(PublicKey key) {
    int degree = 0;
    for (PublicKey n : neighborsOf(key)) {
      NodeRecord r = key.equals(n) ? null : (n.equals(local.key()) ? rootRecord : byKey.get(n));
      if (r == null) {
        degree++;
      } else if (neighborsOf(n).contains(key)
          && (n.equals(local.key()) ? rootInner.acceptsConnections() : r.acceptsConnections())) {
        degree++;
      }
    }
    return degree;
  }

  /**
   * Deletes Nodes that no record references and that have not changed for the grace period; returns
   * the deleted keys.
   */
  List<PublicKey> cullDeadNodes(Instant now) {
    Set<PublicKey> referenced = new HashSet<>(rootInner.neighbors());
    for (NodeRecord r : byKey.values()) {
      if (!r.key().equals(local.key())) {
        referenced.addAll(r.neighbors());
      }
    }
    List<PublicKey> dead = new ArrayList<>();
    for (NodeRecord r : byKey.values()) {
      if (!r.key().equals(local.key())
          && !referenced.contains(r.key())
          && !r.lastUpdate().plus(ISOLATED_NODE_GRACE_PERIOD).isAfter(now)) {
        dead.add(r.key());
      }
    }
    dead.forEach(this::remove);
    return dead;
  }
}
