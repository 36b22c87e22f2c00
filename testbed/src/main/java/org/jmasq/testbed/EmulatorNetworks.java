package org.jmasq.testbed;

import java.util.ArrayList;
import java.util.List;
import org.jmasq.testbed.emulator.Ipv4Prefix;

/**
 * The networks a testbed's delay emulator passes packets between: the public ranges its hosts use,
 * the routers' WAN range, and every gateway address (what the internet namespace itself sends a
 * host, an ICMP error say, goes through the emulator too). LANs are not among them: their addresses
 * never reach the internet namespace.
 */
final class EmulatorNetworks {

  private EmulatorNetworks() {}

  static List<Ipv4Prefix> of(Topology topology) {
    List<Ipv4Prefix> networks = new ArrayList<>();
    for (org.jmasq.testbed.Ipv4Prefix range : topology.prefixesInUse()) {
      if (Topology.PUBLIC_RANGES.contains(range) || range.equals(Topology.WAN_RANGE)) {
        add(networks, range.toString());
      }
    }
    add(networks, Topology.WAN_RANGE.toString());
    for (Host host : topology.hosts().values()) {
      if (host.isPublic()) {
        add(networks, host.gateway() + "/32");
      }
    }
    add(networks, Topology.WAN_GATEWAY + "/32");
    return List.copyOf(networks);
  }

  private static void add(List<Ipv4Prefix> networks, String prefix) {
    Ipv4Prefix parsed = Ipv4Prefix.parse(prefix);
    if (!networks.contains(parsed)) {
      networks.add(parsed);
    }
  }
}
