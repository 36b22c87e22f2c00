package org.jmasq.node.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.neighborhood.Fixtures;
import org.jmasq.neighborhood.ScriptedPeer;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.payload.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the running service takes of a flood, before its Neighborhood sees any of it: Gossip that
 * came through relays or over no link is dropped; each peer's Gossip is cut to its rate; a peer
 * that fills its share of the queue is disconnected; and the queue stays within its bound.
 */
@Timeout(60)
class NeighborhoodFloodTest {
  private final ScriptedPeer stranger = new ScriptedPeer(9);
  private final ScriptedPeer relay = new ScriptedPeer(3);
  private final BareService bare = new BareService(11, stranger);
  private final Gossip standardFromStranger =
      stranger.standard(new ScriptedPeer(20).record(false), new ScriptedPeer(21).record(false));

  @AfterEach
  void stop() {
    bare.close();
  }

  private GossipDefence defence() {
    return bare.service.defence();
  }

  @Test
  void forged_gossip_that_came_through_a_relay_is_dropped_and_nobody_is_banned()
      throws InterruptedException {
    GossipNodeRecord record = stranger.record(true);
    byte[] signature = record.signature();
    signature[0] ^= 1;
    Gossip forged =
        new Gossip(
            List.of(new GossipNodeRecord(record.signedData(), signature, record.nodeAddr())));

    bare.deliverRelayed(stranger, List.of(relay.key()), forged);
    assertThat(bare.idle()).isTrue();

    assertThat(defence().notOneHop()).isOne();
    assertThat(defence().intake().received()).as("the Neighborhood never saw it").isZero();
    assertThat(defence().bannedKeys()).isEmpty();
    assertThat(bare.links.disconnected).isEmpty();
  }

  @Test
  void gossip_over_no_link_is_dropped() throws InterruptedException {
    ExpiredCoresPackage<MessageType> viaLink =
        ExpiredGossip.from(stranger, bare.self, standardFromStranger, Fixtures.seeded(5));
    bare.service.deliver(
        new ExpiredCoresPackage<>(
            new InetSocketAddress(stranger.addr.ip(), 1),
            Optional.empty(),
            viaLink.remainingRoute(),
            viaLink.payload(),
            viaLink.payloadLength()));
    assertThat(bare.idle()).isTrue();

    assertThat(defence().notOneHop()).isOne();
    assertThat(defence().intake().received()).isZero();
  }

  @Test
  void a_peer_sending_faster_than_its_rate_loses_the_excess_and_only_the_excess()
      throws InterruptedException {
    for (int i = 0; i < GossipInflow.BURST + 5; i++) {
      bare.deliver(stranger, standardFromStranger);
      assertThat(bare.idle()).isTrue();
    }
    assertThat(defence().intake().received()).isEqualTo(GossipInflow.BURST);
    assertThat(defence().tooFast()).isEqualTo(5);

    bare.runtime.manual.advance(Duration.ofSeconds(1));
    for (int i = 0; i < GossipInflow.PER_SECOND + 1; i++) {
      bare.deliver(stranger, standardFromStranger);
      assertThat(bare.idle()).isTrue();
    }
    assertThat(defence().intake().received())
        .isEqualTo(GossipInflow.BURST + GossipInflow.PER_SECOND);
    assertThat(defence().tooFast()).isEqualTo(6);
    assertThat(defence().intake().fromStrangers())
        .as("each refused as a stranger's, before any signature was checked")
        .isEqualTo(GossipInflow.BURST + GossipInflow.PER_SECOND);
    assertThat(defence().intake().signaturesChecked()).isZero();
    assertThat(bare.links.disconnected).isEmpty();
  }

  @Test
  void a_peer_that_fills_its_share_of_the_queue_is_disconnected_and_the_queue_stays_bounded()
      throws InterruptedException {
    CountDownLatch release = bare.runtime.hold("neighborhood");
    for (int i = 0; i < GossipInflow.SHARE_MESSAGES + 4; i++) {
      bare.deliver(stranger, standardFromStranger);
    }

    assertThat(defence().queued()).isEqualTo(GossipInflow.SHARE_MESSAGES);
    assertThat(defence().overShare()).isEqualTo(4);
    assertThat(bare.links.disconnected).isNotEmpty().containsOnly(stranger.key());

    release.countDown();
    assertThat(bare.idle()).isTrue();
    assertThat(defence().queued()).isZero();
    assertThat(defence().queuedBytes()).isZero();
    assertThat(defence().mostQueued()).isEqualTo(GossipInflow.SHARE_MESSAGES);
    assertThat(defence().intake().received()).isEqualTo(GossipInflow.SHARE_MESSAGES);
  }
}
