package org.jmasq.testbed;

/**
 * A home router of a built testbed: its namespace, its WAN address (the one its LAN hosts appear
 * from, and the one miniupnpd reports as external), its LAN, and the name of the veth end in the
 * internet namespace that leads to its WAN side ({@code eth0} in the router).
 */
public record Router(
    String name, String namespace, Ipv4 wanAddress, Ipv4 lanAddress, Ipv4Prefix lan, String link) {

  Router withWanAddress(Ipv4 address) {
    return new Router(name, namespace, address, lanAddress, lan, link);
  }
}
