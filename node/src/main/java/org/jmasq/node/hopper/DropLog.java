package org.jmasq.node.hopper;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which dropped packages are worth a warning, so that no peer can flood the log: the first
 * drop from a peer (an IP address) in each {@link #INTERVAL} is, later ones are only counted, and
 * the next warning says how many went unwarned. The Hopper logs every drop at DEBUG regardless.
 *
 * <p>It keeps the last {@value #MAX_PEERS} peers that dropped anything; a peer forgotten by then
 * gets its next warning at once. Thread-safe.
 */
final class DropLog {
  static final Duration INTERVAL = Duration.ofMinutes(1);
  static final int MAX_PEERS = 1024;

  /** A peer's current interval: when it began and how many drops went unwarned since. */
  private static final class Interval {
    final Instant start;
    long unwarned;

    Interval(Instant start) {
      this.start = start;
    }
  }

  private final InstantSource clock;
  private final Map<InetAddress, Interval> peers =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Interval> eldest) {
          return size() > MAX_PEERS;
        }
      };

  DropLog(InstantSource clock) {
    this.clock = clock;
  }

  /** The warning to log for a package dropped from {@code from}, if this drop earns one. */
  Optional<String> warning(InetSocketAddress from, String why) {
    Instant now = clock.instant();
    Interval previous;
    synchronized (peers) {
      previous = peers.get(from.getAddress());
      if (previous != null && previous.start.plus(INTERVAL).isAfter(now)) {
        previous.unwarned++;
        return Optional.empty();
      }
      peers.put(from.getAddress(), new Interval(now));
    }
    String warning = "Dropped a package from " + from + ": " + why;
    if (previous == null || previous.unwarned == 0) {
      return Optional.of(warning);
    }
    return Optional.of(
        warning
            + " ("
            + previous.unwarned
            + " more from it since "
            + previous.start
            + " were logged at DEBUG only)");
  }
}
