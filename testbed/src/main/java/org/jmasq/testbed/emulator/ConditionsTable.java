package org.jmasq.testbed.emulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The conditions of every pair of hosts: those set for a pair (unordered: both directions alike),
 * and a default for every pair not listed. Immutable; each change gives a new table.
 */
public record ConditionsTable(LinkConditions byDefault, Map<HostPair, LinkConditions> pairs) {

  /** Copies the map, so the table cannot change under its reader. */
  public ConditionsTable {
    Objects.requireNonNull(byDefault, "byDefault");
    pairs = Map.copyOf(pairs);
  }

  /** A table where every pair has {@code byDefault}. */
  public static ConditionsTable of(LinkConditions byDefault) {
    return new ConditionsTable(byDefault, Map.of());
  }

  /** This table, with {@code conditions} for the pair of {@code a} and {@code b}. */
  public ConditionsTable with(Ipv4Address a, Ipv4Address b, LinkConditions conditions) {
    Map<HostPair, LinkConditions> changed = new HashMap<>(pairs);
    changed.put(HostPair.of(a, b), Objects.requireNonNull(conditions, "conditions"));
    return new ConditionsTable(byDefault, changed);
  }

  /** This table, with {@code conditions} for every pair not listed. */
  public ConditionsTable withDefault(LinkConditions conditions) {
    return new ConditionsTable(conditions, pairs);
  }

  /** The conditions between {@code a} and {@code b}, either way. */
  public LinkConditions between(Ipv4Address a, Ipv4Address b) {
    return pairs.getOrDefault(HostPair.of(a, b), byDefault);
  }
}
