package org.jmasq.neighborhood.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jmasq.crypto.PublicKey;
import org.junit.jupiter.api.Test;

/** Part 2 §4.8 route finding. */
class RouteFinderTest {
  private final RouteFinder finder = new RouteFinder();

  private static RouteQuery query(int minHops) {
    return new RouteQuery(minHops, 1_000, Optional.empty(), ExitPreferences.NONE);
  }

  /** 0-1-2-3-4 and a second branch 0-5-6-7, with 3 and 7 joined: every Node routes. */
  private static TestGraph ring() {
    return new TestGraph().chain(0, 1, 2, 3, 4).chain(0, 5, 6, 7).full(3, 7);
  }

  @Test
  void a_route_has_min_hops_over_and_at_least_min_hops_back_and_the_back_leg_starts_at_the_exit() {
    TestGraph g = ring();

    RoundTripRoute route = finder.find(g, query(3)).orElseThrow();

    assertThat(route.over()).hasSize(4);
    assertThat(route.over().get(0)).isEqualTo(g.origin());
    assertThat(route.back().get(0)).isEqualTo(route.exit());
    assertThat(route.back().get(route.back().size() - 1)).isEqualTo(g.origin());
    assertThat(route.back().size() - 1).isGreaterThanOrEqualTo(3);
  }

  @Test
  void min_hops_can_be_anything_from_1_to_6() {
    TestGraph line = new TestGraph().chain(0, 1, 2, 3, 4, 5, 6, 7);
    for (int hops = 1; hops <= 6; hops++) {
      RoundTripRoute route = finder.find(line, query(hops)).orElseThrow();
      assertThat(route.overHops()).isEqualTo(hops);
      assertThat(line.numbers(route.over())).startsWith(0).endsWith(hops);
    }
  }

  @Test
  void only_full_neighbors_carry_a_route() {
    TestGraph g = new TestGraph().chain(0, 1, 2).half(2, 3).half(3, 2);
    g.half(3, 9);

    assertThat(finder.find(g, query(3))).isPresent();
    TestGraph halfOnly = new TestGraph().chain(0, 1, 2).half(2, 3);
    assertThat(finder.find(halfOnly, query(3))).isEmpty();
  }

  @Test
  void nodes_that_do_not_route_data_are_never_used() {
    TestGraph g = ring().noRouting(2);

    RoundTripRoute route = finder.find(g, query(3)).orElseThrow();

    assertThat(route.over()).doesNotContain(g.key(2));
    assertThat(route.back()).doesNotContain(g.key(2));
  }

  @Test
  void no_node_appears_twice_in_a_leg() {
    TestGraph g = ring();
    RoundTripRoute route = finder.find(g, query(3)).orElseThrow();

    assertThat(new HashSet<>(route.over())).hasSameSizeAs(route.over());
    assertThat(new HashSet<>(route.back())).hasSameSizeAs(route.back());
  }

  @Test
  void the_exit_is_never_adjacent_to_the_originator() {
    // 0-1-2-3 with 3 also linked to 0: 3 cannot exit; 4 beyond it can only be reached at 4 hops.
    TestGraph g = new TestGraph().chain(0, 1, 2, 3).full(0, 3);
    assertThat(finder.find(g, query(3))).isEmpty();

    g.chain(2, 8);
    assertThat(finder.find(g, query(3)).orElseThrow().exit()).isEqualTo(g.key(8));
  }

  @Test
  void the_cheapest_route_by_rate_packs_wins() {
    TestGraph g = new TestGraph().chain(0, 1, 2, 3).chain(0, 5, 6, 7).rate(1, 1_000, 1_000);

    assertThat(g.numbers(finder.find(g, query(3)).orElseThrow().over()))
        .containsExactly(0, 5, 6, 7);
  }

  @Test
  void the_back_leg_is_priced_at_1000_times_the_payload() {
    // Two ways back from exit 3: via 2-1 (cheap byte rate) or via 4-5 (expensive byte rate).
    TestGraph g = new TestGraph().chain(0, 1, 2, 3).chain(3, 4, 5, 0);
    g.rate(4, 50, 20).rate(5, 50, 20);

    RoundTripRoute route = finder.find(g, query(3)).orElseThrow();

    assertThat(g.numbers(route.back())).containsExactly(3, 2, 1, 0);
    RatePack1000 expectation = new RatePack1000();
    assertThat(route.undesirability()).isGreaterThan(expectation.minimumBackCost());
  }

  /** The back leg alone must cost at least its relays' routing charge at 1000× the payload. */
  private static final class RatePack1000 {
    long minimumBackCost() {
      return 2 * (10 + 10 * 1_000L * 1_000);
    }
  }

  @Test
  void an_exit_country_preference_without_fallback_forces_an_exit_in_that_country() {
    TestGraph g =
        new TestGraph()
            .chain(0, 1, 2, 3)
            .chain(0, 5, 6, 7)
            .rate(1, 1_000, 1_000)
            .country(3, "FR")
            .country(7, "DE");
    ExitPreferences fr = new ExitPreferences(List.of(List.of("FR")), false);

    RoundTripRoute route =
        finder.find(g, new RouteQuery(3, 1_000, Optional.empty(), fr)).orElseThrow();

    assertThat(route.exit()).isEqualTo(g.key(3));
  }

  @Test
  void an_exit_country_preference_without_fallback_fails_when_no_such_exit_exists() {
    TestGraph g = ring().country(3, "DE").country(7, "DE").country(4, "DE");
    ExitPreferences jp = new ExitPreferences(List.of(List.of("JP")), false);

    assertThat(finder.find(g, new RouteQuery(3, 1_000, Optional.empty(), jp))).isEmpty();
  }

  @Test
  void an_exit_country_preference_with_fallback_prefers_but_does_not_require() {
    TestGraph g =
        new TestGraph()
            .chain(0, 1, 2, 3)
            .chain(0, 5, 6, 7)
            .country(3, "FR")
            .country(7, "DE")
            .rate(3, 10, 50_000);
    ExitPreferences fr = new ExitPreferences(List.of(List.of("FR")), true);
    assertThat(finder.find(g, new RouteQuery(3, 1_000, Optional.empty(), fr)).orElseThrow().exit())
        .isEqualTo(g.key(3));

    ExitPreferences jp = new ExitPreferences(List.of(List.of("JP")), true);
    assertThat(finder.find(g, new RouteQuery(3, 1_000, Optional.empty(), jp))).isPresent();
  }

  @Test
  void the_search_goes_past_min_hops_to_reach_a_wanted_country() {
    TestGraph g = new TestGraph().chain(0, 1, 2, 3, 4).country(3, "DE").country(4, "FR");
    ExitPreferences fr = new ExitPreferences(List.of(List.of("FR")), false);

    assertThat(finder.find(g, new RouteQuery(3, 1_000, Optional.empty(), fr)).orElseThrow().exit())
        .isEqualTo(g.key(4));
  }

  @Test
  void an_exit_that_failed_to_resolve_a_host_is_avoided_for_that_host_only() {
    TestGraph g =
        new TestGraph()
            .chain(0, 1, 2, 3)
            .chain(0, 5, 6, 7)
            .rate(7, 1_000, 1_000)
            .unreachable(3, "example.com");

    assertThat(
            finder
                .find(g, new RouteQuery(3, 1_000, Optional.of("example.com"), ExitPreferences.NONE))
                .orElseThrow()
                .exit())
        .isEqualTo(g.key(7));
    assertThat(
            finder
                .find(g, new RouteQuery(3, 1_000, Optional.of("example.org"), ExitPreferences.NONE))
                .orElseThrow()
                .exit())
        .isEqualTo(g.key(3));
  }

  @Test
  void the_search_on_a_complete_graph_stays_within_its_budget() {
    TestGraph g = new TestGraph();
    for (int a = 0; a < 60; a++) {
      for (int b = a + 1; b < 60; b++) {
        g.full(a, b);
      }
    }
    // Everyone neighbors the origin, so no exit qualifies: the worst case for the search.
    RouteFinder.Search search = finder.search(g, query(3));

    assertThat(search.route()).isEmpty();
    assertThat(search.expansions()).isLessThanOrEqualTo(RouteFinder.DEFAULT_EXPANSION_BUDGET + 1);
  }

  @Property(tries = 40)
  void every_route_found_on_a_random_graph_keeps_every_rule(
      @ForAll @IntRange(min = 6, max = 30) int size,
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int minHops) {
    java.util.Random random = new java.util.Random(seed);
    TestGraph g = new TestGraph();
    for (int n = 1; n < size; n++) {
      g.full(n, random.nextInt(n));
      if (random.nextBoolean()) {
        g.full(n, random.nextInt(n));
      }
    }
    Optional<RoundTripRoute> found = finder.find(g, query(minHops));
    found.ifPresent(
        route -> {
          assertThat(route.overHops()).isGreaterThanOrEqualTo(minHops);
          assertThat(route.back().size() - 1).isGreaterThanOrEqualTo(minHops);
          for (List<PublicKey> leg : List.of(route.over(), route.back())) {
            assertThat(new HashSet<>(leg)).hasSameSizeAs(leg);
            for (int i = 0; i + 1 < leg.size(); i++) {
              assertThat(g.fullNeighbors(leg.get(i))).contains(leg.get(i + 1));
            }
          }
          if (route.overHops() > 1) {
            assertThat(g.lists(route.exit(), g.origin()) || g.lists(g.origin(), route.exit()))
                .isFalse();
          }
        });
  }

  @Test
  void the_graph_exports_as_graphviz_dot_with_full_and_half_links() {
    TestGraph g = new TestGraph().chain(0, 1).half(1, 2).country(1, "DE");

    String dot = GraphvizExport.toDot(g, List.of(g.key(0), g.key(1), g.key(2)));

    assertThat(dot)
        .startsWith("digraph neighborhood {")
        .contains("doublecircle")
        .contains("[dir=none]")
        .contains("[style=dashed]")
        .contains("\\nDE")
        .endsWith("}\n");
  }
}
