package org.jmasq.node.automap;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jmasq.automap.ServerEpoch;
import org.jmasq.node.runtime.Cancellable;
import org.jmasq.node.runtime.Mailbox;
import org.jmasq.node.runtime.NodeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Node's clandestine port mapped on its router (SYSTEM.md Part 2 §13). {@link #start}
 * tries each protocol in the order given (the one that worked last time first, else PCP, NAT-PMP,
 * IGD) and keeps the first mapping granted, asked for 600 s. It renews it at half the lifetime the
 * router granted, asks the public IP every 60 s, maps again at once when the router shows it
 * restarted (its epoch went back or is short of the time passed, or an IGD entry is gone), tries
 * the protocols again every 30 s after a failure, and removes the mapping at {@link #stop}.
 *
 * <p>Threads: all its state lives on its own mailbox, which also makes the blocking calls to the
 * router (each bounded by the client's deadline); timers only queue work there. Events reach the
 * listener on that mailbox's thread.
 */
public final class Automap implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Automap.class);

  /** The lifetime asked for, as the reference asks. */
  public static final Duration LIFETIME = Duration.ofSeconds(600);

  /** How often the public IP is asked for, as the reference does. */
  public static final Duration POLL = Duration.ofSeconds(60);

  /** How long after a failure the protocols are tried again. */
  public static final Duration RETRY = Duration.ofSeconds(30);

  /**
   * The least time between two asks that {@link #checkSoon} brings forward: a network where many
   * links break at once asks the router once, not once per link.
   */
  public static final Duration SOONEST_CHECK = Duration.ofSeconds(10);

  /** How long {@link #stop} waits for the router to remove the mapping. */
  static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

  private final NodeRuntime runtime;
  private final List<PortMapper> mappers;
  private final int port;
  private final Consumer<AutomapEvent> listener;
  private final Mailbox mailbox;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean checkQueued = new AtomicBoolean();

  // Only on the mailbox's thread.
  private PortMapper mapper;
  private Mapping mapping;
  private ServerEpoch epoch;
  private Cancellable renewal = () -> {};
  private Cancellable poll = () -> {};
  private boolean stopped;
  private Instant lastCheck;

  /**
   * An Automap for TCP {@code port} that tries {@code mappers} in this order, telling {@code
   * listener} what happens.
   */
  public Automap(
      NodeRuntime runtime, List<PortMapper> mappers, int port, Consumer<AutomapEvent> listener) {
    if (mappers.isEmpty()) {
      throw new IllegalArgumentException("mappers: none (expected: at least one protocol)");
    }
    this.runtime = runtime;
    this.mappers = List.copyOf(mappers);
    this.port = port;
    this.listener = listener;
    this.mailbox = runtime.mailbox("automap", 64);
  }

  /**
   * Maps the port with the first protocol that works and starts keeping it; the future fails with
   * an {@link AutomapException} naming each protocol's failure when none works.
   */
  public CompletableFuture<Mapping> start() {
    return mailbox.ask(
        () -> {
          Mapping first = acquire();
          poll = runtime.scheduleAtFixedRate(POLL, () -> queue(this::poll));
          return first;
        });
  }

  /**
   * Asks the router for the public IP now rather than at the next poll, or, when it was asked less
   * than {@link #SOONEST_CHECK} ago, as soon as that much has passed. A change of the public IP
   * resets every link this Node dialled through the router's NAT at once, and silences those
   * dialled to it; the Node asks when a link breaks, so that it learns its new address in seconds,
   * not at a poll up to a minute later. Any thread.
   */
  public void checkSoon() {
    // One check waits at most: a burst of broken links must not fill the mailbox, where the
    // renewals wait too.
    if (!checkQueued.compareAndSet(false, true)) {
      return;
    }
    if (!queue(this::checkNowOrLater)) {
      checkQueued.set(false);
    }
  }

  /**
   * On the mailbox: the check {@link #checkSoon} asked for, now, or deferred until {@link
   * #SOONEST_CHECK} after the last one (a scheduled poll may just have run, before the IP changed).
   * The deferred check stays the one waiting, so a burst still asks once.
   */
  private void checkNowOrLater() {
    Duration since =
        lastCheck == null ? SOONEST_CHECK : Duration.between(lastCheck, runtime.clock().instant());
    if (since.compareTo(SOONEST_CHECK) >= 0) {
      checkQueued.set(false);
      poll();
      return;
    }
    runtime.schedule(
        SOONEST_CHECK.minus(since),
        () -> {
          if (!queue(this::checkNowOrLater)) {
            checkQueued.set(false);
          }
        });
  }

  /** The mapping held now, if any (read from any thread). */
  public CompletableFuture<Optional<Mapping>> current() {
    return mailbox.ask(() -> Optional.ofNullable(mapping));
  }

  private Mapping acquire() throws AutomapException {
    List<PortMapper> order = new ArrayList<>(mappers);
    if (mapper != null) {
      order.remove(mapper);
      order.add(0, mapper);
    }
    List<String> failures = new ArrayList<>();
    for (PortMapper candidate : order) {
      try {
        Mapping granted = candidate.map(port, LIFETIME);
        mapper = candidate;
        epoch = null;
        adopt(granted, new AutomapEvent.Mapped(granted));
        return granted;
      } catch (AutomapException e) {
        log.info("Automap: {} did not map port {}: {}", candidate.protocol(), port, e.getMessage());
        failures.add(candidate.protocol().optionName() + ": " + e.getMessage());
      }
    }
    throw new AutomapException(
        AutomapException.Reason.NO_ANSWER,
        "no port-mapping protocol worked (" + String.join("; ", failures) + ")");
  }

  private void adopt(Mapping granted, AutomapEvent event) {
    InetAddress before = mapping == null ? null : mapping.publicIp();
    mapping = granted;
    granted.epoch().ifPresent(e -> epoch = e);
    publish(event);
    if (before != null && !before.equals(granted.publicIp())) {
      publish(new AutomapEvent.PublicIpChanged(before, granted.publicIp()));
    }
    renewal.cancel();
    if (!granted.permanent()) {
      renewal = runtime.schedule(granted.lifetime().dividedBy(2), () -> queue(this::renew));
    }
  }

  private void renew() {
    try {
      Mapping renewed = mapper.map(port, LIFETIME);
      if (!continues(renewed.epoch())) {
        publish(new AutomapEvent.RouterRestarted(mapper.protocol(), "its epoch started again"));
        adopt(renewed, new AutomapEvent.Mapped(renewed));
      } else {
        adopt(renewed, new AutomapEvent.Renewed(renewed));
      }
    } catch (AutomapException e) {
      failed("renewal by " + mapper.protocol().optionName() + ": " + e.getMessage());
    }
  }

  private void poll() {
    if (mapping == null) {
      return;
    }
    lastCheck = runtime.clock().instant();
    try {
      PublicAddress address = mapper.publicIp();
      if (!continues(address.epoch())) {
        remap("its epoch started again");
        return;
      }
      if (!mapper.holds(mapping)) {
        remap("it no longer holds the mapping");
        return;
      }
      if (!address.ip().equals(mapping.publicIp())) {
        InetAddress before = mapping.publicIp();
        mapping =
            new Mapping(
                mapping.protocol(),
                mapping.internalPort(),
                mapping.externalPort(),
                address.ip(),
                mapping.lifetime(),
                mapping.epoch());
        publish(new AutomapEvent.PublicIpChanged(before, address.ip()));
      }
    } catch (AutomapException e) {
      // The renewal, due within half a lifetime, tells whether the router is really gone.
      log.info(
          "Automap: asking {} for the public IP failed: {}", mapper.protocol(), e.getMessage());
    }
  }

  private void remap(String how) {
    publish(new AutomapEvent.RouterRestarted(mapper.protocol(), how));
    try {
      Mapping again = mapper.map(port, LIFETIME);
      adopt(again, new AutomapEvent.Mapped(again));
    } catch (AutomapException e) {
      failed("mapping again by " + mapper.protocol().optionName() + ": " + e.getMessage());
    }
  }

  private void failed(String why) {
    publish(new AutomapEvent.Failed(why));
    renewal.cancel();
    renewal = runtime.schedule(RETRY, () -> queue(this::retry));
  }

  private void retry() {
    try {
      acquire();
    } catch (AutomapException e) {
      failed(e.getMessage());
    }
  }

  /** Whether {@code next} continues the router's epoch; it becomes the epoch either way. */
  private boolean continues(Optional<ServerEpoch> next) {
    if (next.isEmpty()) {
      return true;
    }
    boolean continued = epoch == null || epoch.continuedBy(next.get());
    epoch = next.get();
    return continued;
  }

  private void publish(AutomapEvent event) {
    log.info("Automap: {}", event);
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      log.error("Automap: the listener failed on {}", event, e);
    }
  }

  /** Whether the task was queued (not when the mailbox is full or closed). */
  private boolean queue(Runnable task) {
    try {
      mailbox.execute(
          () -> {
            if (!stopped) {
              task.run();
            }
          });
      return true;
    } catch (RuntimeException e) {
      log.debug("Automap: work dropped as it stops", e);
      return false;
    }
  }

  /**
   * Stops renewing and removes the mapping from the router, waiting {@link #STOP_PATIENCE} at most;
   * a router that does not answer keeps it until its lifetime ends.
   */
  public void stop() {
    if (closing.getAndSet(true)) {
      return;
    }
    CompletableFuture<Void> removed =
        mailbox.ask(
            () -> {
              stopped = true;
              renewal.cancel();
              poll.cancel();
              if (mapping != null) {
                try {
                  mapper.unmap(mapping);
                  publish(new AutomapEvent.Removed(mapping));
                } catch (AutomapException e) {
                  log.warn("Automap: the mapping could not be removed: {}", e.getMessage());
                }
                mapping = null;
              }
              return null;
            });
    try {
      removed.get(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Automap: stopping did not finish: {}", e.toString());
    } finally {
      mailbox.close();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
