package org.jmasq.node.automap;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.jmasq.automap.MappingProtocol;
import org.jmasq.automap.ServerEpoch;

/**
 * A port mapping a router granted: TCP {@code internalPort} of this host reachable at {@code
 * publicIp:externalPort} for {@code lifetime} ({@link Duration#ZERO} for a permanent IGD mapping),
 * with the router's epoch when the protocol has one (PCP, NAT-PMP).
 */
public record Mapping(
    MappingProtocol protocol,
    int internalPort,
    int externalPort,
    InetAddress publicIp,
    Duration lifetime,
    Optional<ServerEpoch> epoch) {
  /** Whether it never expires (a router that takes only permanent IGD leases). */
  public boolean permanent() {
    return lifetime.isZero();
  }
}
