package org.jmasq.node.link;

import java.time.Duration;

/**
 * How a link tells a live peer from a gone one: it writes a keepalive after {@code keepalive} of
 * silence, and closes when nothing at all has come from the peer for {@code deadline}. A host that
 * drops off the network silently (no FIN, no RST) would otherwise keep its neighbors' links, and
 * the routes through it, open while TCP retransmits for a quarter of an hour.
 */
record LinkLiveness(Duration keepalive, Duration deadline) {
  /**
   * A keepalive every 5 s of silence, and 15 s without a byte: three keepalives must go missing in
   * a row. A keepalive is late by one-way delay (150 ms at most on the slowest paths we test) plus
   * whatever waits ahead of it in TCP, and a busy peer sends frames, which count as much; so only a
   * path that carries nothing for 15 s, or a peer that cannot even write, trips it.
   */
  static final LinkLiveness DEFAULT =
      new LinkLiveness(Duration.ofSeconds(5), Duration.ofSeconds(15));

  LinkLiveness {
    if (keepalive.isNegative()
        || keepalive.isZero()
        || deadline.compareTo(keepalive.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "the deadline must be at least two keepalive periods: " + keepalive + ", " + deadline);
    }
  }

  /** Why a link closes when its deadline passes. */
  String silence() {
    String span =
        deadline.toMillis() % 1000 == 0 ? deadline.toSeconds() + " s" : deadline.toMillis() + " ms";
    return "no frame from the peer in " + span + ": the peer or the path is gone";
  }
}
