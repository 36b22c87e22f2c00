package org.jmasq.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a topology's namespaces and links with {@code ip}. Every device is created inside a
 * namespace of the run ({@code ip -n ... link add ... peer ... netns ...}), never in the root
 * namespace, so nothing of the testbed is ever visible there, not even for a moment.
 */
final class NetworkBuilder {

  private final CommandRunner runner;
  private final Topology topology;

  NetworkBuilder(CommandRunner runner, Topology topology) {
    this.runner = runner;
    this.topology = topology;
  }

  void build() throws TestbedException {
    for (String namespace : topology.namespaces()) {
      runner.run("ip", "netns", "add", namespace);
      List<String> settings =
          new ArrayList<>(
              List.of("net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"));
      boolean forwards =
          namespace.equals(topology.internet())
              || topology.routers().values().stream()
                  .anyMatch(r -> r.namespace().equals(namespace));
      if (forwards) {
        // The internet and the routers forward; the internet answers for many hosts on one
        // gateway address, so reverse-path filtering would only get in the way.
        settings.addAll(
            List.of(
                "net.ipv4.ip_forward=1",
                "net.ipv4.conf.all.rp_filter=0",
                "net.ipv4.conf.default.rp_filter=0"));
      }
      List<String> sysctl =
          new ArrayList<>(List.of("ip", "netns", "exec", namespace, "sysctl", "-q", "-w"));
      sysctl.addAll(settings);
      runner.run(sysctl.toArray(String[]::new));
      ip(namespace, "link", "set", "lo", "up");
    }
    for (Router router : topology.routers().values()) {
      buildRouter(router);
    }
    for (Host host : topology.hosts().values()) {
      if (host.isPublic()) {
        attach(topology.internet(), host.link(), host.namespace(), host.address(), host.gateway());
      } else {
        buildLanHost(host, topology.routers().get(host.router().get()));
      }
    }
  }

  /** A veth from {@code upstream} to the namespace's eth0: a /32 each side and routes both ways. */
  private void attach(String upstream, String link, String namespace, Ipv4 address, Ipv4 gateway)
      throws CommandFailedException {
    ip(upstream, "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", namespace);
    ip(upstream, "addr", "add", gateway + "/32", "dev", link);
    ip(upstream, "link", "set", link, "up");
    ip(upstream, "route", "add", address + "/32", "dev", link);
    ip(namespace, "addr", "add", address + "/32", "dev", "eth0");
    ip(namespace, "link", "set", "eth0", "up");
    ip(namespace, "route", "add", "default", "via", gateway.toString(), "dev", "eth0", "onlink");
  }

  private void buildRouter(Router router) throws CommandFailedException {
    attach(
        topology.internet(),
        router.link(),
        router.namespace(),
        router.wanAddress(),
        Topology.WAN_GATEWAY);
    String ns = router.namespace();
    ip(ns, "link", "add", "br0", "type", "bridge");
    ip(ns, "addr", "add", router.lanAddress() + "/" + router.lan().length(), "dev", "br0");
    ip(ns, "link", "set", "br0", "up");
  }

  private void buildLanHost(Host host, Router router) throws CommandFailedException {
    String ns = router.namespace();
    ip(
        ns,
        "link",
        "add",
        host.link(),
        "type",
        "veth",
        "peer",
        "name",
        "eth0",
        "netns",
        host.namespace());
    ip(ns, "link", "set", host.link(), "master", "br0");
    ip(ns, "link", "set", host.link(), "up");
    ip(
        host.namespace(),
        "addr",
        "add",
        host.address() + "/" + router.lan().length(),
        "dev",
        "eth0");
    ip(host.namespace(), "link", "set", "eth0", "up");
    ip(
        host.namespace(),
        "route",
        "add",
        "default",
        "via",
        host.gateway().toString(),
        "dev",
        "eth0");
  }

  /** Brings a host's own end of its link down or up; up puts back the default route it lost. */
  void setLink(Host host, boolean up) throws CommandFailedException {
    ip(host.namespace(), "link", "set", "eth0", up ? "up" : "down");
    if (up) {
      ip(
          host.namespace(),
          "route",
          "replace",
          "default",
          "via",
          host.gateway().toString(),
          "dev",
          "eth0",
          "onlink");
    }
  }

  /** Moves a router's WAN to a new address, on both ends of its link. */
  void moveWan(Router router, Ipv4 address) throws CommandFailedException {
    String ns = router.namespace();
    ip(ns, "addr", "del", router.wanAddress() + "/32", "dev", "eth0");
    ip(ns, "addr", "add", address + "/32", "dev", "eth0");
    ip(
        ns,
        "route",
        "replace",
        "default",
        "via",
        Topology.WAN_GATEWAY.toString(),
        "dev",
        "eth0",
        "onlink");
    ip(topology.internet(), "route", "del", router.wanAddress() + "/32", "dev", router.link());
    ip(topology.internet(), "route", "add", address + "/32", "dev", router.link());
  }

  private void ip(String namespace, String... args) throws CommandFailedException {
    List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
    command.addAll(List.of(args));
    runner.run(command.toArray(String[]::new));
  }
}
