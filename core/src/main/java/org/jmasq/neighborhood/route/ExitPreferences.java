package org.jmasq.neighborhood.route;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the user wants traffic to leave the network: groups of country codes, the first group
 * preferred (priority 1). With {@code fallback}, exits elsewhere are allowed at a heavy penalty;
 * without it, a route must exit in a requested country or there is no route.
 */
public record ExitPreferences(List<List<String>> groups, boolean fallback) {
  public static final ExitPreferences NONE = new ExitPreferences(List.of(), true);
  static final long COUNTRY_UNDESIRABILITY_FACTOR = 1_000;
  static final long UNREACHABLE_COUNTRY_PENALTY = 100_000_000;

  public ExitPreferences {
    groups = groups.stream().map(List::copyOf).toList();
  }

  boolean active() {
    return !groups.isEmpty();
  }

  /**
   * The extra undesirability of exiting in {@code country}; empty when such an exit is not allowed
   * at all.
   */
  OptionalLong undesirability(Optional<String> country) {
    if (!active()) {
      return OptionalLong.of(0);
    }
    if (country.isPresent()) {
      for (int i = 0; i < groups.size(); i++) {
        if (groups.get(i).contains(country.get())) {
          return OptionalLong.of(COUNTRY_UNDESIRABILITY_FACTOR * i);
        }
      }
    }
    return fallback ? OptionalLong.of(UNREACHABLE_COUNTRY_PENALTY) : OptionalLong.empty();
  }
}
