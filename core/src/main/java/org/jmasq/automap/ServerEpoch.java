package org.jmasq.automap;

import java.time.Duration;
import java.time.Instant;

/**
 * One reading of a router's epoch (its seconds since it last started or lost its mappings) and the
 * client's time when it came. Two readings tell whether the router lost its state between them: the
 * rule of RFC 6887 §8.5, which NAT-PMP (RFC 6886 §3.6) states more loosely.
 */
public record ServerEpoch(long serverSeconds, Instant clientTime) {
  public ServerEpoch {
    Pcp.checkU32("serverSeconds", serverSeconds);
    if (clientTime == null) {
      throw new IllegalArgumentException("clientTime: null");
    }
  }

  /**
   * Whether {@code next} continues this epoch. It does not when the router's seconds went back by
   * more than one, or when the router's and the client's elapsed times differ by more than 2 s plus
   * a sixteenth: a router that restarted and ran again for a while has too few seconds.
   */
  public boolean continuedBy(ServerEpoch next) {
    if (next.serverSeconds + 1 < serverSeconds) {
      return false;
    }
    long clientDelta = Duration.between(clientTime, next.clientTime).toSeconds();
    long serverDelta = next.serverSeconds - serverSeconds;
    return clientDelta + 2 >= serverDelta - serverDelta / 16
        && serverDelta + 2 >= clientDelta - clientDelta / 16;
  }
}
