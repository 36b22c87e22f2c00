package org.jmasq.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One route of {@code ip -4 route show table all}: where it leads ({@code default} is the empty
 * destination) and the gateways it goes through (a multipath route lists its next hops on
 * continuation lines, folded in here). A destination that is not an IPv4 prefix is kept as
 * unreadable rather than guessed at.
 */
record RouteLine(String text, Optional<Ipv4Prefix> destination, List<Ipv4> vias, boolean readable) {

  private static final Set<String> TYPES =
      Set.of(
          "unicast",
          "local",
          "broadcast",
          "multicast",
          "anycast",
          "unreachable",
          "blackhole",
          "prohibit",
          "throw",
          "nat");

  boolean isDefault() {
    return readable && destination.isEmpty();
  }

  static List<RouteLine> parseAll(String output) {
    List<String> routes = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0)) && !routes.isEmpty()) {
        routes.set(routes.size() - 1, routes.getLast() + " " + line.strip());
      } else {
        routes.add(line.strip());
      }
    }
    return routes.stream().map(RouteLine::parse).toList();
  }

  static RouteLine parse(String line) {
    String[] tokens = line.split("\\s+");
    int at = TYPES.contains(tokens[0]) && tokens.length > 1 ? 1 : 0;
    List<Ipv4> vias = new ArrayList<>();
    try {
      Optional<Ipv4Prefix> destination =
          tokens[at].equals("default")
              ? Optional.empty()
              : Optional.of(Ipv4Prefix.parse(tokens[at]));
      for (int i = at + 1; i + 1 < tokens.length; i++) {
        if (tokens[i].equals("via")) {
          vias.add(Ipv4.parse(tokens[i + 1]));
        }
      }
      return new RouteLine(line, destination, List.copyOf(vias), true);
    } catch (IllegalArgumentException unreadable) {
      return new RouteLine(line, Optional.empty(), List.of(), false);
    }
  }

  /** Whether every address this route leads to lies within one of the ranges. */
  boolean within(List<Ipv4Prefix> ranges) {
    return destination
        .map(
            d -> ranges.stream().anyMatch(r -> r.length() <= d.length() && r.contains(d.network())))
        .orElse(false);
  }

  /** Whether every gateway of this route lies within one of the ranges. */
  boolean viasWithin(List<Ipv4Prefix> ranges) {
    return vias.stream().allMatch(v -> ranges.stream().anyMatch(r -> r.contains(v)));
  }
}
