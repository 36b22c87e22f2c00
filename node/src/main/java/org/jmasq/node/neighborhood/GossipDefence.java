package org.jmasq.node.neighborhood;

import java.net.InetAddress;
import java.util.Set;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.GossipCounts;

/**
 * What a Node's Neighborhood refused of the Gossip it was sent, what of it waits now, and whom it
 * bans: for status lines and for tests that mount attacks on a running Node.
 *
 * @param intake what the Neighborhood itself refused and how many signatures it checked
 * @param notOneHop Gossip dropped because it came through relays (or over no link)
 * @param tooFast Gossip dropped because its peer sent faster than its token bucket allows
 * @param overShare Gossip dropped because its peer filled its share of the queue (then
 *     disconnected)
 * @param queueFull Gossip dropped because all the queued Gossip, or the mailbox, was at its bound
 * @param queued Gossip messages waiting for the Neighborhood now
 * @param queuedBytes their payload bytes
 * @param mostQueued the most Gossip messages that ever waited at once
 * @param mostQueuedBytes the most payload bytes that ever waited at once
 * @param mailboxDropped tasks the Neighborhood's mailbox dropped, being full
 * @param bannedKeys the keys banned now (by their encryption half)
 * @param bannedIps the IPs banned now
 */
public record GossipDefence(
    GossipCounts intake,
    long notOneHop,
    long tooFast,
    long overShare,
    long queueFull,
    int queued,
    long queuedBytes,
    int mostQueued,
    long mostQueuedBytes,
    long mailboxDropped,
    Set<PublicKey> bannedKeys,
    Set<InetAddress> bannedIps) {
  public static final GossipDefence NONE =
      new GossipDefence(GossipCounts.NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, Set.of(), Set.of());

  public GossipDefence {
    bannedKeys = Set.copyOf(bannedKeys);
    bannedIps = Set.copyOf(bannedIps);
  }

  /** Whether {@code key} is banned, comparing the encryption half only. */
  public boolean banned(PublicKey key) {
    return bannedKeys.stream().anyMatch(key::sameNodeAs);
  }
}
