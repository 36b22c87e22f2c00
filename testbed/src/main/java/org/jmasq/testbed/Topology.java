package org.jmasq.testbed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every host and router of a plan its namespace, addresses and links. Public hosts take the
 * documentation ranges, routers' WANs 100.128.0.0/16, LANs private /24s; a range that the machine's
 * own routing table already names is skipped, so that no testbed address is one the machine itself
 * reaches (this machine's own network may well sit in a documentation range).
 */
record Topology(String internet, Map<String, Host> hosts, Map<String, Router> routers) {

  static final List<Ipv4Prefix> PUBLIC_RANGES =
      List.of(
          Ipv4Prefix.parse("198.51.100.0/24"),
          Ipv4Prefix.parse("203.0.113.0/24"),
          Ipv4Prefix.parse("192.0.2.0/24"));
  static final Ipv4Prefix WAN_RANGE = Ipv4Prefix.parse("100.128.0.0/16");
  static final Ipv4 WAN_GATEWAY = Ipv4.parse("100.128.0.1");
  static final int FIRST_HOST = 10;
  static final int LAST_HOST = 254;

  static Topology assign(TestbedPlan plan, String prefix, List<Ipv4Prefix> rootRoutes) {
    List<Ipv4Prefix> publicRanges =
        PUBLIC_RANGES.stream().filter(r -> !overlapsAny(r, rootRoutes)).toList();
    Map<String, Router> routers = new LinkedHashMap<>();
    Map<String, Integer> lanHostsSoFar = new HashMap<>();
    List<Ipv4Prefix> lans = lanCandidates(rootRoutes);
    int wan = 0;
    for (TestbedPlan.RouterPlan r : plan.routers()) {
      if (wan >= lans.size()) {
        throw new IllegalArgumentException("too many routers: no private /24 left for a LAN");
      }
      Ipv4Prefix lan = lans.get(wan);
      routers.put(
          r.name(),
          new Router(
              r.name(),
              prefix + r.name(),
              WAN_RANGE.network().plus(FIRST_HOST + wan),
              lan.network().plus(1),
              lan,
              "v" + r.name()));
      lanHostsSoFar.put(r.name(), 0);
      wan++;
    }
    Map<String, Host> hosts = new LinkedHashMap<>();
    int publicSoFar = 0;
    int perRange = LAST_HOST - FIRST_HOST + 1;
    for (TestbedPlan.HostPlan h : plan.hosts()) {
      Host host;
      if (h.router().isEmpty()) {
        int range = publicSoFar / perRange;
        if (range >= publicRanges.size()) {
          throw new IllegalArgumentException("too many public hosts for the free ranges");
        }
        Ipv4 network = publicRanges.get(range).network();
        Ipv4 address = network.plus(FIRST_HOST + publicSoFar % perRange);
        host =
            new Host(
                h.name(), prefix + h.name(), address, network.plus(1), h.router(), "v" + h.name());
        publicSoFar++;
      } else {
        Router router = routers.get(h.router().get());
        int index = lanHostsSoFar.merge(router.name(), 1, Integer::sum) - 1;
        if (index >= perRange) {
          throw new IllegalArgumentException("too many hosts behind " + router.name());
        }
        host =
            new Host(
                h.name(),
                prefix + h.name(),
                router.lan().network().plus(FIRST_HOST + index),
                router.lanAddress(),
                h.router(),
                "l" + h.name());
      }
      hosts.put(h.name(), host);
    }
    return new Topology(
        prefix + TestbedPlan.INTERNET,
        Collections.unmodifiableMap(hosts),
        Collections.unmodifiableMap(routers));
  }

  /** The ranges the testbed has addresses in: what any of its routes may lead to. */
  List<Ipv4Prefix> prefixesInUse() {
    List<Ipv4Prefix> used = new ArrayList<>();
    for (Host host : hosts.values()) {
      Ipv4Prefix range =
          host.isPublic()
              ? PUBLIC_RANGES.stream().filter(r -> r.contains(host.address())).findFirst().get()
              : routers.get(host.router().get()).lan();
      if (!used.contains(range)) {
        used.add(range);
      }
    }
    for (Router router : routers.values()) {
      if (!used.contains(router.lan())) {
        used.add(router.lan());
      }
    }
    used.add(WAN_RANGE);
    return used;
  }

  /** The namespaces of the run, internet first. */
  List<String> namespaces() {
    List<String> all = new ArrayList<>();
    all.add(internet);
    routers.values().forEach(r -> all.add(r.namespace()));
    hosts.values().forEach(h -> all.add(h.namespace()));
    return all;
  }

  private static List<Ipv4Prefix> lanCandidates(List<Ipv4Prefix> rootRoutes) {
    List<Ipv4Prefix> lans = new ArrayList<>();
    for (int n = 10; n <= 250; n++) {
      lans.add(Ipv4Prefix.parse("192.168." + n + ".0/24"));
    }
    for (int n = 10; n <= 250; n++) {
      lans.add(Ipv4Prefix.parse("10." + n + ".0.0/24"));
    }
    return lans.stream().filter(l -> !overlapsAny(l, rootRoutes)).toList();
  }

  static boolean overlapsAny(Ipv4Prefix range, List<Ipv4Prefix> routes) {
    return routes.stream().anyMatch(range::overlaps);
  }
}
