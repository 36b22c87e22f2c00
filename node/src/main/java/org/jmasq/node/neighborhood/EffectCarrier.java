package org.jmasq.node.neighborhood;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jmasq.cores.Component;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.NeighborhoodDriver;
import org.jmasq.neighborhood.NeighborhoodEffect;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.node.link.LinkRefusedException;
import org.jmasq.node.link.Transport;
import org.jmasq.node.runtime.Mailbox;
import org.jmasq.node.runtime.MailboxFullException;
import org.jmasq.payload.GossipFailure;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the {@link NeighborhoodService}'s effects on: publishes its snapshots, then carries the
 * effects and the observer's calls out on the {@code neighborhood-effects} mailbox, in order.
 */
final class EffectCarrier {
  // Logged under the service's name, which log settings and readers of the log know it by.
  private static final Logger log = LoggerFactory.getLogger(NeighborhoodService.class);

  private final PublicKey self;
  private final Mailbox effects;
  private final Transmitter transmitter;
  private final Transport links;
  private final NeighborhoodService.Observer observer;
  private final SecureRandom random;
  private final NeighborhoodSnapshots snapshots;
  private final Consumer<InetAddress> linkFailed;
  private long publishedVersion = -1;

  EffectCarrier(
      PublicKey self,
      Mailbox effects,
      Transmitter transmitter,
      Transport links,
      NeighborhoodService.Observer observer,
      SecureRandom random,
      NeighborhoodSnapshots snapshots,
      Consumer<InetAddress> linkFailed) {
    this.self = self;
    this.effects = effects;
    this.transmitter = transmitter;
    this.links = links;
    this.observer = observer;
    this.random = random;
    this.snapshots = snapshots;
    this.linkFailed = linkFailed;
  }

  private void carryOut(Runnable effect) {
    try {
      effects.execute(effect);
    } catch (MailboxFullException e) {
      log.warn("A Neighborhood effect was dropped: {}", e.getMessage());
    } catch (RejectedExecutionException e) {
      log.debug("Neighborhood effect after shutdown dropped");
    }
  }

  /**
   * On the owning thread: publishes snapshots and bans, then queues the effects and observer calls.
   */
  void handOn(NeighborhoodDriver driver, ConnectionStage before, List<NeighborhoodEffect> out) {
    snapshots.publish(driver);
    long version = driver.database().rootInner().version();
    if (version != publishedVersion) {
      publishedVersion = version;
      carryOut(() -> observer.recordVersionChanged(version));
    }
    ConnectionStage after = driver.stage();
    if (after != before
        && out.stream().noneMatch(NeighborhoodEffect.StageChanged.class::isInstance)) {
      carryOut(() -> observer.stageChanged(after));
    }
    for (NeighborhoodEffect effect : out) {
      log.debug("Effect: {}", effect);
      carryOut(() -> apply(effect));
    }
  }

  private void apply(NeighborhoodEffect effect) {
    try {
      switch (effect) {
        case NeighborhoodEffect.SendGossip g -> send(g.to(), g.directAddr(), g.gossip());
        case NeighborhoodEffect.SendGossipFailure f ->
            send(f.to(), Optional.of(f.addr()), new GossipFailure(f.reason()));
        case NeighborhoodEffect.Disconnect d -> {
          log.warn("Banned {} {}: {} {}", d.key(), d.ban(), d.reason(), d.detail());
          links.disconnect(d.key(), "banned: " + d.reason());
        }
        case NeighborhoodEffect.StageChanged s -> observer.stageChanged(s.to());
        case NeighborhoodEffect.PastNeighborsChanged p -> {
          // Only when the full neighbors or their addresses change: where this Node reaches them.
          log.info(
              "Full neighbors now: {}",
              String.join(" ", p.neighbors().stream().map(Object::toString).toList()));
          observer.pastNeighborsChanged(p.neighbors());
        }
        case NeighborhoodEffect.Shutdown s -> observer.shutdownRequested(s.reason());
        case NeighborhoodEffect.IpTaken t -> {
          log.warn("Not accepted into the MASQ network: {}", t.why());
          observer.refused(t.why());
        }
      }
    } catch (RuntimeException e) {
      log.error("Carrying out {} failed", effect.getClass().getSimpleName(), e);
    }
  }

  /** Gossip travels as a one-hop CORES package to the Neighborhood of {@code to}, with no payer. */
  private void send(PublicKey to, Optional<NodeAddr> direct, MessageType message) {
    direct.ifPresent(addr -> snapshots.sentDirectly(to, addr));
    try {
      RoutePlan plan =
          RoutePlan.oneWay(
              List.of(self, to), Component.NEIGHBORHOOD, k -> Optional.empty(), random);
      byte[] payload = PayloadEnvelopes.seal(EnvelopeSealer.to(to, random), message);
      transmitter.transmit(plan.incipient(payload));
    } catch (IOException | CryptoException e) {
      // A refused dial was logged, rate-limited, where it was refused.
      if (e instanceof LinkRefusedException) {
        log.debug(
            "Did not send {} to {}: {}", message.getClass().getSimpleName(), to, e.getMessage());
      } else {
        log.info(
            "Could not send {} to {}: {}", message.getClass().getSimpleName(), to, e.getMessage());
      }
      direct.ifPresent(addr -> linkFailed.accept(addr.ip()));
    }
  }
}
