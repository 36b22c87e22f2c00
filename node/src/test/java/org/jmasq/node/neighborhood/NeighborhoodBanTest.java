package org.jmasq.node.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.ScriptedPeer;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A ban in the running service: the links refuse the banned Node as soon as the input that banned
 * it is done, even while the effects mailbox is still busy sending Gossip; its IP only when a
 * second key misbehaved from it; and no longer once the ban has ended.
 */
@Timeout(30)
class NeighborhoodBanTest {
  private final ScriptedPeer a = new ScriptedPeer(2);
  private final BareService bare = new BareService(7, a);
  private final HoldableRuntime runtime = bare.runtime;
  private final NeighborhoodService service = bare.service;
  private final BareService.RecordingLinks links = bare.links;
  private final PublicKey self = bare.self;

  @AfterEach
  void stop() {
    bare.close();
  }

  private void deliver(ScriptedPeer peer, Gossip gossip) {
    bare.deliver(peer, gossip);
  }

  private static Gossip garbage() {
    return new Gossip(List.of(new GossipNodeRecord(new byte[5], new byte[64], Optional.empty())));
  }

  @Test
  void a_banned_key_is_refused_before_the_effects_queued_ahead_of_the_ban_are_done()
      throws InterruptedException {
    deliver(a, a.debut());
    assertThat(bare.idle()).isTrue();
    a.listing(self);
    deliver(a, a.standard());
    assertThat(bare.idle()).isTrue();

    // The effects mailbox is stuck, as behind a Gossip send that waits on a dial.
    CountDownLatch release = runtime.hold("neighborhood-effects");
    deliver(a, garbage());
    service.stage(); // answered once the owner has taken the input before it

    assertThat(service.defence().banned(a.key())).as("banned at once").isTrue();
    service.linkUp(a.key(), a.source().address());
    assertThat(links.disconnected).as("its new link is refused at once").containsExactly(a.key());
    release.countDown();
    assertThat(bare.idle()).isTrue();
    assertThat(links.disconnected).as("and the ban's effect closes it too").hasSize(2);
  }

  @Test
  void a_second_key_misbehaving_from_one_ip_gets_the_ip_refused_before_any_handshake()
      throws InterruptedException {
    ScriptedPeer b = new ScriptedPeer(3);
    b.addr = a.addr;

    deliver(a, garbage());
    assertThat(bare.idle()).isTrue();
    assertThat(service.isBanned(a.addr.ip())).as("one key: only the key").isFalse();

    deliver(b, garbage());
    assertThat(bare.idle()).isTrue();
    assertThat(service.isBanned(a.addr.ip())).isTrue();
    assertThat(service.defence().bannedKeys()).hasSize(2);
  }

  @Test
  void a_ban_ends_after_an_hour_and_the_links_take_the_node_again() throws InterruptedException {
    service.start(List.of(), List.of());
    deliver(a, garbage());
    assertThat(bare.idle()).isTrue();
    assertThat(service.defence().banned(a.key())).isTrue();
    int closed = links.disconnected.size();

    runtime.manual.advanceInSteps(Duration.ofMinutes(1), 59);
    assertThat(service.defence().banned(a.key())).as("still banned after 59 minutes").isTrue();
    runtime.manual.advanceInSteps(Duration.ofMinutes(1), 1);

    assertThat(service.defence().bannedKeys()).isEmpty();
    service.linkUp(a.key(), a.source().address());
    assertThat(links.disconnected).as("a link that came after the ban ended stays").hasSize(closed);
  }
}
