package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.neighborhood.Scripts.befriend;
import static org.jmasq.neighborhood.Scripts.only;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jmasq.geo.CountryOf;
import org.jmasq.neighborhood.NeighborhoodEffect.Disconnect;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * The country a record claims, held to this Node's IP-to-country table: Node 2's IP is in France,
 * Node 3's in Germany, and the table knows no other.
 */
class CountryRulesTest {
  private final ManualClock clock = Fixtures.clock();
  private final CountryOf table =
      ip -> ip.equals(Fixtures.ip(2)) ? "FR" : ip.equals(Fixtures.ip(3)) ? "DE" : CountryOf.UNKNOWN;
  private final Neighborhood node =
      new Neighborhood(
          new LocalNode(Fixtures.keyPair(1), Fixtures.CHAIN, Optional.of(Fixtures.addr(1))),
          Fixtures.standard(1),
          clock,
          new Random(1),
          SignatureVerifier.ed25519(Fixtures.CHAIN),
          table);

  private static ScriptedPeer claiming(int n, Optional<String> country) {
    ScriptedPeer peer = new ScriptedPeer(n);
    peer.country = country;
    return peer;
  }

  /** A third record, so that the relay's Gossip has the shape of Standard Gossip. */
  private static org.jmasq.payload.GossipNodeRecord bystander(ScriptedPeer relay) {
    ScriptedPeer other = claiming(5, Optional.empty()).listing(relay.key());
    relay.listing(other.key());
    return other.record(true);
  }

  @Test
  void a_node_that_claims_its_ips_country_is_taken() {
    ScriptedPeer peer = claiming(2, Optional.of("FR"));

    befriend(node, peer);

    assertThat(node.database().fullNeighbors(node.key())).contains(peer.key());
    assertThat(node.isBanned(peer.key())).isFalse();
  }

  @Test
  void a_node_that_claims_another_country_than_its_links_ip_is_in_is_banned() {
    ScriptedPeer liar = claiming(2, Optional.of("DE"));

    List<NeighborhoodEffect> effects = node.gossipReceived(liar.source(), liar.debut());

    assertThat(only(Disconnect.class, effects))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(BanReason.FALSE_COUNTRY);
              assertThat(d.key()).isEqualTo(liar.key());
              assertThat(d.detail()).contains("DE").contains("FR");
            });
    assertThat(node.database().contains(liar.key())).isFalse();
  }

  @Test
  void a_record_naming_an_ip_abroad_over_the_old_link_is_neither_banned_nor_believed() {
    // Node 2 was in France; its public IP changed to Node 3's German one, and its new record, with
    // the new country, comes over the link still open from the French IP. A Node in France that
    // lies, naming a German IP, sends the very same: neither is banned, and what is kept at the
    // French address still says France until the Node shows itself in Germany.
    ScriptedPeer peer = claiming(2, Optional.of("FR"));
    befriend(node, peer);
    GossipSource stillInFrance = peer.source();
    peer.addr = Fixtures.addr(3);
    peer.country = Optional.of("DE");
    peer.version++;

    List<NeighborhoodEffect> effects =
        node.gossipReceived(stillInFrance, peer.standard(bystander(peer)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.isBanned(peer.key())).isFalse();
    NodeRecord kept = node.database().node(peer.key()).orElseThrow();
    assertThat(kept.inner().countryCode()).contains("FR");
    assertThat(kept.nodeAddr().orElseThrow().ip()).isEqualTo(stillInFrance.ip());
  }

  @Test
  void a_neighbor_that_starts_lying_about_its_country_is_banned() {
    ScriptedPeer peer = claiming(2, Optional.of("FR"));
    befriend(node, peer);
    peer.country = Optional.of("CZ");
    peer.version++;

    List<NeighborhoodEffect> effects = node.gossipReceived(peer.source(), peer.standard());

    assertThat(only(Disconnect.class, effects))
        .singleElement()
        .extracting(Disconnect::reason)
        .isEqualTo(BanReason.FALSE_COUNTRY);
  }

  @Test
  void a_claim_about_an_ip_the_table_does_not_know_is_taken_at_its_word() {
    ScriptedPeer peer = claiming(4, Optional.of("JP"));

    befriend(node, peer);

    assertThat(node.isBanned(peer.key())).isFalse();
    assertThat(node.database().node(peer.key()).orElseThrow().inner().countryCode()).contains("JP");
  }

  @Test
  void a_record_without_a_country_claims_nothing() {
    ScriptedPeer peer = claiming(2, Optional.empty());

    befriend(node, peer);

    assertThat(node.isBanned(peer.key())).isFalse();
    assertThat(node.database().contains(peer.key())).isTrue();
  }

  @Test
  void a_relayed_record_whose_known_ip_is_elsewhere_is_refused_and_the_relay_is_not_blamed() {
    ScriptedPeer relay = claiming(2, Optional.of("FR"));
    ScriptedPeer known = claiming(3, Optional.of("DE"));
    befriend(node, relay);
    befriend(node, known);
    long held = node.database().node(known.key()).orElseThrow().version();
    known.country = Optional.of("FR");
    known.listing(relay.key());
    relay.listing(known.key());

    List<NeighborhoodEffect> effects =
        node.gossipReceived(relay.source(), relay.standard(known.record(false), bystander(relay)));

    assertThat(only(Disconnect.class, effects)).isEmpty();
    assertThat(node.isBanned(relay.key())).isFalse();
    assertThat(node.database().node(known.key()).orElseThrow().version()).isEqualTo(held);
    assertThat(node.database().node(known.key()).orElseThrow().inner().countryCode())
        .contains("DE");
  }

  @Test
  void a_relayed_record_whose_claim_holds_is_learned() {
    ScriptedPeer relay = claiming(2, Optional.of("FR"));
    ScriptedPeer known = claiming(3, Optional.of("DE"));
    befriend(node, relay);
    befriend(node, known);
    known.listing(relay.key());
    relay.listing(known.key());

    node.gossipReceived(relay.source(), relay.standard(known.record(false), bystander(relay)));

    assertThat(node.database().node(known.key()).orElseThrow().version()).isEqualTo(known.version);
  }

  @Test
  void a_relayed_record_without_an_ip_is_taken_at_its_word() {
    ScriptedPeer relay = claiming(2, Optional.of("FR"));
    befriend(node, relay);
    ScriptedPeer unplaced = claiming(3, Optional.of("FR")).listing(relay.key());
    relay.listing(unplaced.key());

    node.gossipReceived(
        relay.source(),
        relay.listing(unplaced.key()).standard(unplaced.record(false), bystander(relay)));

    assertThat(node.database().contains(unplaced.key())).isTrue();
  }

  @Test
  void a_node_whose_public_ip_moves_claims_the_new_ips_country_and_no_stale_one() {
    node.publicAddressChanged(Fixtures.addr(2));
    assertThat(node.database().root().inner().countryCode()).contains("FR");

    node.publicAddressChanged(Fixtures.addr(3));
    assertThat(node.database().root().inner().countryCode()).contains("DE");

    node.publicAddressChanged(Fixtures.addr(9));
    assertThat(node.database().root().inner().countryCode())
        .as("an IP the table does not know: no claim, rather than the old country")
        .isEmpty();
  }
}
