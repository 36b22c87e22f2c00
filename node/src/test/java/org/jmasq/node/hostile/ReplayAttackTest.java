package org.jmasq.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.jmasq.cores.PackageLayout;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.Node;
import org.jmasq.payload.ClientResponse;
import org.jmasq.payload.ExitFailure;
import org.jmasq.payload.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row 4, replay: a relay keeps the bytes of a request it carried and sends them twice more, and
 * once more behind a copy whose tag it set 2^63 - 1 ahead. The origin server must see the request
 * once, and the relay and the exit must serve (and so bill) it once.
 */
@Timeout(180)
class ReplayAttackTest {
  @TempDir static Path root;
  private static RealNodes nodes;
  private static CountingOrigin origin;

  @BeforeAll
  static void start() throws Exception {
    origin = new CountingOrigin();
    nodes = RealNodes.standardOnly(94, root, 2);
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
  void a_request_sent_twice_more_reaches_the_origin_once_and_is_relayed_and_served_once()
      throws Exception {
    Node relay = nodes.standard(0);
    Node exit = nodes.standard(1);
    try (HostilePeer peer = HostilePeer.on(nodes.ip(100))) {
      peer.knows(relay.descriptor(), exit.descriptor());
      PublicKey me = peer.key();
      PublicKey a = relay.descriptor().key();
      PublicKey x = exit.descriptor().key();
      assertThat(peer.awaitLoop(List.of(me, a, me), 6)).as("a link to the relay").isTrue();
      assertThat(peer.awaitLoop(List.of(me, x, a, me), 6))
          .as("the exit reaches the relay")
          .isTrue();
      List<PublicKey> over = List.of(me, a, x);
      List<PublicKey> back = List.of(x, a, me);

      byte[] held = peer.request(over, back, "127.0.0.1", origin.port(), get("/replayed"));
      awaitResponse(peer, ClientResponse.class, true);
      int servedBefore = origin.requests();
      long relayedBefore = relay.traffic().relayedPackages();
      long streamsBefore = exit.traffic().exitStreams();

      peer.sendRaw(a, held);
      peer.sendRaw(a, held);
      // Against tags compared by a difference that wraps: one package 2^63 - 1 ahead, and the held
      // one would be ahead of it, and new again.
      byte[] farAhead = held.clone();
      PackageLayout.writeTag(farAhead, PackageLayout.tag(held) + Long.MAX_VALUE);
      peer.sendRaw(a, farAhead);
      peer.sendRaw(a, held);
      // A request behind the replays on the same links, to a closed port: its failure coming
      // back shows that the relay and the exit have handled both replays.
      peer.request(over, back, "127.0.0.1", closedPort(), get("/behind"));
      awaitResponse(peer, ExitFailure.class, false);

      assertThat(servedBefore).as("the first request reached the origin").isEqualTo(1);
      assertThat(origin.requests()).as("requests the origin saw").isEqualTo(1);
      assertThat(exit.traffic().exitStreams() - streamsBefore)
          .as("streams the exit opened: the second request's only")
          .isEqualTo(1);
      assertThat(relay.traffic().relayedPackages() - relayedBefore)
          .as("packages the relay carried, and billed: the second request and its failure")
          .isEqualTo(2);
    }
  }

  /** Reads what comes back until a {@code type} (with last data, for a response) arrives. */
  private static void awaitResponse(
      HostilePeer peer, Class<? extends MessageType> type, boolean last) throws Exception {
    while (true) {
      HostilePeer.Arrival arrival =
          peer.nextArrival(30).orElseThrow(() -> new AssertionError("no " + type.getSimpleName()));
      MessageType message = peer.open(arrival).orElse(null);
      if (type.isInstance(message)
          && (!(message instanceof ClientResponse r) || r.packet().lastData() == last)) {
        return;
      }
    }
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
