package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.Route;
import org.jmasq.crypto.PublicKey;
import org.jmasq.payload.Gossip;
import org.junit.jupiter.api.Test;

/** Gossip is laid to the key its link proved, and only when it came the one hop from that Node. */
class GossipSourceTest {
  private final PublicKey linkPeer = Fixtures.keyPair(2).publicKey();
  private final InetSocketAddress remote = new InetSocketAddress(Fixtures.ip(2), 40000);

  private ExpiredCoresPackage<Gossip> arrived(int routeBlocks, Optional<PublicKey> link) {
    List<byte[]> blocks = new ArrayList<>();
    for (int i = 0; i < routeBlocks; i++) {
      blocks.add(new byte[Route.BLOCK_LENGTH]);
    }
    return new ExpiredCoresPackage<>(
        remote, Optional.empty(), new Route(blocks), new Gossip(List.of()), 2, link);
  }

  @Test
  void gossip_straight_from_the_links_peer_is_that_peers() {
    assertThat(GossipSource.of(arrived(Route.ONE_HOP_BLOCKS, Optional.of(linkPeer))))
        .contains(new GossipSource(linkPeer, remote));
  }

  @Test
  void gossip_that_came_through_a_relay_is_nobodys() {
    assertThat(GossipSource.of(arrived(3, Optional.of(linkPeer)))).isEmpty();
    assertThat(GossipSource.of(arrived(Route.MAX_HOPS, Optional.of(linkPeer)))).isEmpty();
  }

  @Test
  void gossip_that_came_over_no_link_is_nobodys() {
    assertThat(GossipSource.of(arrived(Route.ONE_HOP_BLOCKS, Optional.empty()))).isEmpty();
  }

  @Test
  void a_route_too_short_to_have_come_from_anyone_is_nobodys() {
    assertThat(GossipSource.of(arrived(1, Optional.of(linkPeer)))).isEmpty();
  }
}
