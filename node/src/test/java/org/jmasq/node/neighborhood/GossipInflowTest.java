package org.jmasq.node.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.Fixtures;
import org.junit.jupiter.api.Test;

/** What GossipInflow lets into the Neighborhood's queue when many peers send at once. */
class GossipInflowTest {
  private static final Instant NOW = Instant.EPOCH;

  @Test
  void many_peers_within_their_shares_still_leave_half_the_mailbox_for_links_and_queries() {
    GossipInflow inflow = new GossipInflow();
    int peersNeeded = GossipInflow.TOTAL_MESSAGES / GossipInflow.SHARE_MESSAGES;
    for (int peer = 0; peer < peersNeeded; peer++) {
      PublicKey key = Fixtures.keyPair(peer + 1).publicKey();
      for (int i = 0; i < GossipInflow.SHARE_MESSAGES; i++) {
        assertThat(inflow.admit(key, 100, NOW)).isEqualTo(GossipInflow.Verdict.QUEUE);
      }
    }

    PublicKey oneMore = Fixtures.keyPair(peersNeeded + 1).publicKey();
    assertThat(inflow.admit(oneMore, 100, NOW)).isEqualTo(GossipInflow.Verdict.QUEUE_FULL);
    assertThat(GossipInflow.TOTAL_MESSAGES).isLessThan(NeighborhoodService.OWNER_CAPACITY);

    inflow.release(Fixtures.keyPair(1).publicKey(), 100);
    assertThat(inflow.admit(oneMore, 100, NOW)).isEqualTo(GossipInflow.Verdict.QUEUE);
  }
}
