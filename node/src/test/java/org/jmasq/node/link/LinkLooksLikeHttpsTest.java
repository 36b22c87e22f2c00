package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.runtime.ManualRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an observer of a link's TLS handshake sees, from the bytes on the wire. */
class LinkLooksLikeHttpsTest {
  private static final String IP = "127.0.0.7";
  private final SecureRandom random = new SecureRandom();
  private final ManualRuntime runtime = new ManualRuntime();
  private final NodeKeyPair dialler = NodeKeyPair.generate(random);
  private LinkManager links;

  @AfterEach
  void stop() {
    if (links != null) {
      links.close();
    }
    runtime.close();
  }

  private LinkManager manager(NodeKeyPair keys, int port) throws IOException {
    LinkManager manager =
        LinkManager.bind(
            runtime,
            keys,
            InetAddress.getByName(IP),
            port,
            k -> Optional.empty(),
            TestDials.LOOPBACK,
            new Transport.Listener() {
              @Override
              public void onPackage(byte[] livePackage, InetSocketAddress from, PublicKey peer) {}

              @Override
              public void linkUp(PublicKey peer, InetSocketAddress remote) {}

              @Override
              public void linkDown(PublicKey peer, String why) {}
            },
            random);
    manager.acceptLinks(address -> false);
    return manager;
  }

  /** The ClientHello a Node sends when it dials {@code target}, as a plain socket receives it. */
  private CapturedClientHello captureDialTo(PublicKey target) throws Exception {
    links = manager(dialler, 0);
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getByName(IP))) {
      plain.setSoTimeout(10_000);
      CompletableFuture<Void> dial = new CompletableFuture<>();
      // A virtual thread, as the Node's senders are; the dial fails once the plain socket closes.
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  links.sendTo(
                      target,
                      NodeAddr.of(InetAddress.getByName(IP), plain.getLocalPort()),
                      new byte[] {1});
                  dial.complete(null);
                } catch (IOException | RuntimeException e) {
                  dial.completeExceptionally(e);
                }
              });
      CapturedClientHello hello;
      try (Socket accepted = plain.accept()) {
        hello = CapturedClientHello.read(accepted.getInputStream());
      }
      assertThat(dial).failsWithin(10, TimeUnit.SECONDS);
      return hello;
    }
  }

  @Test
  void a_dialling_node_names_the_peers_host_name_in_sni_and_offers_h2_and_http_1_1()
      throws Exception {
    PublicKey target = NodeKeyPair.generate(random).publicKey();

    CapturedClientHello hello = captureDialTo(target);

    assertThat(hello.serverNames()).containsExactly(LinkHostName.of(target));
    assertThat(hello.applicationProtocols()).containsExactly("h2", "http/1.1");
  }

  @Test
  void a_dial_by_a_first_contact_key_sends_the_same_sni() throws Exception {
    PublicKey target = NodeKeyPair.generate(random).publicKey();

    CapturedClientHello hello = captureDialTo(PublicKey.firstContact(target.encryptionKey()));

    assertThat(hello.serverNames()).containsExactly(LinkHostName.of(target));
  }

  @Test
  void a_dialling_node_offers_tls_1_3_with_chromes_suites_groups_and_signatures_in_its_order()
      throws Exception {
    CapturedClientHello hello = captureDialTo(NodeKeyPair.generate(random).publicKey());

    assertThat(hello.supportedVersions()).containsExactly(0x0304);
    assertThat(hello.cipherSuites())
        .as("AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305")
        .containsExactly(0x1301, 0x1302, 0x1303);
    assertThat(hello.supportedGroups())
        .as("x25519, secp256r1, secp384r1")
        .containsExactly(0x001d, 0x0017, 0x0018);
    assertThat(hello.signatureAlgorithmsForCertificates())
        .containsExactly(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601);
    assertThat(hello.signatureAlgorithms())
        .as("TLS 1.3 signs handshakes with PKCS#1 v1.5 never, so a TLS 1.3-only JDK leaves it out")
        .containsExactly(0x0403, 0x0804, 0x0503, 0x0805, 0x0806);
  }

  @Test
  void the_server_picks_h2_and_presents_a_certificate_for_the_name_the_dialler_sent()
      throws Exception {
    NodeKeyPair server = NodeKeyPair.generate(random);
    links = manager(server, freePort());
    LinkIdentity identity = new LinkIdentity(dialler, random, runtime.clock());

    try (SSLSocket socket = (SSLSocket) identity.context().getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress(IP, links.port()), 5_000);
      socket.setSoTimeout(10_000);
      LinkTls.client(socket, LinkHostName.of(server.publicKey()));
      socket.startHandshake();

      assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(socket.getSession().getCipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
      X509Certificate certificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      assertThat(certificate.getSubjectAlternativeNames())
          .containsExactly(List.of(2, LinkHostName.of(server.publicKey())));
      assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(IP))) {
      return s.getLocalPort();
    }
  }
}
