package org.jmasq.neighborhood;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;

/**
 * A peer the test scripts by hand: it signs its own record with whatever neighbors, version and
 * rates the script gives it, and builds the Gossip a test sends to the Node under test.
 */
public final class ScriptedPeer {
  public final int n;
  public final NodeKeyPair keys;
  public NodeAddr addr;
  public RatePack rates = RatePack.DEFAULT;
  public long version;
  public boolean acceptsConnections = true;
  public Optional<String> country = Optional.of("FR");
  public final TreeSet<PublicKey> neighbors = new TreeSet<>();

  public ScriptedPeer(int n) {
    this.n = n;
    this.keys = Fixtures.keyPair(n);
    this.addr = Fixtures.addr(n);
  }

  public PublicKey key() {
    return keys.publicKey();
  }

  /** This peer as the Node it gossips to sees it: its key, on a link from its address. */
  public GossipSource source() {
    return new GossipSource(key(), new InetSocketAddress(addr.ip(), Fixtures.PORT));
  }

  public ScriptedPeer listing(PublicKey... keys) {
    neighbors.addAll(List.of(keys));
    version++;
    return this;
  }

  public NodeRecordInner inner() {
    return new NodeRecordInner(
        key(), Fixtures.wallet(n), rates, neighbors, acceptsConnections, true, version, country);
  }

  public NodeRecord signed() {
    return new LocalNode(
            keys, Fixtures.CHAIN, acceptsConnections ? Optional.of(addr) : Optional.empty())
        .sign(inner(), Instant.EPOCH);
  }

  public GossipNodeRecord record(boolean withAddr) {
    NodeRecord r = signed();
    return new GossipNodeRecord(
        r.signedData(), r.signature(), withAddr ? Optional.of(addr) : Optional.empty());
  }

  /** Our record alone, with our address when we accept connections. */
  public Gossip debut() {
    return new Gossip(List.of(record(acceptsConnections)));
  }

  /** Our record (with address) followed by {@code others}. */
  public Gossip standard(GossipNodeRecord... others) {
    List<GossipNodeRecord> all = new ArrayList<>();
    all.add(record(true));
    all.addAll(List.of(others));
    return new Gossip(all);
  }
}
