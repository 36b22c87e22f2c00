package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.runtime.ManualRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keepalives keep an idle link to a live peer open, and a silent peer's link closes. */
class LinkLivenessTest {
  private static final LinkLiveness QUICK =
      new LinkLiveness(Duration.ofMillis(100), Duration.ofMillis(600));

  /** A peer that never sends a keepalive, and so never trips its own deadline either. */
  private static final LinkLiveness MUTE =
      new LinkLiveness(Duration.ofHours(1), Duration.ofHours(2));

  private final SecureRandom random = new SecureRandom();
  private final Map<PublicKey, NodeAddr> book = new ConcurrentHashMap<>();
  private final ManualRuntime runtime = new ManualRuntime();
  private LinkManager a;
  private LinkManager b;

  private record Down(PublicKey peer, String why) {}

  private static final class Recorder implements Transport.Listener {
    final BlockingQueue<byte[]> packages = new LinkedBlockingQueue<>();
    final BlockingQueue<Down> down = new LinkedBlockingQueue<>();

    @Override
    public void onPackage(byte[] livePackage, InetSocketAddress from, PublicKey peer) {
      packages.add(livePackage);
    }

    @Override
    public void linkUp(PublicKey peer, InetSocketAddress remote) {}

    @Override
    public void linkDown(PublicKey peer, String why) {
      down.add(new Down(peer, why));
    }
  }

  private LinkManager start(NodeKeyPair keys, String ip, Recorder recorder, LinkLiveness liveness)
      throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ip))) {
      port = s.getLocalPort();
    }
    LinkManager manager =
        LinkManager.bind(
            runtime,
            keys,
            InetAddress.getByName(ip),
            port,
            k -> Optional.ofNullable(book.get(k)),
            TestDials.LOOPBACK,
            recorder,
            random);
    manager.liveness(liveness);
    manager.acceptLinks(address -> false);
    book.put(keys.publicKey(), NodeAddr.of(InetAddress.getByName(ip), manager.port()));
    return manager;
  }

  private final NodeKeyPair ka = NodeKeyPair.generate(random);
  private final NodeKeyPair kb = NodeKeyPair.generate(random);
  private final Recorder ra = new Recorder();
  private final Recorder rb = new Recorder();

  /** Starts {@code a} and {@code b} with these livenesses, unlinked. */
  private void startBoth(LinkLiveness ofA, LinkLiveness ofB) throws IOException {
    a = start(ka, "127.0.0.2", ra, ofA);
    b = start(kb, "127.0.0.3", rb, ofB);
  }

  /** Starts {@code a} and {@code b}, and links them by a package from {@code a} to {@code b}. */
  private void linked(LinkLiveness ofA, LinkLiveness ofB) throws Exception {
    startBoth(ofA, ofB);
    a.send(kb.publicKey(), new byte[] {1});
    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(1);
  }

  @AfterEach
  void stop() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    runtime.close();
  }

  @Test
  void a_peer_that_goes_silent_after_the_handshake_loses_its_link_within_the_deadline()
      throws Exception {
    linked(QUICK, MUTE);
    long linked = System.nanoTime();

    Down down = ra.down.poll(10, TimeUnit.SECONDS);

    assertThat(down).as("a's link to the silent b closes").isNotNull();
    assertThat(down.peer()).isEqualTo(kb.publicKey());
    assertThat(down.why())
        .isEqualTo("no frame from the peer in 600 ms: the peer or the path is gone");
    assertThat(Duration.ofNanos(System.nanoTime() - linked))
        .as("closed soon after the deadline")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(rb.down.poll(10, TimeUnit.SECONDS)).as("b sees the link go down too").isNotNull();
  }

  @Test
  void an_idle_link_between_live_peers_stays_open_on_keepalives() throws Exception {
    linked(QUICK, QUICK);

    // Four deadlines of idleness.
    assertThat(ra.down.poll(4 * QUICK.deadline().toMillis(), TimeUnit.MILLISECONDS)).isNull();

    assertThat(rb.down).isEmpty();
    assertThat(a.keepalivesIn()).as("keepalives came from b").isGreaterThanOrEqualTo(10);
    assertThat(b.keepalivesIn()).as("keepalives came from a").isGreaterThanOrEqualTo(10);
    assertThat(rb.packages).as("no keepalive reaches the Hopper").isEmpty();
    b.send(ka.publicKey(), new byte[] {2});
    assertThat(ra.packages.poll(10, TimeUnit.SECONDS))
        .as("the same link still carries packages")
        .containsExactly(2);
    assertThat(a.connectedPeers()).containsExactly(kb.publicKey());
  }

  @Test
  void keepalives_do_not_count_as_bytes_sent() throws Exception {
    startBoth(QUICK, QUICK);
    a.send(kb.publicKey(), new byte[] {1, 2, 3});
    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);

    assertThat(rb.down.poll(2 * QUICK.deadline().toMillis(), TimeUnit.MILLISECONDS)).isNull();

    assertThat(b.keepalivesIn()).isPositive();
    assertThat(a.bytesOut()).isEqualTo(4 + 3);
  }

  @Test
  void a_silent_peer_is_not_redialled_for_a_while_but_may_dial_in_itself() throws Exception {
    linked(QUICK, MUTE);
    assertThat(ra.down.poll(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(rb.down.poll(10, TimeUnit.SECONDS)).isNotNull();

    assertThatThrownBy(() -> a.send(kb.publicKey(), new byte[] {2}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("went silent");

    b.send(ka.publicKey(), new byte[] {3});
    assertThat(ra.packages.poll(10, TimeUnit.SECONDS)).containsExactly(3);
    a.send(kb.publicKey(), new byte[] {4});
    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(4);
  }

  @Test
  void a_silent_peer_is_dialled_again_at_once_after_this_nodes_own_address_changed()
      throws Exception {
    linked(QUICK, MUTE);
    assertThat(ra.down.poll(10, TimeUnit.SECONDS)).isNotNull();

    a.ownAddressChanged();

    a.send(kb.publicKey(), new byte[] {2});
    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(2);
  }

  @Test
  void every_open_link_closes_when_this_nodes_public_address_changes_and_is_dialled_again()
      throws Exception {
    linked(MUTE, MUTE);

    a.ownAddressChanged();

    assertThat(ra.down.poll(10, TimeUnit.SECONDS).why()).contains("public address changed");
    assertThat(rb.down.poll(10, TimeUnit.SECONDS)).as("b sees it go").isNotNull();
    a.send(kb.publicKey(), new byte[] {2});
    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(2);
  }

  @Test
  void a_link_closed_by_a_side_gives_no_hint_and_a_silent_one_does() throws Exception {
    startBoth(QUICK, QUICK);
    AtomicInteger hintsA = new AtomicInteger();
    AtomicInteger hintsB = new AtomicInteger();
    a.onBrokenLink(hintsA::incrementAndGet);
    b.onBrokenLink(hintsB::incrementAndGet);
    a.send(kb.publicKey(), new byte[] {1});
    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(1);

    b.disconnect(ka.publicKey(), "dropped as a neighbor");

    assertThat(ra.down.poll(10, TimeUnit.SECONDS).why()).isEqualTo("closed by the peer");
    assertThat(rb.down.poll(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(hintsA).hasValue(0);
    assertThat(hintsB).hasValue(0);

    b.liveness(MUTE);
    a.send(kb.publicKey(), new byte[] {2});
    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(2);
    assertThat(ra.down.poll(10, TimeUnit.SECONDS).why()).contains("no frame from the peer");
    assertThat(hintsA).hasValue(1);
  }

  @Test
  void a_link_reset_on_the_path_gives_the_hint_at_both_ends() throws Exception {
    startBoth(MUTE, MUTE);
    AtomicInteger hintsA = new AtomicInteger();
    AtomicInteger hintsB = new AtomicInteger();
    a.onBrokenLink(hintsA::incrementAndGet);
    b.onBrokenLink(hintsB::incrementAndGet);
    try (ResettingRelay relay = new ResettingRelay(book.get(kb.publicKey()))) {
      book.put(kb.publicKey(), relay.address());
      a.send(kb.publicKey(), new byte[] {1});
      assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(1);

      // As a NAT router whose public IP changed does: the next segment meets a reset.
      relay.reset();

      assertThat(ra.down.poll(10, TimeUnit.SECONDS)).isNotNull();
      assertThat(rb.down.poll(10, TimeUnit.SECONDS)).isNotNull();
      assertThat(hintsA).hasValue(1);
      assertThat(hintsB).hasValue(1);
    }
  }

  /** Carries one TCP connection to {@code target}, until {@link #reset} resets both of its ends. */
  private static final class ResettingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final NodeAddr target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ResettingRelay(NodeAddr target) throws IOException {
      this.target = target;
      this.server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.4"));
      Thread.ofVirtual().start(this::relay);
    }

    NodeAddr address() {
      return NodeAddr.of(server.getInetAddress(), server.getLocalPort());
    }

    private void relay() {
      try {
        Socket in = server.accept();
        Socket out = new Socket(target.ip(), target.ports().get(0));
        sockets.add(in);
        sockets.add(out);
        Thread.ofVirtual().start(() -> pump(in, out));
        Thread.ofVirtual().start(() -> pump(out, in));
      } catch (IOException e) {
        // closed
      }
    }

    private static void pump(Socket from, Socket to) {
      try {
        from.getInputStream().transferTo(to.getOutputStream());
      } catch (IOException e) {
        // reset or closed
      }
    }

    void reset() throws IOException {
      for (Socket socket : sockets) {
        if (!socket.isClosed()) {
          socket.setSoLinger(true, 0);
          socket.close();
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      reset();
    }
  }
}
