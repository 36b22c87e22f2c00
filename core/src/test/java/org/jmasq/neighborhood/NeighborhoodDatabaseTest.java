package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import org.jmasq.identity.NodeAddr;
import org.junit.jupiter.api.Test;

class NeighborhoodDatabaseTest {
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
  private final LocalNode local =
      new LocalNode(Fixtures.keyPair(1), Fixtures.CHAIN, Optional.of(Fixtures.addr(1)));
  private final NeighborhoodDatabase db =
      new NeighborhoodDatabase(
          local,
          new NodeRecordInner(
              local.key(),
              Fixtures.wallet(1),
              RatePack.DEFAULT,
              new TreeSet<>(),
              true,
              true,
              0,
              Optional.empty()),
          t0);

  private NodeRecord record(ScriptedPeer peer, Optional<NodeAddr> addr, Instant when) {
    return peer.signed().withNodeAddr(addr).withLastUpdate(when);
  }

  @Test
  void
      the_root_is_always_present_and_its_link_makes_a_half_neighbor_until_the_other_side_links_back() {
    ScriptedPeer a = new ScriptedPeer(2);
    db.add(record(a, Optional.of(a.addr), t0));
    db.addRootNeighbor(a.key());
    assertThat(db.root().key()).isEqualTo(local.key());
    assertThat(db.areFullNeighbors(db.rootKey(), a.key())).isFalse();
    db.update(record(a.listing(db.rootKey()), Optional.empty(), t0));
    assertThat(db.areFullNeighbors(db.rootKey(), a.key())).isTrue();
    assertThat(db.fullNeighbors(db.rootKey())).containsExactly(a.key());
  }

  @Test
  void editing_the_root_bumps_its_version_and_re_signs_it() {
    long before = db.root().version();
    ScriptedPeer a = new ScriptedPeer(2);
    db.add(record(a, Optional.of(a.addr), t0));
    db.addRootNeighbor(a.key());
    NodeRecord root = db.root();
    assertThat(root.version()).isEqualTo(before + 1);
    assertThat(
            SignatureVerifier.ed25519(Fixtures.CHAIN)
                .verify(root.key(), root.signedData(), root.signature()))
        .isTrue();
  }

  @Test
  void gossip_target_degree_counts_accepting_full_neighbors_and_unknown_listed_keys() {
    ScriptedPeer a = new ScriptedPeer(2);
    ScriptedPeer unknown = new ScriptedPeer(3);
    ScriptedPeer halfOnly = new ScriptedPeer(4);
    db.add(record(halfOnly, Optional.empty(), t0));
    db.add(record(a.listing(db.rootKey(), unknown.key(), halfOnly.key()), Optional.empty(), t0));
    db.addRootNeighbor(a.key());
    assertThat(db.gossipTargetDegree(a.key())).isEqualTo(2);
  }

  @Test
  void an_update_may_not_change_the_rate_pack() {
    ScriptedPeer a = new ScriptedPeer(2);
    db.add(record(a, Optional.empty(), t0));
    a.rates = new RatePack(1, 1, 1, 1);
    assertThat(db.update(record(a.listing(), Optional.empty(), t0)))
        .contains(NeighborhoodDatabase.Refusal.RATE_PACK_CHANGED);
  }

  @Test
  void an_update_may_not_move_a_known_address() {
    ScriptedPeer a = new ScriptedPeer(2);
    db.add(record(a, Optional.of(a.addr), t0));
    assertThat(db.update(record(a.listing(), Optional.of(Fixtures.addr(99)), t0)))
        .contains(NeighborhoodDatabase.Refusal.ADDRESS_CHANGED);
  }

  @Test
  void only_a_higher_version_replaces_a_record_and_it_keeps_the_known_address() {
    ScriptedPeer a = new ScriptedPeer(2);
    a.version = 5;
    db.add(record(a, Optional.of(a.addr), t0));
    a.version = 5;
    assertThat(db.update(record(a, Optional.empty(), t0)))
        .contains(NeighborhoodDatabase.Refusal.NOT_NEWER);
    a.version = 6;
    assertThat(db.update(record(a, Optional.empty(), t0))).isEmpty();
    assertThat(db.node(a.key()).orElseThrow().version()).isEqualTo(6);
    assertThat(db.node(a.key()).orElseThrow().nodeAddr()).contains(a.addr);
  }

  @Test
  void
      a_record_claiming_an_ip_held_by_another_live_key_is_not_accepted_until_the_holder_is_culled() {
    ScriptedPeer holder = new ScriptedPeer(2);
    ScriptedPeer claimant = new ScriptedPeer(3);
    claimant.addr = holder.addr;
    db.add(record(holder, Optional.of(holder.addr), t0));
    assertThat(db.add(record(claimant, Optional.of(claimant.addr), t0)))
        .contains(NeighborhoodDatabase.Refusal.IP_TAKEN);
    assertThat(db.cullDeadNodes(t0.plus(Duration.ofSeconds(30)))).containsExactly(holder.key());
    assertThat(db.add(record(claimant, Optional.of(claimant.addr), t0))).isEmpty();
    assertThat(db.keyAt(holder.addr.ip())).contains(claimant.key());
  }

  @Test
  void culling_spares_referenced_nodes_and_nodes_younger_than_30_seconds() {
    ScriptedPeer referenced = new ScriptedPeer(2);
    ScriptedPeer young = new ScriptedPeer(3);
    ScriptedPeer dead = new ScriptedPeer(4);
    db.add(record(referenced, Optional.empty(), t0));
    db.addRootNeighbor(referenced.key());
    db.add(record(young, Optional.empty(), t0.plus(Duration.ofSeconds(10))));
    db.add(record(dead, Optional.empty(), t0));
    assertThat(db.cullDeadNodes(t0.plus(Duration.ofSeconds(31)))).containsExactly(dead.key());
    assertThat(db.contains(referenced.key())).isTrue();
    assertThat(db.contains(young.key())).isTrue();
  }

  @Test
  void removing_a_neighbor_drops_the_link_forgets_its_address_and_bumps_the_root_version() {
    ScriptedPeer a = new ScriptedPeer(2);
    db.add(record(a, Optional.of(a.addr), t0));
    db.addRootNeighbor(a.key());
    long version = db.root().version();
    assertThat(db.removeRootNeighbor(a.key())).isTrue();
    assertThat(db.root().version()).isEqualTo(version + 1);
    assertThat(db.node(a.key()).orElseThrow().nodeAddr()).isEmpty();
    assertThat(db.keyAt(a.addr.ip())).isEmpty();
  }

  @Test
  void our_own_key_is_never_added_as_another_node() {
    ScriptedPeer impostor = new ScriptedPeer(1);
    assertThat(db.add(record(impostor, Optional.empty(), t0)))
        .contains(NeighborhoodDatabase.Refusal.OWN_KEY);
  }
}
