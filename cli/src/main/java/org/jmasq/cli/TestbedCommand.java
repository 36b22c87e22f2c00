package org.jmasq.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jmasq.node.NodeStartException;
import org.jmasq.testbed.Host;
import org.jmasq.testbed.Testbed;
import org.jmasq.testbed.TestbedException;
import org.jmasq.testbed.TestbedPlan;
import org.jmasq.testbed.emulator.LinkConditions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jmasq testbed}: a MASQ network on a testbed of separate hosts (network namespaces), as
 * {@code devnet} runs one on loopback. Standard Nodes on public hosts and behind NAT routers (those
 * map their port with automap), the user's Node behind a router of its own, and a small web server
 * on a public host; every link through the delay emulator. It prints how to browse once the user's
 * Node has a route, and tears everything down at Ctrl-C.
 */
@Command(
    name = "testbed",
    mixinStandardHelpOptions = true,
    description =
        "Run a MASQ network on a testbed of hosts, some behind NAT routers, with delay on every"
            + " link (needs root, iproute2, nftables, miniupnpd and socat).")
final class TestbedCommand implements Callable<Integer> {
  private static final int MAX_HOSTS = 40;
  private static final String ORIGIN_HOST = "origin";
  private static final String USER_HOST = "user";
  private static final int ORIGIN_PORT = 80;

  @Spec CommandSpec spec;

  @Option(
      names = "--hosts",
      defaultValue = "10",
      description =
          "How many Nodes, each on a host of its own, the user's included, 5~"
              + MAX_HOSTS
              + " (default: ${DEFAULT-VALUE}); the web server has one more host.")
  int hosts;

  @Option(
      names = "--behind-nat",
      defaultValue = "3",
      description =
          "How many of the standard Nodes sit behind a NAT router of their own and use automap"
              + " (default: ${DEFAULT-VALUE}); the user's Node always does.")
  int behindNat;

  @Option(
      names = "--delay-ms",
      defaultValue = "20",
      description = "One-way delay on every link, 0~150 ms (default: ${DEFAULT-VALUE}).")
  int delayMs;

  @Option(
      names = "--extra-hosts",
      split = ",",
      paramLabel = "NAME",
      description =
          "More public hosts, with no Node, for programs started on them with ip netns exec"
              + " (a benchmark's servers and relays, say).")
  List<String> extraHosts = new ArrayList<>();

  @Option(
      names = "--hosts-file",
      paramLabel = "FILE",
      description =
          "Write one line per host, 'name namespace address internet-address', once the testbed"
              + " is up (before the Nodes start).")
  Path hostsFile;

  @Option(
      names = "--optimistic-data",
      description =
          "The user's Node tells SOCKS5 clients \"succeeded\" before the exit confirms (see"
              + " jmasq node --help).")
  boolean optimisticData;

  @Option(
      names = "--ready-timeout",
      defaultValue = "120",
      description = "Seconds to wait for RouteFound (default: ${DEFAULT-VALUE}).")
  int readyTimeoutSeconds;

  @Override
  public Integer call() throws Exception {
    check();
    // Nothing counts this down: the command runs until Ctrl-C, whose shutdown hooks tear down.
    return run(spec.commandLine().getOut(), spec.commandLine().getErr(), new CountDownLatch(1));
  }

  private void check() {
    if (hosts < 5 || hosts > MAX_HOSTS) {
      throw new ParameterException(
          spec.commandLine(),
          "--hosts: " + hosts + " is out of range (expected: 5~" + MAX_HOSTS + ")");
    }
    // The first standard Node, everyone's neighbor, is public.
    if (behindNat < 0 || behindNat > hosts - 2) {
      throw new ParameterException(
          spec.commandLine(),
          "--behind-nat: " + behindNat + " is out of range (expected: 0~" + (hosts - 2) + ")");
    }
    if (delayMs < 0 || delayMs > LinkConditions.MAX_DELAY.toMillis()) {
      throw new ParameterException(
          spec.commandLine(), "--delay-ms: " + delayMs + " is out of range (expected: 0~150)");
    }
    if (hosts + extraHosts.size() > MAX_HOSTS) {
      throw new ParameterException(
          spec.commandLine(),
          "--extra-hosts: " + extraHosts.size() + " more hosts make more than " + MAX_HOSTS);
    }
    try {
      plan();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--extra-hosts: " + e.getMessage());
    }
  }

  /** The standard Nodes' hosts: n1 (public) first, the last {@code behindNat} behind routers. */
  List<String> standardHosts() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i < hosts; i++) {
      names.add("n" + i);
    }
    return names;
  }

  private boolean natted(int index) {
    return index >= hosts - 1 - behindNat;
  }

  TestbedPlan plan() {
    TestbedPlan plan = TestbedPlan.empty();
    List<String> standard = standardHosts();
    for (int i = 0; i < standard.size(); i++) {
      String host = standard.get(i);
      plan =
          natted(i)
              ? plan.withRouter("r" + host).withHostBehind(host, "r" + host)
              : plan.withPublicHost(host);
    }
    for (String extra : extraHosts) {
      plan = plan.withPublicHost(extra);
    }
    return plan.withPublicHost(ORIGIN_HOST).withRouter("home").withHostBehind(USER_HOST, "home");
  }

  /** Writes {@code --hosts-file}, if given: what a script needs to run programs on the hosts. */
  private void writeHostsFile(Testbed testbed) throws IOException {
    if (hostsFile == null) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (Host host : testbed.hosts()) {
      lines
          .append(host.name())
          .append(' ')
          .append(host.namespace())
          .append(' ')
          .append(host.address())
          .append(' ')
          .append(testbed.internetAddressOf(host.name()))
          .append('\n');
    }
    // Written whole, then moved, so that a script waiting for the file never reads half of it.
    Path partial = hostsFile.resolveSibling(hostsFile.getFileName() + ".partial");
    Files.writeString(partial, lines.toString(), StandardCharsets.UTF_8);
    Files.move(partial, hostsFile, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Builds the testbed and starts everything, prints how to browse, and waits for {@code stop};
   * then, or on failure, or at the JVM's exit, stops every Node and removes the testbed.
   */
  int run(PrintWriter out, PrintWriter err, CountDownLatch stop)
      throws IOException, InterruptedException {
    Consumer<String> say =
        line -> {
          out.println(line);
          out.flush();
        };
    if (!onPath("socat")) {
      err.println(
          "jmasq: the testbed's web server needs socat on the PATH (apt-get install socat)");
      err.flush();
      return 1;
    }
    Testbed testbed;
    try {
      testbed = Testbed.build(plan());
    } catch (TestbedException e) {
      err.println("jmasq: " + e.getMessage());
      err.flush();
      return 1;
    }
    Teardown teardown = new Teardown(testbed, say);
    Thread hook = new Thread(teardown::run, "testbed-command-teardown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return runOn(testbed, teardown, say, err, stop);
    } finally {
      teardown.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook runs, or has run, the same teardown.
      }
    }
  }

  private int runOn(
      Testbed testbed,
      Teardown teardown,
      Consumer<String> say,
      PrintWriter err,
      CountDownLatch stop)
      throws IOException, InterruptedException {
    say.accept(
        "testbed: "
            + testbed.directory().getFileName()
            + ": "
            + hosts
            + " Nodes, "
            + (behindNat + 1)
            + " behind NAT routers (the user's included), "
            + delayMs
            + " ms one way on every link; run files in "
            + testbed.directory());
    TestbedNetwork network;
    try {
      testbed.emulate(LinkConditions.delay(Duration.ofMillis(delayMs)));
      writeHostsFile(testbed);
      TestbedOrigin.start(testbed, ORIGIN_HOST, ORIGIN_PORT, page(), "text/html");
      network =
          TestbedNetwork.start(
              testbed,
              standardHosts(),
              USER_HOST,
              TestbedNetwork.Options.defaults().withOptimisticData(optimisticData));
    } catch (TestbedException | NodeStartException | IllegalStateException e) {
      err.println("jmasq: " + e.getMessage());
      err.flush();
      return 1;
    }
    teardown.network = network;
    for (TestbedNode node : network.standardNodes()) {
      say.accept("testbed: " + node + " up: " + node.descriptor().orElse("?"));
    }
    if (!network.awaitRouteFound(Duration.ofSeconds(readyTimeoutSeconds))) {
      TestbedNode user = network.user();
      // The run's files go with the testbed: what the user's Node last said is printed first.
      err.println(
          user.isAlive()
              ? "jmasq: the user's Node found no route within "
                  + readyTimeoutSeconds
                  + " s (--ready-timeout sets how long to wait); it last said: "
                  + user.tail()
              : "jmasq: the user's Node stopped before it found a route: " + user.tail());
      err.flush();
      return 1;
    }
    say.accept(
        "testbed: RouteFound. Browse through the user's Node behind its router: sudo ip netns exec "
            + testbed.host(USER_HOST).namespace()
            + " curl --socks5-hostname "
            + network.proxy()
            + " http://"
            + testbed.host(ORIGIN_HOST).address()
            + "/"
            + "   (Ctrl-C stops every Node and removes the testbed)");
    reportStoppedNodes(network, say, stop);
    return 0;
  }

  /** Until {@code stop}, says once of each Node that stops by itself, with its last lines. */
  private static void reportStoppedNodes(
      TestbedNetwork network, Consumer<String> say, CountDownLatch stop)
      throws IOException, InterruptedException {
    List<TestbedNode> nodes = new ArrayList<>(network.standardNodes());
    nodes.add(network.user());
    Set<TestbedNode> reported = new HashSet<>();
    while (!stop.await(1, TimeUnit.SECONDS)) {
      for (TestbedNode node : nodes) {
        if (!node.isAlive() && reported.add(node)) {
          say.accept("testbed: " + node + " stopped: " + node.tail());
        }
      }
    }
  }

  private static byte[] page() {
    return "<html><body><p>Hello from the testbed's web server, reached through MASQ.</p></body></html>\n"
        .getBytes(StandardCharsets.UTF_8);
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Stops the Nodes (so automap removes its mappings) and removes the testbed, once. */
  private static final class Teardown {
    private final Testbed testbed;
    private final Consumer<String> say;
    volatile TestbedNetwork network;
    private boolean done;

    Teardown(Testbed testbed, Consumer<String> say) {
      this.testbed = testbed;
      this.say = say;
    }

    synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      TestbedNetwork n = network;
      if (n != null) {
        n.stop();
      }
      try {
        testbed.close();
        say.accept("testbed: every Node stopped; the testbed is removed.");
      } catch (IllegalStateException e) {
        say.accept("testbed: " + e.getMessage());
      }
    }
  }
}
