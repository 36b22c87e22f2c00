package org.jmasq.node.proxyclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jmasq.cores.Component;
import org.jmasq.cores.Route;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.payload.StreamAck;
import org.jmasq.payload.StreamKey;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

class WaysBackTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final PublicKey originator = NodeKeyPair.generate(RANDOM).publicKey();
  private final PublicKey exit = NodeKeyPair.generate(RANDOM).publicKey();

  private final StreamAck ack =
      new StreamAck(StreamKey.of(new byte[StreamKey.LENGTH]), exit, 0, 1 << 16);

  private static WaysBack ways(int capacity) {
    return new WaysBack(RANDOM, capacity, java.time.InstantSource.system());
  }

  /** A route as an exit holds it after a request: its own block on top, then the way back. */
  private Route remainingRoute(RoutePlan plan) {
    return plan.seal();
  }

  private RoutePlan newRoute() throws Exception {
    return RoutePlan.roundTrip(
        List.of(originator, exit),
        Component.PROXY_CLIENT,
        List.of(exit, originator),
        Component.PROXY_SERVER,
        k -> java.util.Optional.empty(),
        1,
        RANDOM);
  }

  @Test
  void the_packages_of_one_route_share_one_way_back_and_another_route_gets_its_own()
      throws Exception {
    WaysBack ways = ways(4);
    RoutePlan route = newRoute();

    WaysBack.Way first = ways.to(originator, remainingRoute(route));
    WaysBack.Way again = ways.to(originator, remainingRoute(route));
    WaysBack.Way other = ways.to(originator, remainingRoute(newRoute()));

    assertThat(again).isSameAs(first);
    assertThat(other).isNotSameAs(first);
    assertThat(ways.sealersMade()).isEqualTo(2);
  }

  @Test
  void past_its_bound_it_forgets_an_unused_way_and_never_one_a_stream_still_uses()
      throws Exception {
    WaysBack ways = ways(3);
    RoutePlan used = newRoute();
    WaysBack.Way inUse = ways.to(originator, remainingRoute(used));
    List<RoutePlan> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RoutePlan plan = newRoute();
      others.add(plan);
      ways.to(originator, remainingRoute(plan)).left();
    }

    assertThat(ways.size()).isEqualTo(3);
    WaysBack.Way again = ways.to(originator, remainingRoute(used));
    assertThat(again).isSameAs(inUse);
    again.left();

    inUse.left();
    for (int i = 0; i < 3; i++) {
      ways.to(originator, remainingRoute(newRoute())).left();
    }
    assertThat(ways.to(originator, remainingRoute(used)))
        .as("forgotten once no stream used it: a new sealer")
        .isNotSameAs(inUse);
  }

  @Test
  void a_way_made_again_for_a_route_numbers_its_responses_above_the_forgotten_ones()
      throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    WaysBack ways = new WaysBack(RANDOM, 1, clock);
    RoutePlan route = newRoute();
    List<Long> tags = new ArrayList<>();
    Transmitter recorder = p -> tags.add(p.tag());

    WaysBack.Way first = ways.to(originator, remainingRoute(route));
    for (int i = 0; i < 1000; i++) {
      first.send(recorder, ack);
    }
    first.left();
    clock.advance(Duration.ofMillis(1));
    ways.to(originator, remainingRoute(newRoute())).left();
    WaysBack.Way again = ways.to(originator, remainingRoute(route));
    again.send(recorder, ack);

    assertThat(again).isNotSameAs(first);
    for (int i = 1; i < tags.size(); i++) {
      assertThat(tags.get(i) - tags.get(i - 1)).as("tag %d above the one before", i).isPositive();
    }
  }

  @Test
  void a_way_taken_counts_its_user_at_once_so_it_is_not_forgotten_before_the_stream_starts()
      throws Exception {
    WaysBack ways = ways(1);
    WaysBack.Way taken = ways.to(originator, remainingRoute(newRoute()));

    ways.to(originator, remainingRoute(newRoute())).left();

    assertThat(ways.size()).as("the taken way kept, though past the bound").isEqualTo(2);
    taken.left();
    ways.to(originator, remainingRoute(newRoute())).left();
    assertThat(ways.size()).isEqualTo(2);
  }

  @Test
  void every_response_of_a_way_goes_under_the_blocks_of_the_request_that_made_it()
      throws Exception {
    WaysBack ways = ways(4);
    RoutePlan route = newRoute();
    Route first = remainingRoute(route);
    List<Route> sentOn = new ArrayList<>();
    Transmitter recorder = p -> sentOn.add(p.route());

    ways.to(originator, first).send(recorder, ack);
    ways.to(originator, remainingRoute(route)).send(recorder, ack);

    assertThat(sentOn).containsExactly(first, first);
  }
}
