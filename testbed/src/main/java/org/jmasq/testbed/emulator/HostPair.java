package org.jmasq.testbed.emulator;

import java.util.Objects;

/**
 * Two hosts, unordered: a link's conditions hold the same way in both directions, as on a real
 * symmetric path, so {@code of(a, b)} equals {@code of(b, a)}.
 */
public record HostPair(Ipv4Address low, Ipv4Address high) {

  /** Keeps the canonical order, so that one pair has one key. */
  public HostPair {
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(high, "high");
    if (low.compareTo(high) > 0) {
      throw new IllegalArgumentException("pair: " + low + " > " + high + " (use HostPair.of)");
    }
  }

  /** The pair of {@code a} and {@code b}, in either order. */
  public static HostPair of(Ipv4Address a, Ipv4Address b) {
    return a.compareTo(b) <= 0 ? new HostPair(a, b) : new HostPair(b, a);
  }
}
