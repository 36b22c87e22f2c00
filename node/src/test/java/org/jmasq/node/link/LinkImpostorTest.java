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
import java.util.Arrays;
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
  private LinkManager other;

  @BeforeEach
  void start() throws IOException {
    server = manager(honest, "127.0.0.5", linked);
  }

  private LinkManager manager(NodeKeyPair keys, String ip, BlockingQueue<PublicKey> up)
      throws IOException {
    LinkManager manager =
        LinkManager.bind(
            runtime,
            keys,
            InetAddress.getByName(ip),
            freePort(ip),
            k -> Optional.empty(),
            TestDials.LOOPBACK,
            new Transport.Listener() {
              @Override
              public void onPackage(byte[] livePackage, InetSocketAddress from, PublicKey peer) {}

              @Override
              public void linkUp(PublicKey peer, InetSocketAddress remote) {
                up.add(peer);
              }

              @Override
              public void linkDown(PublicKey peer, String why) {}
            },
            random);
    manager.acceptLinks(address -> false);
    return manager;
  }

  @AfterEach
  void stop() {
    server.close();
    if (other != null) {
      other.close();
    }
    runtime.close();
  }

  private static int freePort(String ip) throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName(ip))) {
      return s.getLocalPort();
    }
  }

  /**
   * A TLS connection to {@code target}, dialled as a Node dials, with a certificate of {@code
   * certificateKeys}' own.
   */
  private SSLSocket tlsAs(NodeKeyPair certificateKeys, NodeKeyPair target, InetSocketAddress at)
      throws Exception {
    LinkIdentity identity = new LinkIdentity(certificateKeys, random, runtime.clock());
    SSLSocket socket = (SSLSocket) identity.context().getSocketFactory().createSocket();
    socket.connect(at, 5_000);
    socket.setSoTimeout(10_000);
    LinkTls.client(socket, LinkHostName.of(target.publicKey()));
    socket.startHandshake();
    return socket;
  }

  private SSLSocket tlsAs(NodeKeyPair certificateKeys) throws Exception {
    return tlsAs(certificateKeys, honest, new InetSocketAddress("127.0.0.5", server.port()));
  }

  @Test
  void the_link_certificate_is_dated_by_the_node_clock() throws Exception {
    try (SSLSocket socket = tlsAs(NodeKeyPair.generate(random))) {
      X509Certificate certificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];

      Instant notBefore = T0.minus(Duration.ofHours(1));
      assertThat(certificate.getNotBefore()).isEqualTo(Date.from(notBefore));
      assertThat(certificate.getNotAfter())
          .isEqualTo(Date.from(notBefore.plus(Duration.ofDays(90)).minusSeconds(1)));
    }
  }

  @Test
  void a_hello_whose_key_did_not_sign_the_certificate_key_is_refused() throws Exception {
    NodeKeyPair victim = NodeKeyPair.generate(random);
    NodeKeyPair impostor = NodeKeyPair.generate(random);
    try (SSLSocket socket = tlsAs(impostor)) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      // Claims the victim's whole key; only its own key can sign its certificate's key.
      sendHello(out, victim.publicKey(), impostor.sign(ownCertificateMessage(socket)));
      in.readNBytes(LinkHandshake.HELLO_LENGTH);
      assertThat(in.read()).as("the server closes without a proof").isEqualTo(-1);
    }
    assertThat(linked.poll(1, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void a_hello_copied_from_another_node_is_refused_over_a_certificate_of_the_copiers()
      throws Exception {
    NodeKeyPair victim = NodeKeyPair.generate(random);
    other = manager(victim, "127.0.0.6", new LinkedBlockingQueue<>());
    NodeKeyPair impostor = NodeKeyPair.generate(random);
    byte[] victimHello;
    byte[] victimCertificateKey;
    try (SSLSocket toVictim =
        tlsAs(impostor, victim, new InetSocketAddress("127.0.0.6", other.port()))) {
      victimHello =
          new DataInputStream(toVictim.getInputStream()).readNBytes(LinkHandshake.HELLO_LENGTH);
      victimCertificateKey = LinkIdentity.certificateKeys(toVictim.getSession()).peer();
    }
    assertThat(
            NodeKeyPair.verify(
                victim.publicKey(),
                LinkHandshake.keySignatureMessage(victimCertificateKey),
                Arrays.copyOfRange(
                    victimHello, LinkHandshake.HELLO_LENGTH - 64, LinkHandshake.HELLO_LENGTH)))
        .as("the copied Hello is the victim's own, genuinely signed")
        .isTrue();

    try (SSLSocket socket = tlsAs(impostor)) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      out.write(victimHello);
      out.flush();
      in.readNBytes(LinkHandshake.HELLO_LENGTH);
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
      // The signing half is the impostor's own, and it vouches for the certificate; the
      // encryption half is the victim's.
      sendHello(
          out,
          PublicKey.of(victim.publicKey().encryptionKey(), impostor.publicKey().signingKey()),
          impostor.sign(ownCertificateMessage(socket)));
      in.readNBytes(LinkHandshake.HELLO_LENGTH);
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
          LinkIdentity.certificateKeys(socket.getSession()),
          Optional.of(honest.publicKey()),
          random);
      assertThat(linked.poll(5, TimeUnit.SECONDS)).isEqualTo(peer.publicKey());
    }
  }

  private static byte[] ownCertificateMessage(SSLSocket socket) throws IOException {
    return LinkHandshake.keySignatureMessage(
        LinkIdentity.certificateKeys(socket.getSession()).own());
  }

  private void sendHello(DataOutputStream out, PublicKey claimed, byte[] keySignature)
      throws IOException {
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    out.writeByte(LinkHandshake.VERSION);
    out.write(claimed.bytes());
    out.writeShort(0);
    out.write(nonce);
    out.write(keySignature);
    out.flush();
  }
}
