package org.jmasq.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack tests' tools work as they say: real Nodes serve the user, and a hostile peer's link,
 * routes and payloads are genuine enough for real Nodes to act on them.
 */
@Timeout(120)
class HostileToolTest {
  @TempDir static Path root;
  private static RealNodes nodes;
  private static CountingOrigin origin;

  @BeforeAll
  static void start() throws Exception {
    origin = new CountingOrigin();
    nodes = RealNodes.start(41, root, 6);
  }

  @AfterAll
  static void stop() {
    if (nodes != null) {
      nodes.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  @Test
  void the_users_node_is_served_through_the_real_nodes() throws Exception {
    String answer =
        RealNodes.fetchUntilServed(nodes.user(), origin.url("page"), Duration.ofSeconds(30));

    assertThat(answer).startsWith("HTTP/1.1 200").contains(CountingOrigin.PAGE);
  }

  @Test
  void a_hostile_peers_request_over_real_relays_reaches_the_origin() throws Exception {
    List<Node> chain = nodes.chain(3, Duration.ofSeconds(30));
    Node a = chain.get(0);
    Node b = chain.get(1);
    Node exit = chain.get(2);
    try (HostilePeer peer = HostilePeer.on(nodes.ip(100))) {
      peer.knows(a.descriptor(), b.descriptor(), exit.descriptor());
      PublicKey me = peer.key();
      PublicKey ka = a.descriptor().key();
      PublicKey kb = b.descriptor().key();
      PublicKey kx = exit.descriptor().key();
      int before = origin.requests();

      peer.request(
          List.of(me, ka, kb, kx),
          List.of(kx, kb, ka, me),
          "127.0.0.1",
          origin.port(),
          "GET /hostile HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

      // The exit's "connected" comes back first; the page follows once the origin has answered.
      assertThat(peer.nextArrival(20))
          .as("the exit's answer comes back over the relays")
          .isPresent();
      assertThat(peer.nextArrival(20)).as("the page comes back over the relays").isPresent();
      assertThat(origin.requests()).isEqualTo(before + 1);
    }
  }
}
