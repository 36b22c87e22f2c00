package org.jmasq.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmasq.accountant.RoutePricing.TermsBook.Terms;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;
import org.junit.jupiter.api.Test;

class RoutePricingTest {
  private static final PublicKey O = key(0x01);
  private static final PublicKey A = key(0x0a);
  private static final PublicKey B = key(0x0b);
  private static final PublicKey X = key(0x0e);
  private static final PublicKey C = key(0x0c);
  private static final Wallet OWN = wallet(0x01);
  private static final Wallet WALLET_A = wallet(0xa1);
  private static final Wallet WALLET_B = wallet(0xb1);
  private static final Wallet WALLET_X = wallet(0xe1);
  private static final Wallet WALLET_C = wallet(0xc1);
  // RatePack(routing byte, routing service, exit byte, exit service)
  private static final RatePack RATES_A = new RatePack(10, 1, 100, 2);
  private static final RatePack RATES_B = new RatePack(20, 3, 200, 4);
  private static final RatePack RATES_X = new RatePack(30, 5, 300, 6);
  private static final RatePack RATES_C = new RatePack(40, 7, 400, 8);

  private final Map<PublicKey, Terms> gossiped = new HashMap<>();
  private final List<String> unpriced = new ArrayList<>();
  private final RouteChargesTest.Book book = new RouteChargesTest.Book();

  private static PublicKey key(int b) {
    byte[] bytes = new byte[PublicKey.LENGTH];
    bytes[0] = (byte) b;
    return PublicKey.of(bytes);
  }

  private static Wallet wallet(int b) {
    return Wallet.parse("0x" + String.format("%02x", b).repeat(20));
  }

  private RoutePricing pricing() {
    return new RoutePricing(
        k -> Optional.ofNullable(gossiped.get(k)),
        Set.of(OWN),
        book,
        (k, service) -> unpriced.add(k + " " + service));
  }

  private void gossipAll() {
    gossiped.put(A, new Terms(WALLET_A, RATES_A));
    gossiped.put(B, new Terms(WALLET_B, RATES_B));
    gossiped.put(X, new Terms(WALLET_X, RATES_X));
    gossiped.put(C, new Terms(WALLET_C, RATES_C));
  }

  @Test
  void over_relays_charge_routing_and_the_exit_charges_exit_on_a_request() {
    gossipAll();
    pricing().price(List.of(O, A, B, X), List.of(X, C, O)).sentOver(1000, Optional.of(600));

    assertThat(book.owed)
        .containsOnly(
            Map.entry(WALLET_A, Wei.of(1 + 10 * 1000)),
            Map.entry(WALLET_B, Wei.of(3 + 20 * 1000)),
            Map.entry(WALLET_X, Wei.of(6 + 300 * 600)));
    assertThat(unpriced).isEmpty();
  }

  @Test
  void back_relays_charge_routing_and_the_exit_charges_exit_on_a_response() {
    gossipAll();
    pricing().price(List.of(O, A, B, X), List.of(X, C, O)).receivedBack(500, Optional.of(200));

    assertThat(book.owed)
        .containsOnly(
            Map.entry(WALLET_C, Wei.of(7 + 40 * 500)), Map.entry(WALLET_X, Wei.of(6 + 300 * 200)));
  }

  @Test
  void a_node_whose_terms_are_unknown_goes_unrecorded_and_is_reported() {
    gossipAll();
    gossiped.remove(B);
    gossiped.remove(X);

    pricing().price(List.of(O, A, B, X), List.of(X, C, O)).sentOver(1000, Optional.of(600));

    assertThat(book.owed).containsOnly(Map.entry(WALLET_A, Wei.of(1 + 10 * 1000)));
    assertThat(unpriced).containsExactly(B + " ROUTING", X + " EXIT");
  }

  @Test
  void what_the_originator_would_pay_its_own_wallet_is_left_out() {
    gossipAll();
    gossiped.put(X, new Terms(OWN, RATES_X));

    pricing().price(List.of(O, A, X), List.of(X, O)).sentOver(100, Optional.of(50));

    assertThat(book.owed).containsOnly(Map.entry(WALLET_A, Wei.of(1 + 10 * 100)));
  }

  @Test
  void a_route_through_no_one_else_costs_nothing() {
    gossiped.put(O, new Terms(OWN, RATES_A));
    RouteCharges charges = pricing().price(List.of(O, O), List.of(O, O));
    charges.sentOver(100, Optional.of(50));
    charges.receivedBack(100, Optional.of(50));

    assertThat(book.owed).isEmpty();
    assertThat(unpriced).isEmpty();
  }

  @Test
  void a_leg_of_fewer_than_two_nodes_is_refused() {
    assertThatThrownBy(() -> pricing().price(List.of(O), List.of(O, O)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("over leg: 1 Nodes (expected: at least 2)");
  }
}
