package org.jmasq.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Simulated time, moved only by the simulator. */
final class FakeClock implements InstantSource {
  private Instant now;

  FakeClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  void advance(Duration by) {
    now = now.plus(by);
  }
}
