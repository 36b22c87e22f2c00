package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.runtime.ManualRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Links on port 443, where web servers listen, for a Node with the privilege to bind it. */
class PrivilegedPortTest {
  private final SecureRandom random = new SecureRandom();
  private final ManualRuntime runtime = new ManualRuntime();
  private final Map<PublicKey, NodeAddr> book = new ConcurrentHashMap<>();
  private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
  private LinkManager a;
  private LinkManager b;

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

  private LinkManager on443(NodeKeyPair keys, String ip) throws IOException {
    LinkManager manager =
        LinkManager.bind(
            runtime,
            keys,
            InetAddress.getByName(ip),
            443,
            k -> Optional.ofNullable(book.get(k)),
            TestDials.LOOPBACK,
            new Transport.Listener() {
              @Override
              public void onPackage(byte[] livePackage, InetSocketAddress from, PublicKey peer) {
                received.add(livePackage);
              }

              @Override
              public void linkUp(PublicKey peer, InetSocketAddress remote) {}

              @Override
              public void linkDown(PublicKey peer, String why) {}
            },
            random);
    manager.acceptLinks(address -> false);
    book.put(keys.publicKey(), NodeAddr.of(InetAddress.getByName(ip), manager.port()));
    return manager;
  }

  @Test
  void two_nodes_run_as_root_listen_on_443_and_link_over_it() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "binding 443 needs root here");
    NodeKeyPair ka = NodeKeyPair.generate(random);
    NodeKeyPair kb = NodeKeyPair.generate(random);
    a = on443(ka, "127.0.44.2");
    b = on443(kb, "127.0.44.3");

    a.send(kb.publicKey(), new byte[] {4, 4, 3});

    assertThat(b.port()).isEqualTo(443);
    assertThat(received.poll(10, TimeUnit.SECONDS)).containsExactly(4, 4, 3);
  }
}
