package org.jmasq.accountant;

import org.jmasq.neighborhood.RatePack;

/** What a serving Node is paid for: relaying a package, or exiting it to the Internet. */
public enum Service {
  ROUTING,
  EXIT;

  /**
   * {@code service_rate + byte_rate × size}, exactly. Relays count the encrypted payload; the exit
   * counts the plaintext data, and charges its service rate for empty packets too.
   */
  public Wei charge(RatePack rates, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
    }
    return switch (this) {
      case ROUTING ->
          Wei.of(rates.routingServiceRate()).plus(Wei.of(rates.routingByteRate()).times(size));
      case EXIT -> Wei.of(rates.exitServiceRate()).plus(Wei.of(rates.exitByteRate()).times(size));
    };
  }
}
