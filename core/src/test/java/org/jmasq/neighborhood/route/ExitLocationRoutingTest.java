package org.jmasq.neighborhood.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jmasq.crypto.PublicKey;
import org.junit.jupiter.api.Test;

/** Exit-location preferences (Part 2 §4.8): priorities, fallback, and the countries reachable. */
class ExitLocationRoutingTest {
  private static final List<String> COUNTRIES = List.of("CZ", "DE", "FR", "PL");
  private final RouteFinder finder = new RouteFinder();

  private static RouteQuery query(ExitPreferences preferences) {
    return new RouteQuery(3, 1_000, Optional.empty(), preferences);
  }

  /** Two branches from the originator, 0-1-2-3 and 0-5-6-7, with exits 3 and 7. */
  private static TestGraph twoExits(String at3, String at7) {
    return new TestGraph().chain(0, 1, 2, 3).chain(0, 5, 6, 7).country(3, at3).country(7, at7);
  }

  @Test
  void the_cli_form_is_read_as_priority_groups_and_written_back_the_same() {
    ExitPreferences p = ExitPreferences.parse("cz,PL|SK", false);

    assertThat(p.groups()).containsExactly(List.of("CZ", "PL"), List.of("SK"));
    assertThat(p.codes()).isEqualTo("CZ,PL|SK");
    assertThat(p.requested()).containsExactly("CZ", "PL", "SK");
    assertThat(p.missing(Set.of("PL"))).containsExactly("CZ", "SK");
    assertThat(ExitPreferences.parse(" ", true).active()).isFalse();
    assertThatThrownBy(() -> ExitPreferences.parse("CZ||SK", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExitPreferences.parse("CZE", true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void each_priority_below_the_first_costs_a_thousand_more() {
    ExitPreferences p = ExitPreferences.parse("CZ|DE|FR", false);

    assertThat(p.undesirability(Optional.of("CZ"))).hasValue(0);
    assertThat(p.undesirability(Optional.of("DE"))).hasValue(1_000);
    assertThat(p.undesirability(Optional.of("FR"))).hasValue(2_000);
    assertThat(p.undesirability(Optional.of("PL"))).isEmpty();
    assertThat(ExitPreferences.parse("CZ", true).undesirability(Optional.empty()))
        .hasValue(ExitPreferences.UNREACHABLE_COUNTRY_PENALTY);
  }

  @Test
  void the_first_priority_wins_unless_it_costs_more_than_a_thousand_extra() {
    ExitPreferences czThenDe = ExitPreferences.parse("CZ|DE", false);
    // Equal rates: the priority alone decides.
    TestGraph same = twoExits("CZ", "DE");
    assertThat(same.number(finder.find(same, query(czThenDe)).orElseThrow().exit())).isEqualTo(3);
    ExitPreferences deThenCz = ExitPreferences.parse("DE|CZ", false);
    assertThat(same.number(finder.find(same, query(deThenCz)).orElseThrow().exit())).isEqualTo(7);

    // The CZ exit's exit service costs far more than the 1000 the second priority adds.
    TestGraph dear = twoExits("CZ", "DE").rate(3, 10, 1_000_000).rate(7, 10, 0);
    assertThat(dear.number(finder.find(dear, query(czThenDe)).orElseThrow().exit())).isEqualTo(7);
  }

  @Test
  void without_fallback_a_route_falls_back_only_to_a_lower_priority_country() {
    TestGraph g = twoExits("FR", "DE");

    assertThat(
            g.number(
                finder.find(g, query(ExitPreferences.parse("CZ|DE", false))).orElseThrow().exit()))
        .isEqualTo(7);
    assertThat(finder.find(g, query(ExitPreferences.parse("CZ|PL", false)))).isEmpty();
    assertThat(finder.find(g, query(ExitPreferences.parse("CZ|PL", true)))).isPresent();
  }

  @Test
  void the_reachable_countries_are_those_of_exits_a_route_can_reach() {
    // 8 (PL) and 1 (CZ) are one hop out: exits only for one-hop routes.
    TestGraph g = twoExits("FR", "DE").chain(0, 8).country(8, "PL").country(1, "CZ");

    assertThat(ExitCountries.reachable(finder, g, keys(g, 8), 3)).containsExactly("DE", "FR");
    assertThat(ExitCountries.reachable(finder, g, keys(g, 8), 1)).contains("CZ", "PL");
  }

  @Test
  void a_shortfall_is_named_only_when_the_countries_alone_stand_in_the_way() {
    TestGraph g = twoExits("FR", "DE");
    List<PublicKey> keys = keys(g, 7);

    assertThat(ExitCountries.shortfall(finder, g, keys, 3, ExitPreferences.parse("JP|CZ", false)))
        .hasValue(
            "No exit is reachable in JP, CZ; exits are reachable in DE, FR. Choose other"
                + " countries with exit-location, or allow fallback routing.");
    // One requested country is reachable, fallback is on, or no preference: nothing stands in the
    // way of a route.
    assertThat(ExitCountries.shortfall(finder, g, keys, 3, ExitPreferences.parse("JP|DE", false)))
        .isEmpty();
    assertThat(ExitCountries.shortfall(finder, g, keys, 3, ExitPreferences.parse("JP", true)))
        .isEmpty();
    assertThat(ExitCountries.shortfall(finder, g, keys, 3, ExitPreferences.NONE)).isEmpty();
    // No route at all, wherever it exits: a route is worth waiting for.
    assertThat(ExitCountries.shortfall(finder, g, keys, 4, ExitPreferences.parse("JP", false)))
        .isEmpty();
  }

  private static List<PublicKey> keys(TestGraph g, int last) {
    return IntStream.rangeClosed(0, last).mapToObj(g::key).toList();
  }

  @Property(tries = 40)
  void a_route_without_fallback_exits_only_in_a_requested_country_and_exists_when_one_is_reachable(
      @ForAll @IntRange(min = 6, max = 30) int size,
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 3) int minHops) {
    Random random = new Random(seed);
    TestGraph g = new TestGraph();
    for (int n = 1; n < size; n++) {
      g.full(n, random.nextInt(n));
      if (random.nextBoolean()) {
        g.full(n, random.nextInt(n));
      }
      if (random.nextInt(5) != 0) {
        g.country(n, COUNTRIES.get(random.nextInt(COUNTRIES.size())));
      }
    }
    List<String> wanted = new ArrayList<>(List.of(COUNTRIES.get(random.nextInt(4))));
    if (random.nextBoolean()) {
      wanted.add(COUNTRIES.get(random.nextInt(4)));
    }
    ExitPreferences strict =
        new ExitPreferences(wanted.stream().distinct().map(List::of).toList(), false);
    Set<String> reachable = ExitCountries.reachable(finder, g, keys(g, size - 1), minHops);
    RouteQuery q = new RouteQuery(minHops, 1_000, Optional.empty(), strict);

    Optional<RoundTripRoute> found = finder.find(g, q);

    assertThat(found.isPresent()).isEqualTo(!strict.missing(reachable).equals(strict.requested()));
    found.ifPresent(
        r -> assertThat(strict.requested()).contains(g.country(r.exit()).orElseThrow()));
    if (finder
        .find(g, new RouteQuery(minHops, 1_000, Optional.empty(), ExitPreferences.NONE))
        .isPresent()) {
      assertThat(
              finder.find(
                  g,
                  new RouteQuery(
                      minHops,
                      1_000,
                      Optional.empty(),
                      new ExitPreferences(strict.groups(), true))))
          .isPresent();
    }
  }
}
