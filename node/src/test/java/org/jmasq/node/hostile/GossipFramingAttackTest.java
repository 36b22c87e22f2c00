package org.jmasq.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jmasq.cores.Component;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.Node;
import org.jmasq.payload.Gossip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row 1, framing: a stranger with a fresh key routes Gossip with forged signatures to a target
 * through each of the target's neighbors in turn, on a route as the protocol builds it and on one
 * made so that, passed on, it looks like the neighbor's own one-hop Gossip. The target must ban
 * none of its neighbors and keep them all.
 */
@Timeout(180)
class GossipFramingAttackTest {
  @TempDir static Path root;
  private static RealNodes nodes;

  @BeforeAll
  static void start() throws Exception {
    nodes = RealNodes.standardOnly(71, root, 4);
  }

  @AfterAll
  static void stop() {
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void a_strangers_forged_gossip_through_the_targets_neighbors_gets_none_of_them_banned()
      throws Exception {
    List<Node> chain = nodes.chain(3, Duration.ofSeconds(60));
    Node target = chain.get(1);
    List<Node> relays = List.of(chain.get(0), chain.get(2));
    PublicKey t = target.descriptor().key();
    try (HostilePeer stranger = HostilePeer.on(nodes.ip(100))) {
      stranger.knows(target.descriptor(), relays.get(0).descriptor(), relays.get(1).descriptor());
      PublicKey me = stranger.key();
      assertThat(stranger.awaitLoop(List.of(me, t, me), 6)).as("a link to the target").isTrue();
      Gossip forged = forgedRecordsOfNodesNobodyKnows(stranger);

      for (Node relay : relays) {
        PublicKey r = relay.descriptor().key();
        assertThat(stranger.awaitLoop(List.of(me, r, t, me), 6))
            .as("the relay reaches the target")
            .isTrue();

        // As the protocol builds routes: the relay passes it on in a route of three blocks.
        stranger.send(stranger.oneWay(List.of(me, r, t), Component.NEIGHBORHOOD, true), forged, t);
        // Without the stranger's own block: passed on, it would be two blocks, the relay's own
        // Gossip to all appearances.
        stranger.sendRaw(
            r,
            stranger.withoutOwnBlock(
                stranger.oneWay(List.of(me, r, t), Component.NEIGHBORHOOD, true), forged, t));

        // Behind both on the same links: once it is back, the target has taken both in, and
        // the question after it is answered once the target's Neighborhood has handled them.
        assertThat(stranger.awaitLoop(List.of(me, r, t, me), 6))
            .as(
                () ->
                    "the ping behind the attacks came back; the target bans "
                        + target.gossipDefence().bannedKeys())
            .isTrue();
        assertThat(target.neighborhoodCounts()[0]).as("Nodes the target knows").isPositive();
      }

      assertThat(target.gossipDefence().bannedKeys()).as("keys the target banned").isEmpty();
      assertThat(target.gossipDefence().bannedIps()).isEmpty();
      assertThat(target.traffic().neighbors())
          .as("the target keeps its neighbors")
          .contains(relays.get(0).descriptor().key(), relays.get(1).descriptor().key());
      assertThat(target.gossipDefence().notOneHop())
          .as("the relayed Gossip reached the target, which dropped it")
          .isGreaterThanOrEqualTo(relays.size());
      for (Node relay : relays) {
        assertThat(relay.gossipDefence().bannedKeys()).isEmpty();
      }
    }
  }

  /**
   * Two records with spoiled signatures, of Nodes nobody knows, neither claiming to be the sender:
   * any Node that checks them finds them forged, and would ban whomever it took for the sender.
   */
  private static Gossip forgedRecordsOfNodesNobodyKnows(HostilePeer stranger) {
    SecureRandom random = new SecureRandom();
    return HostilePeer.gossipOf(
        HostilePeer.forged(stranger.record(NodeKeyPair.generate(random), Optional.empty(), 1)),
        HostilePeer.forged(stranger.record(NodeKeyPair.generate(random), Optional.empty(), 1)));
  }
}
