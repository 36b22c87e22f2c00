package org.jmasq.testbed.emulator;

import java.util.Objects;

/** What the delay line did with one packet: holds it until a time, or dropped it and why. */
public sealed interface Verdict {

  /** The packet is held, and {@link DelayLine#due} hands it back at {@code releaseAtNanos}. */
  record Scheduled(long releaseAtNanos) implements Verdict {}

  /** The packet is gone. */
  record Dropped(Reason reason) implements Verdict {

    /** Requires a reason. */
    public Dropped {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why a packet was dropped. */
  enum Reason {
    /** Not an IPv4 packet, or a malformed one. */
    MALFORMED,
    /** An IPv4 packet whose source or destination is not in the testbed. */
    FOREIGN,
    /** Lost on purpose, at the pair's loss rate. */
    LOST,
    /** The pair's queue already held as much as its cap allows, as a router's would. */
    QUEUE_FULL,
    /** The emulator already held as many packets as it allows in all. */
    OVERLOADED
  }
}
