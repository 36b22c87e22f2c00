package org.jmasq.node.neighborhood;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.BanList;
import org.jmasq.neighborhood.GossipCounts;
import org.jmasq.neighborhood.GossipSource;
import org.jmasq.neighborhood.NeighborhoodDriver;
import org.jmasq.neighborhood.NeighborhoodEffect;
import org.jmasq.node.link.Transport;
import org.jmasq.node.runtime.MailboxFullException;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;
import org.jmasq.payload.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Gossip the Hopper expires enters the Neighborhood, on the thread of the link it came
 * over: it is dropped unless it came straight from the link's peer ({@link GossipSource#of}), then
 * let through that peer's {@link GossipInflow} into the Neighborhood's queue. A peer that fills its
 * share of the queue is disconnected. Nothing here touches the Neighborhood itself.
 */
final class GossipInlet {
  private static final Logger log = LoggerFactory.getLogger(GossipInlet.class);

  /** One input for the Neighborhood's driver. */
  interface Step extends Function<NeighborhoodDriver, List<NeighborhoodEffect>> {}

  /** Queues a task on the Neighborhood's mailbox. */
  interface Queue {
    /**
     * @throws RejectedExecutionException when the mailbox is full ({@link MailboxFullException}) or
     *     closed
     */
    void offer(Runnable task);
  }

  private final GossipInflow inflow = new GossipInflow();
  private final InstantSource clock;
  private final Transport links;
  private final Queue queue;
  private final Consumer<Step> run;

  /**
   * @param queue queues a task on the Neighborhood's mailbox
   * @param run runs one input on that mailbox's thread
   */
  GossipInlet(InstantSource clock, Transport links, Queue queue, Consumer<Step> run) {
    this.clock = clock;
    this.links = links;
    this.queue = queue;
    this.run = run;
  }

  void deliver(ExpiredCoresPackage<MessageType> expired) {
    Optional<GossipSource> attributed = GossipSource.of(expired);
    String what = expired.payload().getClass().getSimpleName();
    if (attributed.isEmpty()) {
      inflow.notOneHop();
      log.debug(
          "Dropped a {} from {}: not straight from a linked Node",
          what,
          expired.immediateNeighbor());
      return;
    }
    GossipSource source = attributed.get();
    log.debug("{} from {} at {}", what, source.key(), source.address());
    switch (expired.payload()) {
      case Gossip gossip ->
          take(source.key(), expired.payloadLength(), d -> d.gossipReceived(source, gossip));
      case GossipFailure failure ->
          take(
              source.key(), expired.payloadLength(), d -> d.gossipFailureReceived(source, failure));
      default -> log.warn("Dropped a {} delivered to the Neighborhood", what);
    }
  }

  /** Queues one peer's Gossip if its {@link GossipInflow} lets it through. */
  private void take(PublicKey peer, int bytes, Step step) {
    switch (inflow.admit(peer, bytes, clock.instant())) {
      case QUEUE -> {
        try {
          queue.offer(
              () -> {
                inflow.release(peer, bytes);
                run.accept(step);
              });
        } catch (MailboxFullException e) {
          inflow.refusedByMailbox(peer, bytes);
        } catch (RejectedExecutionException e) {
          inflow.release(peer, bytes);
          log.debug("Neighborhood input after shutdown ignored");
        }
      }
      case TOO_FAST -> log.debug("Dropped Gossip from {}: faster than its rate", peer);
      case OVER_SHARE -> {
        log.info("Disconnecting {}: it filled its share of the Neighborhood's queue", peer);
        links.disconnect(peer, "filled its share of the Neighborhood's queue");
      }
      case QUEUE_FULL -> log.debug("Dropped Gossip from {}: the Gossip queue is full", peer);
    }
  }

  /** What was refused here and by the Neighborhood ({@code intake}), and whom it bans. */
  GossipDefence defence(GossipCounts intake, BanList.Banned banned, long mailboxDropped) {
    GossipInflow.Counts in = inflow.counts();
    return new GossipDefence(
        intake,
        in.notOneHop(),
        in.tooFast(),
        in.overShare(),
        in.queueFull(),
        in.queued(),
        in.queuedBytes(),
        in.mostQueued(),
        in.mostQueuedBytes(),
        mailboxDropped,
        banned.keys(),
        banned.ips());
  }
}
