package org.jmasq.testbed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a testbed is made of: hosts, each public or behind a named home router, and the routers.
 * Names are short (they become part of namespace and interface names) and unique across hosts and
 * routers.
 */
public record TestbedPlan(List<HostPlan> hosts, List<RouterPlan> routers) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,9}");

  /** The internet namespace's own name, so no host or router may take it. */
  static final String INTERNET = "net";

  public TestbedPlan {
    hosts = List.copyOf(hosts);
    routers = List.copyOf(routers);
    Set<String> names = new HashSet<>();
    Set<String> routerNames = new HashSet<>();
    for (RouterPlan router : routers) {
      checkName(router.name(), names);
      routerNames.add(router.name());
    }
    for (HostPlan host : hosts) {
      checkName(host.name(), names);
      host.router()
          .filter(r -> !routerNames.contains(r))
          .ifPresent(
              r -> {
                throw new IllegalArgumentException(
                    "host " + host.name() + ": router " + r + " is not in the plan");
              });
    }
  }

  /** An empty plan, to be grown with {@link #withPublicHost} and friends. */
  public static TestbedPlan empty() {
    return new TestbedPlan(List.of(), List.of());
  }

  public TestbedPlan withPublicHost(String name) {
    return withHost(new HostPlan(name, Optional.empty()));
  }

  public TestbedPlan withRouter(String name) {
    List<RouterPlan> more = new ArrayList<>(routers);
    more.add(new RouterPlan(name));
    return new TestbedPlan(hosts, more);
  }

  public TestbedPlan withHostBehind(String name, String router) {
    return withHost(new HostPlan(name, Optional.of(router)));
  }

  private TestbedPlan withHost(HostPlan host) {
    List<HostPlan> more = new ArrayList<>(hosts);
    more.add(host);
    return new TestbedPlan(more, routers);
  }

  private static void checkName(String name, Set<String> taken) {
    if (!NAME.matcher(name).matches() || name.equals(INTERNET)) {
      throw new IllegalArgumentException(
          "name: " + name + " (expected: a-z then up to 9 of a-z0-9, not \"" + INTERNET + "\")");
    }
    if (!taken.add(name)) {
      throw new IllegalArgumentException("name: " + name + " is used twice");
    }
  }

  /** A host: public on the internet namespace, or on the LAN of the named router. */
  public record HostPlan(String name, Optional<String> router) {}

  /** A home router: NAT from its LAN out of its WAN, and miniupnpd. */
  public record RouterPlan(String name) {}
}
