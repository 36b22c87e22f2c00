package org.jmasq.node.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.Fixtures;
import org.jmasq.neighborhood.LocalNode;
import org.jmasq.neighborhood.Neighborhood;
import org.jmasq.neighborhood.ScriptedPeer;
import org.jmasq.neighborhood.SignatureVerifier;
import org.jmasq.node.link.Transport;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A ban in the running service: the links refuse the banned IP as soon as the input that banned it
 * is done, even while the effects mailbox is still busy sending Gossip.
 */
@Timeout(30)
class NeighborhoodBanTest {
  private static final Duration IDLE = Duration.ofSeconds(10);
  private static final SecureRandom RANDOM = Fixtures.seeded(7);

  /** Links that only record which were closed, and why. */
  private static final class RecordingLinks implements Transport {
    final List<PublicKey> disconnected = new CopyOnWriteArrayList<>();

    @Override
    public void send(PublicKey next, byte[] livePackage) {
      throw new AssertionError("the Neighborhood sends through the Transmitter, not the links");
    }

    @Override
    public void disconnect(PublicKey peer, String why) {
      disconnected.add(peer);
    }

    @Override
    public void acceptLinks(Predicate<InetAddress> banned) {}

    @Override
    public int port() {
      return 0;
    }

    @Override
    public void close() {}
  }

  private final HoldableRuntime runtime = new HoldableRuntime();
  private final ScriptedPeer a = new ScriptedPeer(2);
  private final PublicKey self = Fixtures.keyPair(1).publicKey();
  private final RecordingLinks links = new RecordingLinks();
  private final NeighborhoodService service =
      new NeighborhoodService(
          new Neighborhood(
              new LocalNode(Fixtures.keyPair(1), Fixtures.CHAIN, Optional.of(Fixtures.addr(1))),
              Fixtures.standard(1),
              runtime.clock(),
              new Random(1),
              SignatureVerifier.ed25519(Fixtures.CHAIN)),
          runtime,
          new RecordingTransmitter(a),
          links,
          new NeighborhoodService.Observer() {
            @Override
            public void stageChanged(ConnectionStage stage) {}

            @Override
            public void pastNeighborsChanged(List<NodeDescriptor> neighbors) {}

            @Override
            public void recordVersionChanged(long version) {}

            @Override
            public void shutdownRequested(String reason) {}
          },
          RANDOM,
          1);

  @AfterEach
  void stop() {
    service.close();
    runtime.close();
  }

  private void deliver(ScriptedPeer peer, Gossip gossip) {
    service.deliver(ExpiredGossip.from(peer, self, gossip, RANDOM));
  }

  @Test
  void a_banned_ip_is_refused_before_the_effects_queued_ahead_of_the_ban_are_done()
      throws InterruptedException {
    deliver(a, a.debut());
    assertThat(runtime.manual.awaitIdle(IDLE)).isTrue();
    a.listing(self);
    deliver(a, a.standard());
    assertThat(runtime.manual.awaitIdle(IDLE)).isTrue();

    // The effects mailbox is stuck, as behind a Gossip send that waits on a dial.
    CountDownLatch release = runtime.hold("neighborhood-effects");
    deliver(
        a, new Gossip(List.of(new GossipNodeRecord(new byte[5], new byte[64], Optional.empty()))));
    service.stage(); // answered once the owner has taken the input before it

    assertThat(service.isBanned(a.addr.ip())).as("refused at once").isTrue();
    assertThat(links.disconnected).as("the link closes with the effects").isEmpty();
    release.countDown();
    assertThat(runtime.manual.awaitIdle(IDLE)).isTrue();
    assertThat(links.disconnected).containsExactly(a.key());
  }
}
