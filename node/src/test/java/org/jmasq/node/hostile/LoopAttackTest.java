package org.jmasq.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.cores.Component;
import org.jmasq.cores.Route;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.Node;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.ProxyProtocol;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row 5, loop amplification: routes that bounce between two Nodes, so that each byte sent is
 * relayed once per bounce. A route longer than any real one must be refused, and a route that would
 * send a package back to the Node it came from must end there, so relayed bytes stay near what was
 * sent. (A longer loop cannot be told from a new package under its layers, and is bounded by the
 * route's length: docs/PROTOCOL.md §4.5.)
 */
@Timeout(180)
class LoopAttackTest {
  private static final int PACKAGES = 10;
  private static final int DATA = 60_000;

  @TempDir static Path root;
  private static RealNodes nodes;

  @BeforeAll
  static void start() throws Exception {
    nodes = RealNodes.standardOnly(95, root, 2);
  }

  @AfterAll
  static void stop() {
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void a_route_longer_than_any_real_one_is_not_relayed_at_all() throws Exception {
    Node a = nodes.standard(0);
    Node b = nodes.standard(1);
    try (HostilePeer peer = linkedTo(a, b)) {
      long relayedBefore = a.traffic().relayedPackages();

      byte[] tooLong =
          peer.handBuilt(bouncing(peer, a, b, 33), Component.PROXY_CLIENT, true, request(peer));
      for (int i = 0; i < PACKAGES; i++) {
        peer.sendRaw(a.descriptor().key(), tooLong);
      }
      // Behind them on the same link: once it is back, the relay has handled them.
      assertThat(peer.awaitLoop(List.of(peer.key(), a.descriptor().key(), peer.key()), 1)).isTrue();

      assertThat(a.traffic().relayedPackages() - relayedBefore)
          .as("packages relayed: the one that came back only")
          .isEqualTo(1);
    }
  }

  @Test
  void a_package_bouncing_between_two_nodes_is_relayed_once_and_ends_where_it_would_turn_back()
      throws Exception {
    Node a = nodes.standard(0);
    Node b = nodes.standard(1);
    PublicKey ka = a.descriptor().key();
    PublicKey kb = b.descriptor().key();
    try (HostilePeer peer = linkedTo(a, b)) {
      long relayedBefore = a.traffic().relayedPackages() + b.traffic().relayedPackages();
      long bytesBefore = a.traffic().relayedBytes() + b.traffic().relayedBytes();
      List<PublicKey> route = bouncing(peer, a, b, Route.MAX_HOPS);

      PublicKey last = route.get(route.size() - 1);
      long sent = 0;
      for (int i = 0; i < PACKAGES; i++) {
        sent +=
            peer.send(peer.oneWay(route, Component.PROXY_CLIENT, true), request(peer), last).length;
      }
      // Each marker follows the bouncing packages over one of the links they take: when both are
      // back, A and B have handled every bounce.
      assertThat(peer.awaitLoop(List.of(peer.key(), ka, kb, peer.key()), 1)).isTrue();
      assertThat(peer.awaitLoop(List.of(peer.key(), kb, ka, peer.key()), 1)).isTrue();

      long relayed = a.traffic().relayedPackages() + b.traffic().relayedPackages() - relayedBefore;
      long bytes = a.traffic().relayedBytes() + b.traffic().relayedBytes() - bytesBefore;
      assertThat(relayed)
          .as(
              "packages relayed: each bouncing one once by A (B would send it back), and the markers")
          .isEqualTo(PACKAGES + 4L);
      assertThat(bytes).as("bytes relayed against %d sent", sent).isLessThan(sent + 20_000);
    }
  }

  /** A hostile peer with links to both Nodes, and the Nodes' link to each other up. */
  private static HostilePeer linkedTo(Node a, Node b) throws Exception {
    HostilePeer peer = HostilePeer.on(nodes.ip(100));
    peer.knows(a.descriptor(), b.descriptor());
    PublicKey me = peer.key();
    PublicKey ka = a.descriptor().key();
    PublicKey kb = b.descriptor().key();
    assertThat(peer.awaitLoop(List.of(me, ka, me), 6)).as("a link to A").isTrue();
    assertThat(peer.awaitLoop(List.of(me, kb, ka, me), 6)).as("a link to B, and B's to A").isTrue();
    assertThat(peer.awaitLoop(List.of(me, ka, kb, me), 6)).as("A's link to B").isTrue();
    return peer;
  }

  /** {@code keys} keys: the peer, then A and B in turn. */
  private static List<PublicKey> bouncing(HostilePeer peer, Node a, Node b, int keys) {
    List<PublicKey> route = new ArrayList<>(List.of(peer.key()));
    while (route.size() < keys) {
      route.add(route.size() % 2 == 1 ? a.descriptor().key() : b.descriptor().key());
    }
    return route;
  }

  private static ClientRequest request(HostilePeer peer) {
    return new ClientRequest(
        StreamKey.of(new byte[StreamKey.LENGTH]),
        new SequencedPacket(new byte[DATA], 0, false),
        Optional.of("127.0.0.1"),
        9,
        ProxyProtocol.HTTP,
        peer.key());
  }
}
