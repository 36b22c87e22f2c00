package org.jmasq.neighborhood.gossip;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The IPs this Node was passed to recently; a second Pass to one of them within 60 s is a loop. */
public final class PassMemory {
  static final Duration PASS_GOSSIP_EXPIRED_TIME = Duration.ofSeconds(60);

  private final Map<InetAddress, Instant> passedAt = new HashMap<>();

  /** True when {@code ip} was passed to less than 60 s before {@code now}. */
  boolean recentlyPassedTo(InetAddress ip, Instant now) {
    Instant when = passedAt.get(ip);
    return when != null && now.isBefore(when.plus(PASS_GOSSIP_EXPIRED_TIME));
  }

  void remember(InetAddress ip, Instant now) {
    passedAt.values().removeIf(t -> !now.isBefore(t.plus(PASS_GOSSIP_EXPIRED_TIME)));
    passedAt.put(ip, now);
  }
}
