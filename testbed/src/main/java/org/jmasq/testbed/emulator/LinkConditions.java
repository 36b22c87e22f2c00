package org.jmasq.testbed.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a link between two hosts does to each packet, in each direction: holds it for a one-way
 * delay, loses it with some probability, and sends it no faster than a rate.
 *
 * @param oneWayDelay added to every packet, 0 to 150 ms (a round trip pays it twice)
 * @param lossFraction the chance that a packet is lost, 0 to 0.05
 * @param rateBitsPerSecond the bandwidth cap of each direction, 8 kbit/s to 100 Gbit/s, or empty
 *     for none
 */
public record LinkConditions(
    Duration oneWayDelay, double lossFraction, OptionalLong rateBitsPerSecond) {

  /** The longest one-way delay a link may have. */
  public static final Duration MAX_DELAY = Duration.ofMillis(150);

  /** The highest loss a link may have. */
  public static final double MAX_LOSS = 0.05;

  /** The lowest cap: below it one full packet takes longer than a second to send. */
  public static final long MIN_RATE = 8_000;

  /** The highest cap, far above what the emulator can carry. */
  public static final long MAX_RATE = 100_000_000_000L;

  /** A link that adds nothing: no delay, no loss, no cap. */
  public static final LinkConditions NONE =
      new LinkConditions(Duration.ZERO, 0, OptionalLong.empty());

  /** Checks every range. */
  public LinkConditions {
    Objects.requireNonNull(oneWayDelay, "oneWayDelay");
    Objects.requireNonNull(rateBitsPerSecond, "rateBitsPerSecond");
    if (oneWayDelay.isNegative() || oneWayDelay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          "oneWayDelay: " + oneWayDelay.toMillis() + " ms (expected: 0~150 ms)");
    }
    if (!(lossFraction >= 0 && lossFraction <= MAX_LOSS)) {
      throw new IllegalArgumentException("lossFraction: " + lossFraction + " (expected: 0~0.05)");
    }
    if (rateBitsPerSecond.isPresent()
        && (rateBitsPerSecond.getAsLong() < MIN_RATE || rateBitsPerSecond.getAsLong() > MAX_RATE)) {
      throw new IllegalArgumentException(
          "rateBitsPerSecond: "
              + rateBitsPerSecond.getAsLong()
              + " (expected: "
              + MIN_RATE
              + "~"
              + MAX_RATE
              + ")");
    }
  }

  /** A link with only a one-way delay. */
  public static LinkConditions delay(Duration oneWayDelay) {
    return new LinkConditions(oneWayDelay, 0, OptionalLong.empty());
  }

  /** This link, losing {@code fraction} of its packets. */
  public LinkConditions withLoss(double fraction) {
    return new LinkConditions(oneWayDelay, fraction, rateBitsPerSecond);
  }

  /** This link, capped at {@code bitsPerSecond} in each direction. */
  public LinkConditions withRate(long bitsPerSecond) {
    return new LinkConditions(oneWayDelay, lossFraction, OptionalLong.of(bitsPerSecond));
  }

  /** How long the link takes to put {@code bytes} on the wire: zero when there is no cap. */
  long serializationNanos(int bytes) {
    if (rateBitsPerSecond.isEmpty()) {
      return 0;
    }
    // At most 65,535 bytes * 8e9 ≈ 5.2e14: no overflow; round up so a cap is never exceeded.
    long bits = bytes * 8L * 1_000_000_000L;
    long rate = rateBitsPerSecond.getAsLong();
    return (bits + rate - 1) / rate;
  }

  /** How long the link takes to send {@code bytes} of backlog, for the queue's bound. */
  long backlogNanos(long bytes) {
    return rateBitsPerSecond.isEmpty()
        ? 0
        : Math.multiplyExact(bytes, 8_000_000_000L) / rateBitsPerSecond.getAsLong();
  }
}
