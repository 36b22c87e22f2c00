package org.jmasq.node.proxyserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jmasq.accountant.RouteCharges;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

class SharedRoutesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final PublicKey o = key();
  private final PublicKey a = key();
  private final PublicKey b = key();
  private final PublicKey x = key();
  private final PublicKey y = key();
  private final RouteSource.RouteLegs viaX =
      new RouteSource.RouteLegs(List.of(o, a, x), List.of(x, b, o));
  private final RouteSource.RouteLegs viaY =
      new RouteSource.RouteLegs(List.of(o, a, y), List.of(y, b, o));
  private final StreamIsolation alice = StreamIsolation.of(new byte[] {'a'}, new byte[] {'1'});
  private int built;
  private final SharedRoutes routes =
      new SharedRoutes(
          (legs, isolation) ->
              new SharedRoute(
                  legs, isolation, null, null, built++, RouteCharges.free(), clock.instant()));

  private static PublicKey key() {
    return NodeKeyPair.generate(RANDOM).publicKey();
  }

  private SharedRoute take(RouteSource.RouteLegs legs, StreamIsolation isolation) throws Exception {
    return routes.routeFor(legs, isolation, clock.instant());
  }

  @Test
  void a_stream_joins_the_route_its_group_holds_over_the_same_nodes() throws Exception {
    SharedRoute first = take(viaX, StreamIsolation.NONE);
    clock.advance(Duration.ofMinutes(9));

    assertThat(take(viaX, StreamIsolation.NONE)).isSameAs(first);
    assertThat(first.streamsCarried()).isEqualTo(2);
    assertThat(built).isEqualTo(1);
  }

  @Test
  void the_route_finder_choosing_other_nodes_builds_a_route_and_both_stay_usable()
      throws Exception {
    SharedRoute first = take(viaX, StreamIsolation.NONE);
    SharedRoute second = take(viaY, StreamIsolation.NONE);

    assertThat(second).isNotSameAs(first);
    assertThat(take(viaX, StreamIsolation.NONE)).isSameAs(first);
    assertThat(built).isEqualTo(2);
  }

  @Test
  void another_group_over_the_same_nodes_gets_a_route_of_its_own() throws Exception {
    SharedRoute mine = take(viaX, StreamIsolation.NONE);
    SharedRoute alices = take(viaX, alice);

    assertThat(alices).isNotSameAs(mine);
    assertThat(take(viaX, alice)).isSameAs(alices);
    assertThat(take(viaX, StreamIsolation.NONE)).isSameAs(mine);
  }

  @Test
  void a_route_takes_no_new_stream_once_it_is_ten_minutes_old() throws Exception {
    SharedRoute old = take(viaX, StreamIsolation.NONE);
    clock.advance(SharedRoutes.LIFETIME);

    SharedRoute fresh = take(viaX, StreamIsolation.NONE);

    assertThat(fresh).isNotSameAs(old);
    assertThat(built).isEqualTo(2);
    assertThat(routes.current(clock.instant())).containsExactly(fresh);
  }

  @Test
  void a_route_that_lost_a_node_is_retired_and_never_taken_again() throws Exception {
    SharedRoute lost = take(viaX, StreamIsolation.NONE);
    SharedRoute kept = take(viaY, StreamIsolation.NONE);

    routes.retireIf(route -> route.legs.exit().equals(x));

    assertThat(lost.isRetired()).isTrue();
    assertThat(kept.isRetired()).isFalse();
    assertThat(take(viaX, StreamIsolation.NONE)).isNotSameAs(lost);
    assertThat(routes.current(clock.instant())).hasSize(2).doesNotContain(lost);
  }

  @Test
  void a_group_keeps_at_most_its_bound_of_routes_the_oldest_retired_first() throws Exception {
    SharedRoute oldest = null;
    for (int i = 0; i <= SharedRoutes.ROUTES_PER_GROUP; i++) {
      PublicKey exit = key();
      SharedRoute r =
          take(
              new RouteSource.RouteLegs(List.of(o, a, exit), List.of(exit, b, o)),
              StreamIsolation.NONE);
      oldest = oldest == null ? r : oldest;
    }

    assertThat(routes.current(clock.instant())).hasSize(SharedRoutes.ROUTES_PER_GROUP);
    assertThat(oldest.isRetired()).isTrue();
  }
}
