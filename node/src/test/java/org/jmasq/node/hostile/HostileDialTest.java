package org.jmasq.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.NodeRecordInner;
import org.jmasq.node.Node;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.wire.DecodeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any peer could make a Node dial any address: a Pass or an Introduction naming {@code
 * 127.0.0.1:<port>} made it connect to its own machine's services. A Node on the open internet
 * (here one on loopback told to dial as such a Node does) never dials it; a Node on a loopback
 * network, as devnet's, still follows its peers there.
 */
@Timeout(120)
class HostileDialTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path root;
  private final SecureRandom random = new SecureRandom();
  private RealNodes nodes;
  private HostilePeer peer;

  /** A service of the Node's owner on its own machine, which no peer should make it reach. */
  private ServerSocket service;

  @BeforeEach
  void start() throws Exception {
    nodes = RealNodes.standardOnly(83, root, 0);
    peer = HostilePeer.listeningOn(nodes.ip(100), freePort(nodes.ip(100)));
    service = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
  }

  @AfterEach
  void stop() throws IOException {
    if (peer != null) {
      peer.close();
    }
    if (nodes != null) {
      nodes.close();
    }
    if (service != null) {
      service.close();
    }
  }

  private static int freePort(InetAddress ip) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, ip)) {
      return s.getLocalPort();
    }
  }

  /** A Node that debuts to the hostile peer, as one configured with it would. */
  private Node targetDialling(boolean ownNetwork) throws Exception {
    NodeDescriptor hostile = new NodeDescriptor(Chain.DEV, peer.key(), peer.addr());
    return nodes.startStandard(2, List.of(hostile), c -> c.withDialsOwnNetwork(ownNetwork));
  }

  /** Sends the target a Pass, then an Introduction, each naming the local service. */
  private void nameTheLocalService(PublicKey target) throws Exception {
    Optional<NodeAddr> local =
        Optional.of(NodeAddr.of(service.getInetAddress(), service.getLocalPort()));
    peer.gossip(target, HostilePeer.gossipOf(peer.record(NodeKeyPair.generate(random), local, 1)));
    peer.gossip(
        target,
        HostilePeer.gossipOf(
            peer.ownRecord(1), peer.record(NodeKeyPair.generate(random), local, 1)));
  }

  /** Waits for Gossip from {@code from} to the peer with {@code from}'s record as {@code shown}. */
  private void awaitGossip(PublicKey from, Predicate<NodeRecordInner> shown) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<HostilePeer.Arrival> arrival = peer.nextArrival(5);
      if (arrival.isEmpty()) {
        continue;
      }
      if (peer.open(arrival.get()).orElse(null) instanceof Gossip gossip) {
        for (GossipNodeRecord record : gossip.records()) {
          NodeRecordInner inner = decode(record);
          if (inner != null && inner.publicKey().equals(from) && shown.test(inner)) {
            return;
          }
        }
      }
    }
    throw new AssertionError("no such Gossip from " + from + " within " + PATIENCE);
  }

  private static NodeRecordInner decode(GossipNodeRecord record) {
    try {
      return NodeRecordInner.decode(record.signedData());
    } catch (DecodeException e) {
      return null;
    }
  }

  @Test
  void a_node_on_the_open_internet_never_dials_the_loopback_address_a_peer_names()
      throws Exception {
    Node target = targetDialling(false);
    PublicKey t = target.descriptor().key();
    awaitGossip(t, record -> true); // its Debut: the configured peer is dialled

    nameTheLocalService(t);
    // The Introduction made the peer a neighbor: the target's Gossip that lists it comes after
    // whatever the target did with the two addresses it was given.
    awaitGossip(t, record -> record.neighbors().contains(peer.key()));

    // Had the target dialled the service, its connection would wait in the backlog ahead of this.
    try (Socket marker = new Socket(service.getInetAddress(), service.getLocalPort());
        Socket first = service.accept()) {
      assertThat(first.getInetAddress())
          .as("who reached the service first")
          .isNotEqualTo(nodes.ip(2));
      assertThat(first.getPort()).isEqualTo(marker.getLocalPort());
    }
  }

  @Test
  void a_node_on_a_loopback_network_follows_a_pass_to_a_loopback_address() throws Exception {
    Node target = targetDialling(true);
    PublicKey t = target.descriptor().key();
    awaitGossip(t, record -> true);

    nameTheLocalService(t);

    try (Socket dialled = service.accept()) {
      assertThat(dialled.getInetAddress()).isEqualTo(nodes.ip(2));
    }
  }
}
