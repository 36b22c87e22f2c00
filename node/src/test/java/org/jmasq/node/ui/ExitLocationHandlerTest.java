package org.jmasq.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.node.database.DatabaseException;
import org.junit.jupiter.api.Test;

class ExitLocationHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Holds the choice, records what was kept, and reaches the countries it is given. */
  private static final class Exits implements UiNode.ExitLocations {
    ExitPreferences current = ExitPreferences.NONE;
    final List<ExitPreferences> kept = new ArrayList<>();
    Optional<SortedSet<String>> reachable;

    Exits(String... reachable) {
      this.reachable = Optional.of(new TreeSet<>(List.of(reachable)));
    }

    @Override
    public ExitPreferences current() {
      return current;
    }

    @Override
    public void choose(ExitPreferences preferences) throws DatabaseException {
      current = preferences;
      kept.add(preferences);
    }

    @Override
    public Optional<SortedSet<String>> reachable() {
      return reachable;
    }
  }

  private static UiAnswer ask(Exits exits, String json) throws Exception {
    return new ExitLocationHandler(Optional.of(exits)).handle((ObjectNode) JSON.readTree(json));
  }

  private static ObjectNode ok(UiAnswer answer) {
    assertThat(answer).isInstanceOf(UiAnswer.Ok.class);
    return ((UiAnswer.Ok) answer).payload();
  }

  @Test
  void a_choice_holds_is_kept_and_is_answered_with_its_groups_and_missing_countries()
      throws Exception {
    Exits exits = new Exits("DE", "FR", "PL");

    ObjectNode out =
        ok(
            ask(
                exits,
                "{\"fallbackRouting\":false,\"showCountries\":false,\"exitLocations\":["
                    + "{\"countryCodes\":[\"SK\"],\"priority\":2},"
                    + "{\"countryCodes\":[\"CZ\",\"PL\"],\"priority\":1}]}"));

    assertThat(exits.kept).containsExactly(ExitPreferences.parse("CZ,PL|SK", false));
    assertThat(out.toString())
        .isEqualTo(
            "{\"fallbackRouting\":false,\"exitCountrySelection\":["
                + "{\"countryCodes\":[\"CZ\",\"PL\"],\"priority\":1},"
                + "{\"countryCodes\":[\"SK\"],\"priority\":2}],"
                + "\"exitCountries\":null,\"missingCountries\":[\"CZ\",\"SK\"]}");
  }

  @Test
  void when_every_requested_country_is_missing_the_answer_is_the_error_naming_them()
      throws Exception {
    Exits exits = new Exits("DE");

    UiAnswer answer =
        ask(
            exits,
            "{\"fallbackRouting\":false,\"showCountries\":false,\"exitLocations\":["
                + "{\"countryCodes\":[\"CZ\",\"SK\"],\"priority\":1}]}");

    assertThat(answer)
        .isEqualTo(
            new UiAnswer.Failed(UiErrors.EXIT_COUNTRY_MISSING_COUNTRIES_ERROR, "\"CZ, SK\""));
    assertThat(exits.current.codes()).as("the choice holds all the same").isEqualTo("CZ,SK");
  }

  @Test
  void show_countries_lists_the_reachable_ones_and_changes_nothing() throws Exception {
    Exits exits = new Exits("CZ", "DE", "FR");
    exits.current = ExitPreferences.parse("FR|JP", true);

    ObjectNode out =
        ok(ask(exits, "{\"fallbackRouting\":true,\"showCountries\":true,\"exitLocations\":[]}"));

    assertThat(exits.kept).isEmpty();
    assertThat(out.get("exitCountries").toString()).isEqualTo("[\"CZ\",\"DE\",\"FR\"]");
    assertThat(out.get("missingCountries").toString()).isEqualTo("[\"JP\"]");
    assertThat(out.get("fallbackRouting").asBoolean()).isTrue();
  }

  @Test
  void no_locations_turn_the_preferences_off() throws Exception {
    Exits exits = new Exits("DE");
    exits.current = ExitPreferences.parse("FR", false);

    ObjectNode out =
        ok(ask(exits, "{\"fallbackRouting\":true,\"showCountries\":false,\"exitLocations\":[]}"));

    assertThat(exits.current).isEqualTo(ExitPreferences.NONE);
    assertThat(out.get("exitCountrySelection")).isEmpty();
  }

  @Test
  void a_malformed_country_code_or_priority_is_refused_and_nothing_changes() throws Exception {
    Exits exits = new Exits("DE");
    for (String bad :
        List.of(
            "{\"exitLocations\":[{\"countryCodes\":[\"CZE\"],\"priority\":1}]}",
            "{\"exitLocations\":[{\"countryCodes\":[\"CZ\"],\"priority\":0}]}",
            "{\"exitLocations\":{\"countryCodes\":[\"CZ\"]}}")) {
      assertThat(ask(exits, bad)).isInstanceOf(UiAnswer.Failed.class);
    }
    assertThat(exits.kept).isEmpty();
  }

  @Test
  void a_zero_hop_node_says_exit_location_does_not_apply() {
    assertThat(new ExitLocationHandler(Optional.empty()).handle(JSON.createObjectNode()))
        .isInstanceOf(UiAnswer.Failed.class);
  }
}
