package org.jmasq.cores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jmasq.cores.HopContent.LiveHop;
import org.jmasq.cores.HopContent.ReturnRouteId;
import org.jmasq.cores.RoutePlan.PlannedHop;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class RoutePlanTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Function<PublicKey, Optional<Payer>> PAID =
      k -> Optional.of(CoresArbitraries.payerFor(k));
  private static final Function<PublicKey, Optional<Payer>> UNPAID = k -> Optional.empty();

  private final NodeKeyPair o = NodeKeyPair.generate(RANDOM);
  private final NodeKeyPair a = NodeKeyPair.generate(RANDOM);
  private final NodeKeyPair b = NodeKeyPair.generate(RANDOM);
  private final NodeKeyPair x = NodeKeyPair.generate(RANDOM);
  private final NodeKeyPair c = NodeKeyPair.generate(RANDOM);
  private final NodeKeyPair d = NodeKeyPair.generate(RANDOM);

  private static List<PublicKey> keys(NodeKeyPair... pairs) {
    return Arrays.stream(pairs).map(NodeKeyPair::publicKey).toList();
  }

  /** The plan's hops with tag steps of zero: the steps are random, and tested on their own. */
  private static List<PlannedHop> withoutSteps(RoutePlan plan) {
    return plan.hops().stream()
        .map(
            p ->
                p.content() instanceof LiveHop h
                    ? new PlannedHop(
                        p.recipient(), new LiveHop(h.nextKey(), h.payer(), h.component()))
                    : p)
        .toList();
  }

  private RoutePlan overAbxBackCd() throws Exception {
    return RoutePlan.roundTrip(
        keys(o, a, b, x),
        Component.PROXY_CLIENT,
        keys(x, c, d, o),
        Component.PROXY_SERVER,
        PAID,
        42,
        RANDOM);
  }

  @Test
  void every_hop_draws_a_tag_step_of_its_own() throws Exception {
    RoutePlan plan = overAbxBackCd();
    List<Long> steps =
        plan.hops().stream()
            .map(PlannedHop::content)
            .filter(LiveHop.class::isInstance)
            .map(h -> ((LiveHop) h).tagStep())
            .toList();
    assertThat(steps).hasSize(7).doesNotHaveDuplicates();
  }

  private static PlannedHop hop(NodeKeyPair opener, NodeKeyPair next, Component component) {
    Optional<PublicKey> nextKey = Optional.ofNullable(next).map(NodeKeyPair::publicKey);
    return new PlannedHop(
        opener.publicKey(), new LiveHop(nextKey, PAID.apply(opener.publicKey()), component));
  }

  @Test
  void a_round_trip_is_planned_as_in_the_reference() throws Exception {
    RoutePlan plan = overAbxBackCd();
    assertThat(withoutSteps(plan))
        .containsExactly(
            hop(o, a, Component.HOPPER),
            hop(a, b, Component.HOPPER),
            hop(b, x, Component.HOPPER),
            hop(x, c, Component.PROXY_CLIENT),
            hop(c, d, Component.HOPPER),
            hop(d, o, Component.HOPPER),
            hop(o, null, Component.PROXY_SERVER),
            new PlannedHop(o.publicKey(), new ReturnRouteId(42)));
  }

  @Test
  void a_zero_hop_round_trip_has_four_blocks_all_for_the_originator() throws Exception {
    RoutePlan plan =
        RoutePlan.roundTrip(
            keys(o, o),
            Component.PROXY_CLIENT,
            keys(o, o),
            Component.PROXY_SERVER,
            UNPAID,
            3,
            RANDOM);
    assertThat(withoutSteps(plan))
        .containsExactly(
            new PlannedHop(
                o.publicKey(),
                new LiveHop(Optional.of(o.publicKey()), Optional.empty(), Component.HOPPER)),
            new PlannedHop(
                o.publicKey(),
                new LiveHop(Optional.of(o.publicKey()), Optional.empty(), Component.PROXY_CLIENT)),
            new PlannedHop(
                o.publicKey(),
                new LiveHop(Optional.empty(), Optional.empty(), Component.PROXY_SERVER)),
            new PlannedHop(o.publicKey(), new ReturnRouteId(3)));
  }

  @Test
  void a_one_way_route_ends_in_its_recipient_with_no_next_key_and_no_return_route_id()
      throws Exception {
    RoutePlan plan = RoutePlan.oneWay(keys(o, a, x), Component.NEIGHBORHOOD, UNPAID, RANDOM);
    assertThat(withoutSteps(plan))
        .containsExactly(
            new PlannedHop(
                o.publicKey(),
                new LiveHop(Optional.of(a.publicKey()), Optional.empty(), Component.HOPPER)),
            new PlannedHop(
                a.publicKey(),
                new LiveHop(Optional.of(x.publicKey()), Optional.empty(), Component.HOPPER)),
            new PlannedHop(
                x.publicKey(),
                new LiveHop(Optional.empty(), Optional.empty(), Component.NEIGHBORHOOD)));
  }

  @Test
  void each_leg_needs_a_sender_and_a_receiver() {
    assertThatThrownBy(() -> RoutePlan.oneWay(keys(o), Component.NEIGHBORHOOD, UNPAID, RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                RoutePlan.roundTrip(
                    keys(o),
                    Component.PROXY_CLIENT,
                    keys(o, o),
                    Component.PROXY_SERVER,
                    UNPAID,
                    0,
                    RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                RoutePlan.roundTrip(
                    keys(o, x),
                    Component.PROXY_CLIENT,
                    keys(x),
                    Component.PROXY_SERVER,
                    UNPAID,
                    0,
                    RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_back_leg_must_start_at_the_exit_and_end_at_the_originator() {
    assertThatThrownBy(
            () ->
                RoutePlan.roundTrip(
                    keys(o, x),
                    Component.PROXY_CLIENT,
                    keys(a, o),
                    Component.PROXY_SERVER,
                    UNPAID,
                    0,
                    RANDOM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start where the over leg ends");
    assertThatThrownBy(
            () ->
                RoutePlan.roundTrip(
                    keys(o, x),
                    Component.PROXY_CLIENT,
                    keys(x, a),
                    Component.PROXY_SERVER,
                    UNPAID,
                    0,
                    RANDOM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end at the originator");
  }

  @Test
  void a_plan_of_22_blocks_seals_and_one_of_23_is_refused() throws Exception {
    List<PublicKey> longest = new ArrayList<>();
    for (int i = 0; i < Route.MAX_HOPS; i++) {
      longest.add(NodeKeyPair.generate(RANDOM).publicKey());
    }
    assertThat(RoutePlan.oneWay(longest, Component.NEIGHBORHOOD, UNPAID, RANDOM).seal().size())
        .isEqualTo(22);
    List<PublicKey> tooLong = new ArrayList<>(longest);
    tooLong.add(o.publicKey());
    assertThatThrownBy(() -> RoutePlan.oneWay(tooLong, Component.NEIGHBORHOOD, UNPAID, RANDOM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 22");
  }

  @Test
  void sealing_a_plan_again_gives_new_bytes_under_the_same_sessions() throws Exception {
    RoutePlan plan = RoutePlan.oneWay(keys(o, x), Component.NEIGHBORHOOD, UNPAID, RANDOM);
    Route first = plan.seal();
    Route second = plan.seal();
    assertThat(second).isNotEqualTo(first);
    RouteOpener opener = new RouteOpener(new EnvelopeOpener(o, 4));
    RouteOpener.OpenedHop firstHop = opener.openTop(first);
    RouteOpener.OpenedHop secondHop = opener.openTop(second);
    assertThat(secondHop.hop()).isEqualTo(firstHop.hop());
    assertThat(secondHop.session()).isSameAs(firstHop.session());
  }
}
