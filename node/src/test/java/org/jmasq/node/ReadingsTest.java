package org.jmasq.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jmasq.accountant.ChargeSink;
import org.jmasq.accountant.Wei;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.jmasq.node.proxyserver.OwnTraffic;
import org.jmasq.node.ui.TrafficSnapshot;
import org.junit.jupiter.api.Test;

class ReadingsTest {
  private static PublicKey key(int n) {
    byte[] bytes = new byte[PublicKey.LENGTH];
    Arrays.fill(bytes, (byte) (n * 17));
    return PublicKey.of(bytes);
  }

  @Test
  void a_routes_hops_run_from_the_first_hop_after_this_node_to_the_exit() {
    PublicKey self = key(0);
    PublicKey a = key(1);
    PublicKey b = key(2);
    PublicKey exit = key(3);
    PublicKey c = key(4);
    TrafficSnapshot.RouteInUse route =
        Readings.route(
            new OwnTraffic.RouteInUse(List.of(self, a, b, exit), List.of(exit, c, self), 2),
            k -> k.equals(exit) ? Optional.of("FR") : Optional.empty());
    assertThat(route.hops())
        .containsExactly(Readings.shortKey(a), Readings.shortKey(b), Readings.shortKey(exit));
    assertThat(route.exit()).isEqualTo(Readings.shortKey(exit));
    assertThat(route.exitCountry()).isEqualTo("FR");
    assertThat(route.streams()).isEqualTo(2);
    assertThat(Readings.shortKey(a)).isEqualTo(a.toString());
  }

  private static final java.util.function.Function<PublicKey, Optional<String>> NO_COUNTRY =
      k -> Optional.empty();

  @Test
  void an_exit_whose_record_claims_no_country_is_zz() {
    PublicKey exit = key(3);
    assertThat(
            Readings.route(
                    new OwnTraffic.RouteInUse(List.of(key(0), exit), List.of(exit, key(0)), 1),
                    NO_COUNTRY)
                .exitCountry())
        .isEqualTo("ZZ");
  }

  @Test
  void the_same_legs_make_the_same_route_id_and_other_back_legs_another() {
    PublicKey self = key(0);
    PublicKey exit = key(3);
    String one =
        Readings.route(
                new OwnTraffic.RouteInUse(List.of(self, exit), List.of(exit, self), 1), NO_COUNTRY)
            .routeId();
    String again =
        Readings.route(
                new OwnTraffic.RouteInUse(List.of(self, exit), List.of(exit, self), 3), NO_COUNTRY)
            .routeId();
    String other =
        Readings.route(
                new OwnTraffic.RouteInUse(List.of(self, exit), List.of(exit, key(5), self), 1),
                NO_COUNTRY)
            .routeId();
    assertThat(again).isEqualTo(one);
    assertThat(other).isNotEqualTo(one);
  }

  @Test
  void charges_reach_the_books_and_are_added_up_on_the_way() {
    List<String> books = new ArrayList<>();
    ChargeTotals totals =
        new ChargeTotals(
            new ChargeSink() {
              @Override
              public void owe(Wallet creditor, Wei amount) {
                books.add("owe " + amount.toBigInteger());
              }

              @Override
              public void earn(Wallet debtor, Wei amount) {
                books.add("earn " + amount.toBigInteger());
              }
            });
    Wallet w = Wallet.of(new byte[20]);
    totals.owe(w, Wei.of(5));
    totals.owe(w, Wei.of(6));
    totals.earn(w, Wei.of(7));
    assertThat(books).containsExactly("owe 5", "owe 6", "earn 7");
    assertThat(totals.spentWei()).hasToString("11");
    assertThat(totals.earnedWei()).hasToString("7");
  }
}
