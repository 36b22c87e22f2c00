package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.runtime.ManualRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LinkManagerTest {
  private final SecureRandom random = new SecureRandom();
  private final Map<PublicKey, NodeAddr> book = new ConcurrentHashMap<>();
  private final ManualRuntime runtime = new ManualRuntime();
  private LinkManager a;
  private LinkManager b;

  /** Records what a manager hears. */
  private static final class Recorder implements Transport.Listener {
    final BlockingQueue<byte[]> packages = new LinkedBlockingQueue<>();
    final BlockingQueue<InetSocketAddress> sources = new LinkedBlockingQueue<>();
    final BlockingQueue<PublicKey> up = new LinkedBlockingQueue<>();
    final BlockingQueue<PublicKey> down = new LinkedBlockingQueue<>();

    @Override
    public void onPackage(byte[] livePackage, InetSocketAddress from, PublicKey peer) {
      // The source first: a test that sees the package may then read its source at once.
      sources.add(from);
      packages.add(livePackage);
    }

    @Override
    public void linkUp(PublicKey peer, InetSocketAddress remote) {
      up.add(peer);
    }

    @Override
    public void linkDown(PublicKey peer, String why) {
      down.add(peer);
    }
  }

  private LinkManager start(NodeKeyPair keys, String ip, Recorder recorder) throws IOException {
    LinkManager manager = bound(keys, ip, recorder);
    manager.acceptLinks(address -> false);
    return manager;
  }

  /** Listening, in the address book, but accepting no link until {@code acceptLinks}. */
  private LinkManager bound(NodeKeyPair keys, String ip, Recorder recorder) throws IOException {
    LinkManager manager =
        LinkManager.bind(
            runtime,
            keys,
            InetAddress.getByName(ip),
            freePort(ip),
            k -> Optional.ofNullable(book.get(k)),
            TestDials.LOOPBACK,
            recorder,
            random);
    book.put(keys.publicKey(), NodeAddr.of(InetAddress.getByName(ip), manager.port()));
    return manager;
  }

  private static int freePort(String ip) throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName(ip))) {
      return s.getLocalPort();
    }
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
  void a_package_crosses_a_tls_link_and_the_receiver_sees_the_senders_own_ip() throws Exception {
    NodeKeyPair ka = NodeKeyPair.generate(random);
    NodeKeyPair kb = NodeKeyPair.generate(random);
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    a = start(ka, "127.0.0.2", ra);
    b = start(kb, "127.0.0.3", rb);

    a.send(kb.publicKey(), new byte[] {1, 2, 3});

    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
    assertThat(rb.sources.poll().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
    assertThat(rb.up.poll(5, TimeUnit.SECONDS)).isEqualTo(ka.publicKey());
    assertThat(ra.up.poll(5, TimeUnit.SECONDS)).isEqualTo(kb.publicKey());

    b.send(ka.publicKey(), new byte[] {4});
    assertThat(ra.packages.poll(10, TimeUnit.SECONDS))
        .as("the same link carries the answer")
        .containsExactly(4);
    assertThat(a.connectedPeers()).containsExactly(kb.publicKey());
  }

  @Test
  void a_first_contact_key_reaches_the_node_whose_encryption_key_it_names() throws Exception {
    NodeKeyPair ka = NodeKeyPair.generate(random);
    NodeKeyPair kb = NodeKeyPair.generate(random);
    Recorder rb = new Recorder();
    a = start(ka, "127.0.0.2", new Recorder());
    b = start(kb, "127.0.0.3", rb);

    a.sendTo(
        PublicKey.firstContact(kb.publicKey().encryptionKey()),
        book.get(kb.publicKey()),
        new byte[] {9});

    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(9);
  }

  @Test
  void a_node_that_answers_with_another_key_is_refused() throws Exception {
    NodeKeyPair ka = NodeKeyPair.generate(random);
    NodeKeyPair kb = NodeKeyPair.generate(random);
    NodeKeyPair impostor = NodeKeyPair.generate(random);
    Recorder rb = new Recorder();
    a = start(ka, "127.0.0.2", new Recorder());
    b = start(kb, "127.0.0.3", rb);

    assertThatThrownBy(
            () -> a.sendTo(impostor.publicKey(), book.get(kb.publicKey()), new byte[] {1}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("instead of");
    assertThat(rb.packages.poll(1, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void a_closed_peer_is_reported_down_and_redialled_on_the_next_send() throws Exception {
    NodeKeyPair ka = NodeKeyPair.generate(random);
    NodeKeyPair kb = NodeKeyPair.generate(random);
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    a = start(ka, "127.0.0.2", ra);
    b = start(kb, "127.0.0.3", rb);
    a.send(kb.publicKey(), new byte[] {1});
    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).isNotNull();

    b.disconnect(ka.publicKey(), "test");

    assertThat(ra.down.poll(10, TimeUnit.SECONDS)).isEqualTo(kb.publicKey());
    a.send(kb.publicKey(), new byte[] {2});
    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(2);
  }

  @Test
  void a_node_that_dials_before_links_are_accepted_gets_through_once_they_are() throws Exception {
    NodeKeyPair ka = NodeKeyPair.generate(random);
    NodeKeyPair kb = NodeKeyPair.generate(random);
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    a = start(ka, "127.0.0.2", ra);
    b = bound(kb, "127.0.0.3", rb);

    CompletableFuture<Void> sent = new CompletableFuture<>();
    // A virtual thread, as the Node's senders are: blocked in a socket read, it parks, and its
    // state shows it (a platform thread would wait in native code, RUNNABLE).
    Thread dialler =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    a.send(kb.publicKey(), new byte[] {7});
                    sent.complete(null);
                  } catch (IOException | RuntimeException e) {
                    sent.completeExceptionally(e);
                  }
                });
    awaitParkedInHandshake(dialler);
    // Meanwhile a whole link comes up between two other managers: had b been accepting, the
    // dialler's handshake would have ended too.
    try (LinkManager c = start(NodeKeyPair.generate(random), "127.0.0.4", new Recorder())) {
      c.send(ka.publicKey(), new byte[] {1});
      assertThat(ra.packages.poll(10, TimeUnit.SECONDS)).containsExactly(1);
    }
    assertThat(parkedInHandshake(dialler)).as("the dialler still waits in the handshake").isTrue();
    assertThat(sent).isNotDone();
    assertThat(rb.up).as("nothing is admitted before links are accepted").isEmpty();

    b.acceptLinks(ip -> false);

    sent.get(10, TimeUnit.SECONDS);
    assertThat(rb.packages.poll(10, TimeUnit.SECONDS)).containsExactly(7);
    assertThat(rb.up.poll(10, TimeUnit.SECONDS)).isEqualTo(ka.publicKey());
  }

  /**
   * Waits until {@code dialler} has connected and is parked waiting for the TLS handshake's answer,
   * which nothing sends while the other side accepts no link: the TCP connection waits in the
   * listening socket's backlog.
   */
  private static void awaitParkedInHandshake(Thread dialler) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!parkedInHandshake(dialler)) {
      assertThat(dialler.isAlive()).as("the dialler is still dialling").isTrue();
      assertThat(System.nanoTime()).as("the dialler waits in the handshake").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static boolean parkedInHandshake(Thread thread) {
    Thread.State state = thread.getState();
    return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
        && Arrays.stream(thread.getStackTrace())
            .anyMatch(f -> f.getMethodName().equals("startHandshake"));
  }

  @Test
  void a_link_from_a_banned_address_is_refused() throws Exception {
    NodeKeyPair ka = NodeKeyPair.generate(random);
    NodeKeyPair kb = NodeKeyPair.generate(random);
    Recorder rb = new Recorder();
    a = start(ka, "127.0.0.2", new Recorder());
    b = bound(kb, "127.0.0.3", rb);
    b.acceptLinks(ip -> ip.getHostAddress().equals("127.0.0.2"));

    assertThatThrownBy(() -> a.send(kb.publicKey(), new byte[] {1}))
        .isInstanceOf(IOException.class);
    assertThat(rb.up.poll()).isNull();
  }

  @Test
  void links_are_accepted_once_only() throws Exception {
    a = start(NodeKeyPair.generate(random), "127.0.0.2", new Recorder());

    assertThatThrownBy(() -> a.acceptLinks(ip -> false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this Node accepts links already");
  }
}
