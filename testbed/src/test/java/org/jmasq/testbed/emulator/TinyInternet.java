package org.jmasq.testbed.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two hosts and an internet namespace that routes between them, built as the testbed builds them
 * (each host on its own veth with a /32 address, the internet end holding the gateway address and a
 * /32 route to each host), for the emulator's tests. Names carry {@code jqe<pid>}, so that a later
 * run removes what a killed one left, and only when that run's process is dead.
 */
final class TinyInternet implements AutoCloseable {

  static final Ipv4Address GATEWAY = Ipv4Address.parse("192.0.2.254");
  static final Ipv4Address HOST_A = Ipv4Address.parse("192.0.2.1");
  static final Ipv4Address HOST_B = Ipv4Address.parse("192.0.2.2");

  private static final Pattern OURS = Pattern.compile("^jqe([0-9]+)-[a-z]+");

  final String prefix;
  final String internet;
  final String hostA;
  final String hostB;
  private final List<String> made = new ArrayList<>();

  private TinyInternet(String prefix) {
    this.prefix = prefix;
    this.internet = prefix + "-inet";
    this.hostA = prefix + "-a";
    this.hostB = prefix + "-b";
  }

  /** Sweeps leftovers of dead runs, then builds the three namespaces. */
  static TinyInternet build() throws IOException {
    sweepDeadRuns();
    TinyInternet net = new TinyInternet("jqe" + ProcessHandle.current().pid());
    try {
      net.namespace(net.internet);
      net.run("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
      net.run("sysctl", "-q", "-w", "net.ipv4.conf.all.rp_filter=0");
      net.run("sysctl", "-q", "-w", "net.ipv4.conf.default.rp_filter=0");
      net.host(net.hostA, HOST_A, net.prefix + "ia");
      net.host(net.hostB, HOST_B, net.prefix + "ib");
      return net;
    } catch (IOException | RuntimeException e) {
      net.close();
      throw e;
    }
  }

  private void namespace(String name) throws IOException {
    Commands.run(List.of("ip", "netns", "add", name));
    made.add(name);
    Commands.run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
  }

  private void host(String name, Ipv4Address address, String link) throws IOException {
    namespace(name);
    // Both ends are made inside the internet namespace and one is moved to the host: no veth
    // ever exists in the machine's own namespace.
    Commands.run(
        List.of(
            "ip", "-n", internet, "link", "add", link, "type", "veth", "peer", "name", "eth0",
            "netns", name));
    Commands.run(List.of("ip", "-n", internet, "addr", "add", GATEWAY + "/32", "dev", link));
    Commands.run(List.of("ip", "-n", internet, "link", "set", link, "up"));
    Commands.run(List.of("ip", "-n", internet, "route", "add", address + "/32", "dev", link));
    Commands.run(List.of("ip", "-n", name, "addr", "add", address + "/32", "dev", "eth0"));
    Commands.run(List.of("ip", "-n", name, "link", "set", "eth0", "up"));
    Commands.run(List.of("ip", "-n", name, "route", "add", GATEWAY + "/32", "dev", "eth0"));
    Commands.run(List.of("ip", "-n", name, "route", "add", "default", "via", GATEWAY.toString()));
  }

  private void run(String... command) throws IOException {
    Commands.run(Commands.in(internet, command));
  }

  /** The names of this run's namespaces that still exist. */
  List<String> leftovers() throws IOException {
    List<String> left = new ArrayList<>();
    for (String line : Commands.run(List.of("ip", "netns", "list")).split("\n")) {
      String name = line.split(" ")[0];
      if (name.startsWith(prefix + "-")) {
        left.add(name);
      }
    }
    return left;
  }

  /** Deletes the namespaces, and with them their veths; processes in them must be gone first. */
  @Override
  public void close() throws IOException {
    for (String name : made.reversed()) {
      killProcessesIn(name);
      Commands.run(List.of("ip", "netns", "del", name));
    }
    made.clear();
  }

  private static void sweepDeadRuns() throws IOException {
    for (String line : Commands.run(List.of("ip", "netns", "list")).split("\n")) {
      String name = line.split(" ")[0];
      Matcher ours = OURS.matcher(name);
      if (ours.find() && !alive(Long.parseLong(ours.group(1)))) {
        killProcessesIn(name);
        Commands.run(List.of("ip", "netns", "del", name));
      }
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void killProcessesIn(String namespace) throws IOException {
    for (String pid : Commands.run(List.of("ip", "netns", "pids", namespace)).split("\\s+")) {
      if (!pid.isBlank()) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }
}
