package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.node.database.DatabaseException;

/**
 * {@code exitLocation} (Part 2 §8.3): {@code {fallbackRouting, exitLocations:[{countryCodes,
 * priority}], showCountries}} → {@code {fallbackRouting, exitCountrySelection:[{countryCodes,
 * priority}], exitCountries, missingCountries}}. With {@code showCountries} the choice is left as
 * it is and {@code exitCountries} lists the countries of the exits a route reaches now; otherwise
 * the request's choice holds for new routes and is kept for the next start. When none of the
 * requested countries has a reachable exit, the choice still holds (such exits may join later), but
 * the answer is the error {@link UiErrors#EXIT_COUNTRY_MISSING_COUNTRIES_ERROR} naming them.
 */
final class ExitLocationHandler implements UiHandler {
  private final Optional<UiNode.ExitLocations> exits;

  ExitLocationHandler(Optional<UiNode.ExitLocations> exits) {
    this.exits = exits;
  }

  @Override
  public UiAnswer handle(ObjectNode request) {
    if (exits.isEmpty()) {
      return UiAnswer.failed(
          UiErrors.UNMARSHAL_ERROR,
          "exitLocation does not apply to a zero-hop Node: it is its own exit");
    }
    boolean show = request.path("showCountries").asBoolean(false);
    ExitPreferences chosen;
    if (show) {
      chosen = exits.get().current();
    } else {
      Optional<ExitPreferences> read = read(request);
      if (read.isEmpty()) {
        return UiAnswer.failed(
            UiErrors.UNMARSHAL_ERROR,
            "exitLocations: expected [{countryCodes: [two capital letters, ...], priority: 1..}]");
      }
      chosen = read.get();
      try {
        exits.get().choose(chosen);
      } catch (DatabaseException e) {
        return UiAnswer.failed(
            UiErrors.CONFIGURATOR_WRITE_ERROR,
            "the exit location holds until the Node stops, but was not kept: " + e.getMessage());
      }
    }
    Optional<SortedSet<String>> reachable = exits.get().reachable();
    if (show && reachable.isEmpty()) {
      return UiAnswer.failed(UiErrors.TIMEOUT_ERROR, "the Neighborhood did not answer; try again");
    }
    List<String> missing = chosen.missing(reachable.orElseGet(TreeSet::new));
    if (!show && chosen.active() && reachable.isPresent() && missing.equals(chosen.requested())) {
      return UiAnswer.failed(
          UiErrors.EXIT_COUNTRY_MISSING_COUNTRIES_ERROR, "\"" + String.join(", ", missing) + "\"");
    }
    ObjectNode out = UiAnswer.object();
    out.put("fallbackRouting", chosen.fallback());
    ArrayNode selection = out.putArray("exitCountrySelection");
    for (int i = 0; i < chosen.groups().size(); i++) {
      ObjectNode group = selection.addObject();
      chosen.groups().get(i).forEach(group.putArray("countryCodes")::add);
      group.put("priority", i + 1);
    }
    if (show) {
      reachable.get().forEach(out.putArray("exitCountries")::add);
    } else {
      out.putNull("exitCountries");
    }
    missing.forEach(out.putArray("missingCountries")::add);
    return UiAnswer.ok(out);
  }

  /** The request's groups by priority (equal priorities joined); empty if it is not well formed. */
  private static Optional<ExitPreferences> read(ObjectNode request) {
    JsonNode locations = request.path("exitLocations");
    if (!locations.isMissingNode() && !locations.isArray()) {
      return Optional.empty();
    }
    Map<Integer, List<String>> byPriority = new TreeMap<>();
    for (JsonNode location : locations) {
      JsonNode codes = location.path("countryCodes");
      int priority = location.path("priority").asInt(0);
      if (!codes.isArray() || priority < 1) {
        return Optional.empty();
      }
      for (JsonNode code : codes) {
        if (!code.isTextual()) {
          return Optional.empty();
        }
        byPriority.computeIfAbsent(priority, p -> new ArrayList<>()).add(code.asText());
      }
    }
    if (byPriority.isEmpty()) {
      return Optional.of(ExitPreferences.NONE);
    }
    try {
      return Optional.of(
          new ExitPreferences(
              List.copyOf(byPriority.values()), request.path("fallbackRouting").asBoolean(false)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
