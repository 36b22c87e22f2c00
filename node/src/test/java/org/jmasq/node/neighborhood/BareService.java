package org.jmasq.node.neighborhood;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
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

/**
 * The service of Node 1 (minimum hops 1) on a {@link HoldableRuntime}, with links that only record
 * which they were told to close: for tests of what the running service refuses and bans.
 */
final class BareService implements AutoCloseable {
  private static final Duration IDLE = Duration.ofSeconds(10);

  /** Links that only record which were closed. */
  static final class RecordingLinks implements Transport {
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
    public void onBrokenLink(Runnable hint) {}

    @Override
    public void ownAddressChanged() {}

    @Override
    public int port() {
      return 0;
    }

    @Override
    public void close() {}
  }

  final HoldableRuntime runtime = new HoldableRuntime();
  final RecordingLinks links = new RecordingLinks();
  final PublicKey self = Fixtures.keyPair(1).publicKey();
  final NeighborhoodService service;
  private final SecureRandom random;

  BareService(long seed, ScriptedPeer... peers) {
    this.random = Fixtures.seeded(seed);
    this.service =
        new NeighborhoodService(
            new Neighborhood(
                new LocalNode(Fixtures.keyPair(1), Fixtures.CHAIN, Optional.of(Fixtures.addr(1))),
                Fixtures.standard(1),
                runtime.clock(),
                new Random(1),
                SignatureVerifier.ed25519(Fixtures.CHAIN)),
            runtime,
            new RecordingTransmitter(peers),
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
            random,
            1);
  }

  /** {@code gossip} from {@code peer}, straight over its own link, as the Hopper delivers it. */
  void deliver(ScriptedPeer peer, Gossip gossip) {
    service.deliver(ExpiredGossip.from(peer, self, gossip, random));
  }

  /** {@code gossip} from {@code peer} through {@code relays}, over the last one's link. */
  void deliverRelayed(ScriptedPeer peer, List<PublicKey> relays, Gossip gossip) {
    service.deliver(ExpiredGossip.relayed(peer, relays, self, gossip, random));
  }

  /** Whether every mailbox went idle within ten seconds. */
  boolean idle() throws InterruptedException {
    return runtime.manual.awaitIdle(IDLE);
  }

  @Override
  public void close() {
    service.close();
    runtime.close();
  }
}
