package org.jmasq.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;
import org.junit.jupiter.api.Test;

class ChargesTest {
  private static final Wallet CONSUMER = Wallet.parse("0x" + "cc".repeat(20));

  /** A packet as both sides see it: the encrypted payload the relays carry and the exit's plaintext data. */
  record Packet(long encryptedPayloadSize, long exitDataSize) {}

  @Test
  void a_charge_is_the_service_rate_plus_the_byte_rate_times_the_size() {
    assertThat(Service.ROUTING.charge(RatePack.DEFAULT, 1000)).isEqualTo(Wei.of(53_844 + 53_844L * 1000));
    assertThat(Service.EXIT.charge(RatePack.DEFAULT, 1000)).isEqualTo(Wei.of(107_688 + 107_688L * 1000));
  }

  @Test
  void an_empty_exit_packet_still_costs_the_exit_service_rate() {
    assertThat(Service.EXIT.charge(RatePack.DEFAULT, 0)).isEqualTo(Wei.of(107_688));
  }

  @Test
  void the_largest_rates_and_sizes_do_not_overflow() {
    RatePack max = new RatePack(RatePack.MAX_RATE, RatePack.MAX_RATE, RatePack.MAX_RATE, RatePack.MAX_RATE);
    assertThat(Service.EXIT.charge(max, Long.MAX_VALUE).toBigInteger())
        .isEqualTo(java.math.BigInteger.valueOf(RatePack.MAX_RATE).multiply(java.math.BigInteger.valueOf(Long.MAX_VALUE))
            .add(java.math.BigInteger.valueOf(RatePack.MAX_RATE)));
  }

  @Test
  void a_negative_size_is_refused() {
    assertThatThrownBy(() -> Service.ROUTING.charge(RatePack.DEFAULT, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nobody_charges_their_own_wallet() {
    ServiceOnRoute own = new ServiceOnRoute(CONSUMER, RatePack.DEFAULT, Service.ROUTING);
    assertThat(Charges.owedByConsumer(List.of(own), 100, 100, Set.of(CONSUMER))).isEmpty();
    assertThat(Charges.owedToProvider(CONSUMER, RatePack.DEFAULT, Service.EXIT, 5, Set.of(CONSUMER))).isEmpty();
  }

  @Property(tries = 200)
  void every_payable_of_the_consumer_equals_the_receivable_of_the_serving_node_to_the_wei(
      @ForAll("routes") List<ServiceOnRoute> route, @ForAll("packets") List<Packet> packets) {
    Map<Wallet, Wei> payables = new HashMap<>();
    Map<Wallet, Wei> receivables = new HashMap<>();
    for (Packet packet : packets) {
      for (Charge c : Charges.owedByConsumer(route, packet.encryptedPayloadSize(), packet.exitDataSize(), Set.of(CONSUMER))) {
        payables.merge(c.wallet(), c.amount(), Wei::plus);
      }
      // Each serving Node bills the consumer from its own rate pack and the size it sees.
      for (ServiceOnRoute server : route) {
        long seen = server.service() == Service.ROUTING ? packet.encryptedPayloadSize() : packet.exitDataSize();
        for (Charge c : Charges.owedToProvider(CONSUMER, server.ratePack(), server.service(), seen, Set.of(server.earningWallet()))) {
          receivables.merge(server.earningWallet(), c.amount(), Wei::plus);
        }
      }
    }
    assertThat(payables).isEqualTo(receivables);
  }

  @Provide
  Arbitrary<List<ServiceOnRoute>> routes() {
    Arbitrary<Wallet> wallets = Arbitraries.bytes().array(byte[].class).ofSize(20).map(Wallet::of);
    Arbitrary<Long> rates = Arbitraries.longs().between(0, RatePack.MAX_RATE).edgeCases(c -> c.includeOnly(0L, RatePack.MAX_RATE));
    Arbitrary<RatePack> packs = Combinators.combine(rates, rates, rates, rates).as(RatePack::new);
    Arbitrary<List<ServiceOnRoute>> relays =
        Combinators.combine(wallets, packs).as((w, p) -> new ServiceOnRoute(w, p, Service.ROUTING)).list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<ServiceOnRoute> exit = Combinators.combine(wallets, packs).as((w, p) -> new ServiceOnRoute(w, p, Service.EXIT));
    return Combinators.combine(relays, exit).as((r, e) -> {
      List<ServiceOnRoute> all = new ArrayList<>(r);
      all.add(e);
      return all;
    });
  }

  @Provide
  Arbitrary<List<Packet>> packets() {
    Arbitrary<Long> sizes = Arbitraries.longs().between(0, 70_000).edgeCases(c -> c.includeOnly(0L));
    return Combinators.combine(sizes, sizes).as(Packet::new).list().ofMinSize(1).ofMaxSize(20);
  }
}
