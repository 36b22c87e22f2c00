package org.jmasq.testbed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safety check run before anything runs on the hosts. It reads, never changes, the kernel's
 * state: every namespace of the run has only the interfaces the testbed made (plus TUN devices in
 * the internet namespace, where the emulator sits), its routes lead only to testbed ranges (a host
 * or router may have a default route, but only through a testbed gateway; the internet namespace
 * only the emulator's, into its TUN), there is no IPv6 route at all, and the root namespace has
 * neither a link into the run's namespaces nor a route to a testbed range.
 */
final class SealCheck {

  private static final Ipv4Prefix LOOPBACK = Ipv4Prefix.parse("127.0.0.0/8");

  private final CommandRunner runner;
  private final Topology topology;
  private final String prefix;

  SealCheck(CommandRunner runner, Topology topology, String prefix) {
    this.runner = runner;
    this.topology = topology;
    this.prefix = prefix;
  }

  void check() throws TestbedException {
    List<String> findings = new ArrayList<>();
    List<Ipv4Prefix> ranges = new ArrayList<>(topology.prefixesInUse());
    Set<String> tuns = new HashSet<>();
    for (Map.Entry<String, Set<String>> ns : expectedInterfaces().entrySet()) {
      checkInterfaces(ns.getKey(), ns.getValue(), tuns, findings);
      checkRoutes(ns.getKey(), ranges, tuns, findings);
    }
    checkRoot(ranges, findings);
    if (!findings.isEmpty()) {
      throw new NotSealedException(findings);
    }
  }

  private Map<String, Set<String>> expectedInterfaces() {
    Map<String, Set<String>> expected = new LinkedHashMap<>();
    Set<String> internet = new HashSet<>(Set.of("lo"));
    for (Router router : topology.routers().values()) {
      internet.add(router.link());
      expected.put(router.namespace(), new HashSet<>(Set.of("lo", "eth0", "br0")));
    }
    for (Host host : topology.hosts().values()) {
      if (host.isPublic()) {
        internet.add(host.link());
      } else {
        expected.get(topology.routers().get(host.router().get()).namespace()).add(host.link());
      }
      expected.put(host.namespace(), Set.of("lo", "eth0"));
    }
    expected.put(topology.internet(), internet);
    return expected;
  }

  private void checkInterfaces(
      String namespace, Set<String> expected, Set<String> tuns, List<String> findings)
      throws CommandFailedException {
    String links = runner.run("ip", "-n", namespace, "-d", "-o", "link", "show");
    for (String line : links.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String name = line.split(":\\s+", 3)[1].split("@")[0];
      boolean tun = line.contains(" tun type tun ") || line.contains(" tun type tap ");
      if (tun && namespace.equals(topology.internet())) {
        tuns.add(name);
      }
      if (expected.contains(name) || (tun && namespace.equals(topology.internet()))) {
        continue;
      }
      findings.add(namespace + " has an interface the testbed did not make: " + name);
    }
  }

  private void checkRoutes(
      String namespace, List<Ipv4Prefix> ranges, Set<String> tuns, List<String> findings)
      throws CommandFailedException {
    List<Ipv4Prefix> allowed = new ArrayList<>(ranges);
    allowed.add(LOOPBACK);
    String v4 = runner.run("ip", "-n", namespace, "-4", "route", "show", "table", "all");
    for (RouteLine route : RouteLine.parseAll(v4)) {
      boolean ok =
          route.readable()
              && route.viasWithin(allowed)
              && (route.isDefault()
                  ? (namespace.equals(topology.internet())
                      ? intoTun(route, tuns)
                      : !route.vias().isEmpty())
                  : route.within(allowed));
      if (!ok) {
        findings.add(namespace + " has a route out of the testbed: " + route.text());
      }
    }
    String v6 = runner.run("ip", "-n", namespace, "-6", "route", "show", "table", "all");
    if (!v6.isBlank()) {
      findings.add(namespace + " has IPv6 routes: " + v6.strip().split("\n")[0]);
    }
  }

  /**
   * The internet namespace's one allowed default route: the delay emulator's, into its TUN (in a
   * table of its own). The emulator passes on only the testbed's packets and drops the rest.
   */
  private static boolean intoTun(RouteLine route, Set<String> tuns) {
    List<String> tokens = List.of(route.text().split("\\s+"));
    int dev = tokens.indexOf("dev");
    return route.vias().isEmpty()
        && dev >= 0
        && dev + 1 < tokens.size()
        && tuns.contains(tokens.get(dev + 1));
  }

  private void checkRoot(List<Ipv4Prefix> ranges, List<String> findings)
      throws CommandFailedException {
    for (String line : runner.run("ip", "-o", "link", "show").split("\n")) {
      if (line.contains("link-netns " + prefix)) {
        findings.add("the root namespace has a link into the testbed: " + line.strip());
      }
    }
    String v4 = runner.run("ip", "-4", "route", "show", "table", "all");
    for (RouteLine route : RouteLine.parseAll(v4)) {
      if (route.destination().isPresent()
          && Topology.overlapsAny(route.destination().get(), ranges)) {
        findings.add("the root namespace has a route to a testbed range: " + route.text());
      }
    }
  }
}
