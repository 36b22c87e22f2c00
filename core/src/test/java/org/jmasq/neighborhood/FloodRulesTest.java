package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.befriend;
import static org.jmasq.neighborhood.Scripts.only;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.NeighborhoodEffect.Disconnect;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * What keeps a flood of Gossip cheap: strangers' Standard Gossip is refused before any signature is
 * checked, only records that would be used are checked, answers are remembered, and each sender has
 * a budget of checks. None of it bans anyone.
 */
class FloodRulesTest {
  private final ManualClock clock = Fixtures.clock();
  private final Neighborhood node = Fixtures.node(1, clock);
  private final ScriptedPeer a = new ScriptedPeer(2);
  private final ScriptedPeer b = new ScriptedPeer(3);
  private final ScriptedPeer c = new ScriptedPeer(4);

  private static GossipNodeRecord forged(GossipNodeRecord record) {
    byte[] signature = record.signature();
    signature[0] ^= 1;
    return new GossipNodeRecord(record.signedData(), signature, record.nodeAddr());
  }

  private GossipCounts counts() {
    return node.gossipCounts();
  }

  @Test
  void standard_gossip_from_a_stranger_is_refused_before_any_signature_is_checked() {
    ScriptedPeer stranger = new ScriptedPeer(9);

    List<NeighborhoodEffect> effects =
        node.gossipReceived(
            stranger.source(), stranger.standard(b.record(false), forged(c.record(false))));

    assertThat(effects).isEmpty();
    assertThat(counts().fromStrangers()).isEqualTo(1);
    assertThat(counts().signaturesChecked()).isZero();
    assertThat(node.isBanned(stranger.key())).isFalse();
    assertThat(node.database().size()).isEqualTo(1);
  }

  @Test
  void standard_gossip_answering_gossip_we_sent_in_the_last_minute_is_not_a_strangers() {
    node.start(
        List.of(new NodeDescriptor(Fixtures.CHAIN, a.key(), Optional.of(a.addr))), List.of());
    // A does not list us: a Node that lists us would become our neighbor, and a neighbor's Gossip
    // is never a stranger's.
    a.listing(b.key(), c.key());
    b.listing(a.key());
    c.listing(a.key());

    node.gossipReceived(a.source(), a.standard(b.record(false), c.record(false)));
    assertThat(counts().fromStrangers()).isZero();

    clock.advance(Duration.ofSeconds(61));
    node.gossipReceived(a.source(), a.standard(b.record(false), c.record(false)));
    assertThat(counts().fromStrangers()).as("a minute later, it is a stranger's again").isOne();
  }

  @Test
  void only_the_records_within_the_patch_are_verified_and_unused_forgeries_ban_nobody() {
    befriend(node, a);
    List<GossipNodeRecord> all = new ArrayList<>();
    all.add(b.listing(a.key()).record(false));
    for (int n = 20; n < 25; n++) {
      all.add(forged(new ScriptedPeer(n).record(false)));
    }
    long checkedBefore = counts().signaturesChecked();

    List<NeighborhoodEffect> effects =
        node.gossipReceived(
            a.source(), a.listing(b.key()).standard(all.toArray(GossipNodeRecord[]::new)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.database().contains(b.key())).isTrue();
    assertThat(counts().recordsNotUsed()).isEqualTo(5);
    assertThat(counts().signaturesChecked() - checkedBefore)
        .as("a's new record and b's")
        .isEqualTo(2);
  }

  @Test
  void a_record_no_newer_than_the_one_held_is_not_verified_at_all() {
    befriend(node, a);
    befriend(node, b);
    b.version--;
    GossipNodeRecord olderAndForged = forged(b.record(false));
    long checkedBefore = counts().signaturesChecked();

    List<NeighborhoodEffect> effects =
        node.gossipReceived(
            a.source(), a.listing(b.key(), c.key()).standard(olderAndForged, c.record(false)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(counts().signaturesChecked() - checkedBefore).as("a's and c's").isEqualTo(2);
  }

  @Test
  void a_records_answer_is_remembered_and_a_changed_record_is_verified_again() {
    ScriptedPeer passer = new ScriptedPeer(9);
    Gossip pass = new Gossip(List.of(b.record(true)));

    node.gossipReceived(passer.source(), pass);
    node.gossipReceived(passer.source(), pass);
    assertThat(counts().signaturesChecked()).isEqualTo(1);
    assertThat(counts().signaturesRemembered()).isEqualTo(1);

    b.version++;
    node.gossipReceived(passer.source(), new Gossip(List.of(b.record(true))));
    assertThat(counts().signaturesChecked()).isEqualTo(2);
  }

  @Test
  void a_sender_past_its_budget_of_signature_checks_is_ignored_for_a_while_and_not_banned() {
    befriend(node, a);
    Gossip first = manyNewRecordsFrom(a, 1000);
    Gossip second = manyNewRecordsFrom(a, 2000);

    node.gossipReceived(a.source(), first);
    assertThat(counts().overBudget()).isZero();
    int known = node.database().size();

    List<NeighborhoodEffect> effects = node.gossipReceived(a.source(), second);
    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(counts().overBudget()).isOne();
    assertThat(node.database().size()).isEqualTo(known);

    clock.advance(Duration.ofSeconds(4));
    node.gossipReceived(a.source(), second);
    assertThat(counts().overBudget()).isOne();
    assertThat(node.database().size()).isGreaterThan(known);
  }

  /**
   * {@code peer}, still listing us, lists 29 new Nodes instead of its others (30 is the most a
   * record that travels in Gossip can list), each listing 9 more: 290 records within our patch,
   * each of which needs its signature checked.
   */
  private Gossip manyNewRecordsFrom(ScriptedPeer peer, int firstIndex) {
    List<GossipNodeRecord> records = new ArrayList<>();
    List<PublicKey> listed = new ArrayList<>(List.of(node.key()));
    int n = firstIndex;
    for (int i = 0; i < 29; i++) {
      ScriptedPeer near = new ScriptedPeer(n++);
      near.listing(peer.key());
      for (int j = 0; j < 9; j++) {
        ScriptedPeer far = new ScriptedPeer(n++);
        near.listing(far.key());
        records.add(far.listing(near.key()).record(false));
      }
      records.add(near.record(false));
      listed.add(near.key());
    }
    peer.neighbors.clear();
    peer.listing(listed.toArray(PublicKey[]::new));
    return peer.standard(records.toArray(GossipNodeRecord[]::new));
  }

  @Test
  void a_debut_naming_another_node_at_the_senders_ip_is_dropped_and_nobody_is_banned() {
    ScriptedPeer sender = new ScriptedPeer(9);
    b.addr = sender.addr;

    List<NeighborhoodEffect> effects =
        node.gossipReceived(sender.source(), new Gossip(List.of(forged(b.record(true)))));

    assertThat(effects).isEmpty();
    assertThat(counts().otherSender()).isOne();
    assertThat(counts().signaturesChecked()).isZero();
    assertThat(node.isBanned(sender.key())).isFalse();
  }

  @Test
  void a_lone_record_without_an_address_that_is_not_the_senders_is_dropped() {
    ScriptedPeer sender = new ScriptedPeer(9);
    b.acceptsConnections = false;

    assertThat(node.gossipReceived(sender.source(), b.debut())).isEmpty();
    assertThat(counts().otherSender()).isOne();
  }
}
