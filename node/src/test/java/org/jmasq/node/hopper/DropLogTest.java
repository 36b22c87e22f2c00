package org.jmasq.node.hopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

class DropLogTest {
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.7", 4000);
  private static final InetSocketAddress SAME_PEER_OTHER_PORT =
      new InetSocketAddress("127.0.0.7", 4001);
  private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.8", 4000);

  private final ManualClock clock = new ManualClock(Instant.parse("2024-01-01T00:00:00Z"));
  private final DropLog drops = new DropLog(clock);

  @Test
  void a_peers_first_drop_is_a_warning_and_the_rest_of_the_minute_only_counts() {
    assertThat(drops.warning(PEER, "bad")).contains("Dropped a package from " + PEER + ": bad");
    for (int i = 0; i < 1000; i++) {
      assertThat(drops.warning(PEER, "bad")).isEmpty();
      assertThat(drops.warning(SAME_PEER_OTHER_PORT, "bad")).isEmpty();
    }
    assertThat(drops.warning(OTHER, "bad")).as("another peer has its own minute").isPresent();
  }

  @Test
  void the_next_warning_says_how_many_drops_went_unwarned() {
    drops.warning(PEER, "first");
    drops.warning(PEER, "second");
    drops.warning(PEER, "third");
    clock.advance(DropLog.INTERVAL.minusSeconds(1));
    assertThat(drops.warning(PEER, "fourth")).isEmpty();

    clock.advance(Duration.ofSeconds(1));

    assertThat(drops.warning(PEER, "fifth"))
        .get()
        .asString()
        .startsWith("Dropped a package from " + PEER + ": fifth")
        .contains("3 more from it since 2024-01-01T00:00:00Z");
    assertThat(drops.warning(PEER, "sixth")).isEmpty();
  }

  @Test
  void a_peer_that_stayed_quiet_gets_a_plain_warning() {
    drops.warning(PEER, "first");
    clock.advance(Duration.ofHours(1));

    assertThat(drops.warning(PEER, "again")).contains("Dropped a package from " + PEER + ": again");
  }
}
