package org.jmasq.neighborhood;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on the caller's clock: it holds at most {@code capacity} tokens, gains {@code
 * perSecond} of them each second, and a taker gets what it asks for only while enough are left. So
 * a peer may send a burst of {@code capacity} at once, and {@code perSecond} a second for as long
 * as it likes, and no more. It reads no clock: every call says what time it is. Not thread-safe.
 */
public final class TokenBucket {
  private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

  private final long capacity;
  private final long perSecond;
  // In billionths of a token, so that refills of a few nanoseconds are not lost to rounding.
  private long nanoTokens;
  private Instant last;

  /** A full bucket as of {@code now}. */
  public TokenBucket(long capacity, long perSecond, Instant now) {
    if (capacity < 1 || capacity > Integer.MAX_VALUE || perSecond < 1 || perSecond > capacity) {
      throw new IllegalArgumentException(
          "capacity "
              + capacity
              + ", perSecond "
              + perSecond
              + " (expected: 1 ≤ perSecond ≤ capacity)");
    }
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.nanoTokens = capacity * NANOS_PER_SECOND;
    this.last = now;
  }

  /**
   * Takes {@code tokens} if the bucket holds that many at {@code now}; false, taking none, if not.
   */
  public boolean tryTake(long tokens, Instant now) {
    refill(now);
    if (tokens < 0 || tokens > capacity || tokens * NANOS_PER_SECOND > nanoTokens) {
      return false;
    }
    nanoTokens -= tokens * NANOS_PER_SECOND;
    return true;
  }

  private void refill(Instant now) {
    if (!now.isAfter(last)) {
      return;
    }
    Duration passed = Duration.between(last, now);
    last = now;
    long max = capacity * NANOS_PER_SECOND;
    // Past one full refill the bucket is full whatever else, so long silences cannot overflow.
    if (passed.getSeconds() > capacity / perSecond) {
      nanoTokens = max;
      return;
    }
    nanoTokens = Math.min(max, nanoTokens + passed.toNanos() * perSecond);
  }
}
