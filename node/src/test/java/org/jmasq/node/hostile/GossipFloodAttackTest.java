package org.jmasq.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.Node;
import org.jmasq.node.NodeConfig;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.neighborhood.GossipDefence;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row 2, Gossip flood: one connection, a fresh key, not a neighbor, sends a real Node Gossip of as
 * many validly signed, unconnected records as one Gossip may carry, each time a new version of
 * every record (so no memory of answers helps), as fast as it can. The target's own user must be
 * served through it meanwhile, its Neighborhood must answer right after, and what the flood made it
 * check, queue and drop must stay within its bounds.
 */
@Timeout(300)
class GossipFloodAttackTest {
  private static final int FLOOD = 120;

  /** One peer's share of the Neighborhood's queue, in bytes ({@code GossipInflow.SHARE_BYTES}). */
  private static final long SHARE_BYTES = 2L << 20;

  @TempDir static Path root;
  private static RealNodes nodes;
  private static CountingOrigin origin;
  private static Node target;

  @BeforeAll
  static void start() throws Exception {
    origin = new CountingOrigin();
    nodes = RealNodes.standardOnly(72, root, 6);
    // A standard Node with a wallet of its own, so that its user can browse through it.
    target =
        nodes.startStandard(
            20, List.of(nodes.standard(0).descriptor()), GossipFloodAttackTest::paying);
    RealNodes.fetchUntilServed(target, origin.url("before"), Duration.ofSeconds(90));
  }

  @AfterAll
  static void stop() {
    if (nodes != null) {
      nodes.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  @Test
  void a_strangers_flood_is_refused_before_any_signature_and_the_targets_user_is_served()
      throws Exception {
    GossipDefence before = target.gossipDefence();
    String during;
    int sent = 0;
    try (HostilePeer stranger = HostilePeer.on(nodes.ip(100))) {
      stranger.knows(target.descriptor());
      PublicKey me = stranger.key();
      PublicKey t = target.descriptor().key();
      List<Gossip> flood = signedRecordsOfNodesNobodyKnows(stranger);
      // The user's request goes out from its own thread once half the flood is sent, while the
      // rest keeps coming.
      java.util.concurrent.CompletableFuture<String> user =
          new java.util.concurrent.CompletableFuture<>();
      for (int i = 0; i < FLOOD; i++) {
        try {
          stranger.gossip(t, flood.get(i));
          sent++;
        } catch (IOException e) {
          // The target closed the link on a peer that filled its share; the next send dials again.
        }
        if (i == FLOOD / 2) {
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      user.complete(
                          RealNodes.fetch(target, origin.url("during"), Duration.ofSeconds(30)));
                    } catch (IOException e) {
                      user.completeExceptionally(e);
                    }
                  });
        }
      }
      during = user.get(40, java.util.concurrent.TimeUnit.SECONDS);
      // Behind the flood on the same link: once it is back, the target has taken the flood in.
      assertThat(stranger.awaitLoop(List.of(me, t, me), 6))
          .as("the ping behind the flood")
          .isTrue();
    }
    // A question to the target's Neighborhood, answered once it has handled what came before.
    ConnectionStage stage = target.stage();
    GossipDefence after = target.gossipDefence();

    assertThat(during).as("the target's user, during the flood").startsWith("HTTP/1.1 200");
    assertThat(sent).isPositive();
    assertThat(after.intake().signaturesChecked() - before.intake().signaturesChecked())
        .as("signatures checked meanwhile: fewer than one flood Gossip's records")
        .isLessThan(Gossip.MAX_RECORDS);
    assertThat(after.intake().fromStrangers() - before.intake().fromStrangers())
        .as("flood Gossip refused as a stranger's")
        .isPositive();
    assertThat(after.tooFast() - before.tooFast()).as("flood Gossip past its rate").isPositive();
    assertThat(after.mostQueuedBytes())
        .as("the most Gossip that ever waited: one peer's share and the honest rest")
        .isLessThanOrEqualTo(SHARE_BYTES + (1L << 20));
    assertThat(after.mailboxDropped()).as("the Neighborhood's mailbox never filled").isZero();
    assertThat(after.bannedKeys()).as("a flood of valid records is no lie").isEmpty();
    assertThat(stage)
        .as("the target's Neighborhood answers right after the flood")
        .isEqualTo(ConnectionStage.ROUTE_FOUND);
  }

  /**
   * {@link #FLOOD} Gossip messages of as many validly signed records, of Nodes nobody knows, as one
   * Gossip may carry: the same Nodes, each message a new version of each record.
   */
  private static List<Gossip> signedRecordsOfNodesNobodyKnows(HostilePeer stranger) {
    SecureRandom random = new SecureRandom();
    List<NodeKeyPair> sybils = new ArrayList<>();
    while (sybils.size() < Gossip.MAX_RECORDS - 1) {
      sybils.add(NodeKeyPair.generate(random));
    }
    List<Gossip> flood = new ArrayList<>();
    for (int version = 1; version <= FLOOD; version++) {
      List<GossipNodeRecord> records = new ArrayList<>();
      records.add(stranger.ownRecord(version));
      for (NodeKeyPair sybil : sybils) {
        records.add(stranger.record(sybil, Optional.empty(), version));
      }
      flood.add(new Gossip(records));
    }
    return flood;
  }

  /** {@code config} with a consuming wallet, as a user's Node has. */
  private static NodeConfig paying(NodeConfig config) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    secret[0] = 0x33; // below the curve order
    AccountantConfig wallet =
        new AccountantConfig(
            Optional.of(WalletKey.of(secret)),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new NodeConfig(
        config.mode(),
        config.chain(),
        config.dataDirectory(),
        config.proxyPort(),
        config.dnsServers(),
        config.allowPrivateTargets(),
        config.minHops(),
        config.neighbors(),
        config.ip(),
        config.clandestinePort(),
        config.connectTimeout(),
        wallet,
        config.dialsOwnNetwork());
  }
}
