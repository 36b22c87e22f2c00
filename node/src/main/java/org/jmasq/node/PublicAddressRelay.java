package org.jmasq.node;

import java.util.Optional;
import java.util.function.Consumer;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.automap.AutomapEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the public address automap learns to the Neighborhood, which is made after the port is
 * mapped: what changes before it is connected is kept and handed on when it is. Each address is
 * handed on once, when it differs from the last one.
 *
 * <p>Threads: automap's mailbox calls {@link #observe}; the composition root calls {@link #connect}
 * once. Both are synchronized; the Neighborhood's input only queues a task on its own mailbox.
 */
final class PublicAddressRelay {
  private static final Logger log = LoggerFactory.getLogger(PublicAddressRelay.class);

  private Optional<NodeAddr> current = Optional.empty();
  private Optional<NodeAddr> handedOn = Optional.empty();
  private Consumer<NodeAddr> target;

  /** Learns the address from what automap tells: a mapping made or renewed, or a new public IP. */
  synchronized void observe(AutomapEvent event) {
    Optional<NodeAddr> next =
        switch (event) {
          case AutomapEvent.Mapped m ->
              Optional.of(NodeAddr.of(m.mapping().publicIp(), m.mapping().externalPort()));
          case AutomapEvent.Renewed r ->
              Optional.of(NodeAddr.of(r.mapping().publicIp(), r.mapping().externalPort()));
          case AutomapEvent.PublicIpChanged c -> current.map(a -> new NodeAddr(c.now(), a.ports()));
          default -> Optional.empty();
        };
    next.ifPresent(
        addr -> {
          current = Optional.of(addr);
          handOn();
        });
  }

  /** From now on, each new address goes to {@code neighborhood}; one learned before goes now. */
  synchronized void connect(Consumer<NodeAddr> neighborhood) {
    target = neighborhood;
    handOn();
  }

  private void handOn() {
    if (target == null || current.isEmpty() || current.equals(handedOn)) {
      return;
    }
    if (handedOn.isPresent()) {
      log.warn(
          "The public address changed from {} to {}; the Node's record now says so, and its"
              + " neighbors hear of it",
          handedOn.get(),
          current.get());
    }
    handedOn = current;
    target.accept(current.get());
  }
}
