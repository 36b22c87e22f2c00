package org.jmasq.node.hopper;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Why the Hopper dropped a package, in few enough kinds to count each (an operator's metric label),
 * where the log line says the detail.
 */
public enum DropReason {
  /** Its bytes, its hop block or its payload could not be decoded or opened. */
  UNDECODABLE,
  /** Its route is not one a sender could have made: no next Node, a missing block, a loop. */
  BAD_ROUTE,
  /** Relay or exit refused its payer: no proof, a bad proof, a banned or unfunded wallet. */
  PAYER_REFUSED,
  /** It came before: a replay, served once only. */
  REPLAYED,
  /** The next Node could not be reached. */
  NEXT_UNREACHABLE,
  /** Its payload is a message the named component does not take. */
  WRONG_COMPONENT;

  /** The label an operator sees: {@code payer_refused}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A counter for each reason, at 0. */
  static Map<DropReason, LongAdder> counters() {
    Map<DropReason, LongAdder> counters = new EnumMap<>(DropReason.class);
    for (DropReason reason : values()) {
      counters.put(reason, new LongAdder());
    }
    return counters;
  }
}
