package org.jmasq.neighborhood.route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Where the user wants traffic to leave the network: groups of country codes, the first group
 * preferred (priority 1). With {@code fallback}, exits elsewhere are allowed at a heavy penalty;
 * without it, a route must exit in a requested country or there is no route.
 */
public record ExitPreferences(List<List<String>> groups, boolean fallback) {
  public static final ExitPreferences NONE = new ExitPreferences(List.of(), true);
  static final long COUNTRY_UNDESIRABILITY_FACTOR = 1_000;
  static final long UNREACHABLE_COUNTRY_PENALTY = 100_000_000;
  private static final Pattern CODE = Pattern.compile("[A-Z]{2}");

  public ExitPreferences {
    groups = groups.stream().map(List::copyOf).toList();
    for (List<String> group : groups) {
      if (group.isEmpty()) {
        throw new IllegalArgumentException("a priority group needs at least one country code");
      }
      for (String code : group) {
        if (!CODE.matcher(code).matches()) {
          throw new IllegalArgumentException(
              "country code: " + code + " (expected: two capital letters, as in CZ)");
        }
      }
    }
  }

  /**
   * Reads the CLI's form: groups separated by {@code |}, from priority 1 on, the countries of one
   * group by {@code ,}; {@code "CZ,PL|SK"}. Lower case is taken as upper; a blank text is no
   * preference.
   *
   * @throws IllegalArgumentException when a code is not two letters or a group is empty
   */
  public static ExitPreferences parse(String codes, boolean fallback) {
    if (codes.isBlank()) {
      return new ExitPreferences(List.of(), fallback);
    }
    List<List<String>> groups = new ArrayList<>();
    for (String group : codes.split("\\|", -1)) {
      List<String> members = new ArrayList<>();
      for (String code : group.split(",", -1)) {
        members.add(code.trim().toUpperCase(java.util.Locale.ROOT));
      }
      groups.add(members);
    }
    return new ExitPreferences(groups, fallback);
  }

  /** The CLI's form of the groups, {@code "CZ,PL|SK"}; empty when there are none. */
  public String codes() {
    return String.join("|", groups.stream().map(g -> String.join(",", g)).toList());
  }

  /** True when the user asked for some countries. */
  public boolean active() {
    return !groups.isEmpty();
  }

  /** Every requested country, by priority. */
  public List<String> requested() {
    return groups.stream().flatMap(List::stream).distinct().toList();
  }

  /** The requested countries that {@code available} lacks, by priority. */
  public List<String> missing(Collection<String> available) {
    return requested().stream().filter(c -> !available.contains(c)).toList();
  }

  /**
   * The extra undesirability of exiting in {@code country}: {@code 1000 × (priority − 1)} in a
   * requested country; with fallback, {@value #UNREACHABLE_COUNTRY_PENALTY} elsewhere (and where
   * the country is unknown); empty when such an exit is not allowed at all.
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
