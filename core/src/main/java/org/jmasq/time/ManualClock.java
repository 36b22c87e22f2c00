package org.jmasq.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told to: the simulator's time, and the tests'. It is a {@link Clock}
 * so that it serves both the parts that take an {@code InstantSource} and those that take a {@code
 * Clock}. Reads and moves may come from different threads.
 */
public final class ManualClock extends Clock {
  private volatile Instant now;

  public ManualClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * The zone only names how instants are shown; this clock keeps UTC and stays the one that moves.
   */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
