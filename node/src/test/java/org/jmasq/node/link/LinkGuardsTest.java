package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.proxyclient.ExitPolicy;
import org.jmasq.node.runtime.WatchedRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a stranger can hold of a Node's links, and where other Nodes can make it dial: raw sockets
 * against one {@link LinkManager} on a clock the test moves.
 */
@Timeout(60)
class LinkGuardsTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final SecureRandom random = new SecureRandom();
  private final WatchedRuntime runtime = new WatchedRuntime();
  private final Map<PublicKey, NodeAddr> book = new ConcurrentHashMap<>();
  private final BlockingQueue<byte[]> arrived = new LinkedBlockingQueue<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final NodeKeyPair serverKeys = NodeKeyPair.generate(random);
  private LinkManager server;

  @BeforeEach
  void start() throws IOException {
    server = manager(serverKeys, "127.0.0.5", freePort("127.0.0.5"), TestDials.LOOPBACK);
    server.acceptLinks(ip -> false);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    runtime.close();
  }

  private LinkManager manager(NodeKeyPair keys, String ip, int port, DialPolicy policy)
      throws IOException {
    LinkManager manager =
        LinkManager.bind(
            runtime,
            keys,
            InetAddress.getByName(ip),
            port,
            k -> Optional.ofNullable(book.get(k)),
            policy,
            new Transport.Listener() {
              @Override
              public void onPackage(byte[] livePackage, InetSocketAddress from, PublicKey peer) {
                arrived.add(livePackage);
              }

              @Override
              public void linkUp(PublicKey peer, InetSocketAddress remote) {}

              @Override
              public void linkDown(PublicKey peer, String why) {}
            },
            random);
    toClose.add(manager);
    if (port > 0) {
      book.put(keys.publicKey(), NodeAddr.of(InetAddress.getByName(ip), manager.port()));
    }
    return manager;
  }

  private static int freePort(String ip) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ip))) {
      return s.getLocalPort();
    }
  }

  /**
   * A TCP connection from {@code fromIp} to the server that sends the first byte of a TLS record.
   */
  private Socket dripping(String fromIp) throws IOException {
    Socket socket = new Socket();
    toClose.add(socket);
    socket.bind(new InetSocketAddress(InetAddress.getByName(fromIp), 0));
    socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.5"), server.port()));
    socket.getOutputStream().write(0x16);
    socket.getOutputStream().flush();
    return socket;
  }

  /**
   * Whether the server closes {@code socket} within 3 s (reads to its end): well inside the
   * server's 10 s per-read timeout, so only the deadline under test can have closed it.
   */
  private static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(3000);
    try {
      socket.getInputStream().readAllBytes();
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    }
  }

  @Test
  void a_handshake_that_drips_its_bytes_is_closed_at_its_deadline() throws Exception {
    Socket socket = dripping("127.0.0.9");
    assertThat(runtime.nextScheduled(PATIENCE)).isEqualTo(HandshakeDeadline.LIMIT);

    runtime.advance(Duration.ofSeconds(9));
    socket.getOutputStream().write(0x03);
    runtime.advance(Duration.ofSeconds(1));

    assertThat(closedByServer(socket)).isTrue();
  }

  @Test
  void a_handshake_to_a_silent_node_fails_at_its_deadline() throws Exception {
    ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.6"));
    toClose.add(silent);
    NodeKeyPair silentKeys = NodeKeyPair.generate(random);
    book.put(silentKeys.publicKey(), NodeAddr.of(silent.getInetAddress(), silent.getLocalPort()));
    CompletableFuture<Void> sent = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                server.send(silentKeys.publicKey(), new byte[] {1});
                sent.complete(null);
              } catch (IOException | RuntimeException e) {
                sent.completeExceptionally(e);
              }
            });

    assertThat(runtime.nextScheduled(PATIENCE)).isEqualTo(HandshakeDeadline.LIMIT);
    runtime.advance(HandshakeDeadline.LIMIT);

    assertThatThrownBy(() -> sent.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("the handshake did not finish within 10 s");
  }

  @Test
  void one_ip_holds_at_most_four_handshakes_and_other_nodes_still_link() throws Exception {
    for (int i = 0; i < 4; i++) {
      dripping("127.0.0.9");
      runtime.nextScheduled(PATIENCE);
    }

    assertThat(closedByServer(dripping("127.0.0.9"))).as("the fifth, at once").isTrue();
    LinkManager honest = manager(NodeKeyPair.generate(random), "127.0.0.10", 0, TestDials.LOOPBACK);
    honest.send(serverKeys.publicKey(), new byte[] {4, 2});
    assertThat(arrived.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).containsExactly(4, 2);
  }

  @Test
  void a_node_never_dials_an_address_its_policy_refuses() throws Exception {
    ServerSocket service = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    toClose.add(service);
    LinkManager publicNode =
        manager(
            NodeKeyPair.generate(random),
            "127.0.0.7",
            0,
            DialPolicy.openInternet(ExitPolicy::classify, List.of()));
    NodeKeyPair named = NodeKeyPair.generate(random);
    book.put(named.publicKey(), NodeAddr.of(service.getInetAddress(), service.getLocalPort()));

    assertThatThrownBy(() -> publicNode.send(named.publicKey(), new byte[] {1}))
        .isInstanceOf(LinkRefusedException.class)
        .hasMessageStartingWith("will not dial a loopback address");

    // Had the Node dialled, its connection would wait in the backlog ahead of this one.
    try (Socket marker = new Socket(service.getInetAddress(), service.getLocalPort());
        Socket first = service.accept()) {
      assertThat(first.getPort()).isEqualTo(marker.getLocalPort());
    }
  }
}
