package org.jmasq.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;
import org.junit.jupiter.api.Test;

class RouteChargesTest {
  private static final Wallet CONSUMER = wallet(0xcc);
  private static final Wallet A = wallet(0xa1);
  private static final Wallet B = wallet(0xb1);
  private static final Wallet X = wallet(0xe1);
  private static final Wallet C = wallet(0xc1);
  // RatePack(routing byte, routing service, exit byte, exit service)
  private static final RatePack RATES_A = new RatePack(10, 1, 100, 2);
  private static final RatePack RATES_B = new RatePack(20, 3, 200, 4);
  private static final RatePack RATES_X = new RatePack(30, 5, 300, 6);
  private static final RatePack RATES_C = new RatePack(40, 7, 400, 8);

  private static Wallet wallet(int b) {
    return Wallet.parse("0x" + String.format("%02x", b).repeat(20));
  }

  /** Sums per wallet, as a Ledger keeps them. */
  static final class Book implements ChargeSink {
    final Map<Wallet, Wei> owed = new HashMap<>();
    final Map<Wallet, Wei> earned = new HashMap<>();

    @Override
    public void owe(Wallet creditor, Wei amount) {
      owed.merge(creditor, amount, Wei::plus);
    }

    @Override
    public void earn(Wallet debtor, Wei amount) {
      earned.merge(debtor, amount, Wei::plus);
    }
  }

  private static RouteCharges route(Book consumer, Set<Wallet> ownWallets) {
    return new RouteCharges(
        List.of(
            new ServiceOnRoute(A, RATES_A, Service.ROUTING),
            new ServiceOnRoute(B, RATES_B, Service.ROUTING)),
        Optional.of(new ServiceOnRoute(X, RATES_X, Service.EXIT)),
        List.of(new ServiceOnRoute(C, RATES_C, Service.ROUTING)),
        ownWallets,
        consumer);
  }

  @Test
  void a_request_costs_routing_at_each_over_relay_and_exit_on_its_data() {
    Book consumer = new Book();
    route(consumer, Set.of(CONSUMER)).sentOver(1000, Optional.of(600));
    assertThat(consumer.owed)
        .containsOnly(
            Map.entry(A, Wei.of(1 + 10 * 1000)),
            Map.entry(B, Wei.of(3 + 20 * 1000)),
            Map.entry(X, Wei.of(6 + 300 * 600)));
  }

  @Test
  void an_acknowledgement_costs_routing_only() {
    Book consumer = new Book();
    route(consumer, Set.of(CONSUMER)).sentOver(200, Optional.empty());
    assertThat(consumer.owed)
        .containsOnly(Map.entry(A, Wei.of(1 + 10 * 200)), Map.entry(B, Wei.of(3 + 20 * 200)));
  }

  @Test
  void a_response_costs_routing_at_each_back_relay_and_exit_even_when_empty() {
    Book consumer = new Book();
    route(consumer, Set.of(CONSUMER)).receivedBack(500, Optional.of(0));
    assertThat(consumer.owed)
        .containsOnly(Map.entry(C, Wei.of(7 + 40 * 500)), Map.entry(X, Wei.of(6)));
  }

  @Test
  void a_service_paid_to_an_own_wallet_is_left_out() {
    Book consumer = new Book();
    route(consumer, Set.of(CONSUMER, B)).sentOver(1000, Optional.of(600));
    assertThat(consumer.owed).containsOnlyKeys(A, X);
  }

  @Test
  void a_relay_listed_as_exit_is_refused() {
    assertThatThrownBy(
            () ->
                new RouteCharges(
                    List.of(new ServiceOnRoute(A, RATES_A, Service.EXIT)),
                    Optional.empty(),
                    List.of(),
                    Set.of(),
                    new Book()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EXIT");
  }

  /**
   * The originator's book and the serving Nodes' books, each fed the packages its side sees, agree
   * to the wei for any mix of requests, acknowledgements and responses.
   */
  @Property(tries = 200)
  void the_originator_owes_each_serving_node_exactly_what_it_earns(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 65_536) Integer> requests,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 65_536) Integer> responses,
      @ForAll @IntRange(min = 0, max = 10) int acks) {
    Book consumer = new Book();
    RouteCharges originator = route(consumer, Set.of(CONSUMER));
    Book a = new Book();
    Book b = new Book();
    Book x = new Book();
    Book c = new Book();
    ProviderCharges relayA = new ProviderCharges(RATES_A, Set.of(A), a);
    ProviderCharges relayB = new ProviderCharges(RATES_B, Set.of(B), b);
    ProviderCharges exit = new ProviderCharges(RATES_X, Set.of(X), x);
    ProviderCharges relayC = new ProviderCharges(RATES_C, Set.of(C), c);
    // The encrypted payload is the data plus a fixed envelope overhead; its exact size does not
    // matter.
    for (int data : requests) {
      originator.sentOver(data + 97, Optional.of(data));
      relayA.relayed(CONSUMER, data + 97);
      relayB.relayed(CONSUMER, data + 97);
      exit.exited(CONSUMER, data);
    }
    for (int i = 0; i < acks; i++) {
      originator.sentOver(80, Optional.empty());
      relayA.relayed(CONSUMER, 80);
      relayB.relayed(CONSUMER, 80);
    }
    for (int data : responses) {
      exit.exited(CONSUMER, data);
      relayC.relayed(CONSUMER, data + 61);
      originator.receivedBack(data + 61, Optional.of(data));
    }
    for (var provider :
        List.of(Map.entry(A, a), Map.entry(B, b), Map.entry(X, x), Map.entry(C, c))) {
      assertThat(consumer.owed.getOrDefault(provider.getKey(), Wei.ZERO))
          .isEqualTo(provider.getValue().earned.getOrDefault(CONSUMER, Wei.ZERO));
    }
  }

  @Test
  void a_serving_node_earns_nothing_from_its_own_wallet() {
    Book book = new Book();
    new ProviderCharges(RATES_A, Set.of(A), book).relayed(A, 100);
    assertThat(book.earned).isEmpty();
  }
}
