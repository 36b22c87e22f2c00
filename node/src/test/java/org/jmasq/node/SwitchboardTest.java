package org.jmasq.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.hopper.Hopper;
import org.junit.jupiter.api.Test;

class SwitchboardTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final InetSocketAddress REMOTE =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000);

  private final Switchboard switchboard = new Switchboard();
  private final PublicKey peer = NodeKeyPair.generate(RANDOM).publicKey();

  private static Hopper hopper() {
    NodeKeys keys = NodeKeys.around(NodeKeyPair.generate(RANDOM), RANDOM);
    return new Hopper(
        keys.self(),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        keys.routeOpener(),
        keys.mainOpener(),
        keys.aliasOpener(),
        (next, bytes) -> {
          throw new IOException("no links here");
        },
        new Hopper.Deliveries(p -> {}, p -> {}, p -> {}, route -> java.util.Optional.empty()),
        InstantSource.fixed(Instant.EPOCH));
  }

  /** A Neighborhood that records what the links tell it and knows one address. */
  private static final class RecordingNeighbors implements Neighbors {
    final List<String> heard = new ArrayList<>();
    private final Neighbors zeroHop = Neighbors.zeroHop();

    @Override
    public org.jmasq.neighborhood.ConnectionStage stage() {
      return zeroHop.stage();
    }

    @Override
    public int[] counts() {
      return zeroHop.counts();
    }

    @Override
    public List<PublicKey> fullNeighbors() {
      return List.of();
    }

    @Override
    public org.jmasq.node.neighborhood.GossipDefence gossipDefence() {
      return zeroHop.gossipDefence();
    }

    @Override
    public void deliver(
        org.jmasq.cores.ExpiredCoresPackage<org.jmasq.payload.MessageType> gossip) {}

    @Override
    public Optional<NodeAddr> addressOf(PublicKey key) {
      return Optional.of(NodeAddr.of(REMOTE.getAddress(), REMOTE.getPort()));
    }

    @Override
    public void linkUp(PublicKey peer, InetSocketAddress remote) {
      heard.add("up " + peer);
    }

    @Override
    public void linkDown(PublicKey peer) {
      heard.add("down " + peer);
    }
  }

  @Test
  void used_before_it_is_connected_it_fails_loudly() {
    assertThatThrownBy(() -> switchboard.onPackage(new byte[] {1}, REMOTE, peer))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the switchboard is used before it is connected to the Hopper and the Neighborhood");
    assertThatThrownBy(() -> switchboard.linkUp(peer, REMOTE))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> switchboard.addressOf(peer)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void it_is_connected_once_only() {
    switchboard.connect(hopper(), Neighbors.zeroHop());

    assertThatThrownBy(() -> switchboard.connect(hopper(), Neighbors.zeroHop()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the switchboard is connected already");
  }

  @Test
  void once_connected_links_reach_the_neighborhood_and_packages_the_hopper() {
    RecordingNeighbors neighbors = new RecordingNeighbors();
    Hopper hopper = hopper();
    switchboard.connect(hopper, neighbors);

    switchboard.linkUp(peer, REMOTE);
    switchboard.linkDown(peer, "closed by peer");
    switchboard.onPackage(new byte[] {1, 2, 3}, REMOTE, peer);

    assertThat(neighbors.heard).containsExactly("up " + peer, "down " + peer);
    assertThat(switchboard.addressOf(peer)).contains(NodeAddr.of(REMOTE.getAddress(), 4000));
    assertThat(hopper.droppedPackages()).as("the garbage reached the Hopper").isEqualTo(1);
  }
}
