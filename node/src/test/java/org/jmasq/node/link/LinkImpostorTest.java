package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.runtime.ManualRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Peers that try to link under a key they cannot prove are refused before any package flows. */
class LinkImpostorTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private final SecureRandom random = new SecureRandom();
  private final NodeKeyPair honest = NodeKeyPair.generate(random);
  private final BlockingQueue<PublicKey> linked = new LinkedBlockingQueue<>();
  private final ManualRuntime runtime = new ManualRuntime(T0);
  private LinkManager server;

  @BeforeEach
  void start() throws IOException {
    server =
        LinkManager.bind(
            runtime,
            honest,
            InetAddress.getByName("127.0.0.5"),
            freePort(),
            k -> Optional.empty(),
            new Transport.Listener() {
              @Override
              public void onPackage(byte[] livePackage, InetSocketAddress from, PublicKey peer) {}

              @Override
              public void linkUp(PublicKey peer, InetSocketAddress remote) {
                linked.add(peer);
              }

              @Override
              public void linkDown(PublicKey peer, String why) {}
            },
            random);
    server.acceptLinks(ip -> false);
  }

  @AfterEach
  void stop() {
    server.close();
    runtime.close();
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.5"))) {
      return s.getLocalPort();
    }
  }

  /** A TLS connection whose certificate is signed by {@code certificateKeys}. */
  private SSLSocket tlsAs(NodeKeyPair certificateKeys) throws Exception {
    LinkIdentity identity = new LinkIdentity(certificateKeys, random, runtime.clock());
    SSLSocket socket = (SSLSocket) identity.context().getSocketFactory().createSocket();
    socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.5"), server.port()), 5_000);
    socket.setSoTimeout(10_000);
    socket.setUseClientMode(true);
    socket.startHandshake();
    return socket;
  }

  @Test
  void the_link_certificate_is_dated_by_the_node_clock() throws Exception {
    try (SSLSocket socket = tlsAs(NodeKeyPair.generate(random))) {
      X509Certificate certificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];

      assertThat(certificate.getNotBefore()).isEqualTo(Date.from(T0.minus(Duration.ofDays(1))));
      assertThat(certificate.getNotAfter()).isEqualTo(Date.from(T0.plus(Duration.ofDays(365))));
    }
  }

  @Test
  void a_hello_whose_key_the_tls_certificate_does_not_prove_is_refused() throws Exception {
    NodeKeyPair impostor = NodeKeyPair.generate(random);
    try (SSLSocket socket = tlsAs(impostor)) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      // Claims the honest Node's whole key over a certificate of its own.
      sendHello(out, honest.publicKey());
      in.readNBytes(1 + 64 + 2 + 32);
      assertThat(in.read()).as("the server closes without a proof").isEqualTo(-1);
    }
    assertThat(linked.poll(1, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void a_hello_that_borrows_another_nodes_encryption_key_cannot_prove_it() throws Exception {
    NodeKeyPair victim = NodeKeyPair.generate(random);
    NodeKeyPair impostor = NodeKeyPair.generate(random);
    try (SSLSocket socket = tlsAs(impostor)) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      // The signing half is the impostor's own (TLS proves it); the encryption half is the
      // victim's.
      sendHello(
          out, PublicKey.of(victim.publicKey().encryptionKey(), impostor.publicKey().signingKey()));
      in.readNBytes(1 + 64 + 2 + 32);
      in.readNBytes(32); // the server's proof
      byte[] guess = new byte[32];
      random.nextBytes(guess);
      out.write(guess);
      out.flush();
      assertThat(in.read()).as("the server closes after a wrong proof").isEqualTo(-1);
    }
    assertThat(linked.poll(1, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void a_peer_that_proves_its_key_is_linked() throws Exception {
    NodeKeyPair peer = NodeKeyPair.generate(random);
    try (SSLSocket socket = tlsAs(peer)) {
      LinkHandshake.run(
          new DataInputStream(socket.getInputStream()),
          new DataOutputStream(socket.getOutputStream()),
          peer,
          0,
          true,
          LinkIdentity.peerSigningKey(socket.getSession()),
          Optional.of(honest.publicKey()),
          random);
      assertThat(linked.poll(5, TimeUnit.SECONDS)).isEqualTo(peer.publicKey());
    }
  }

  private void sendHello(DataOutputStream out, PublicKey claimed) throws IOException {
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    out.writeByte(LinkHandshake.VERSION);
    out.write(claimed.bytes());
    out.writeShort(0);
    out.write(nonce);
    out.flush();
  }
}
