package org.jmasq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jmasq.node.NodeStartException;
import org.jmasq.testbed.Host;
import org.jmasq.testbed.HostProcess;
import org.jmasq.testbed.Testbed;
import org.jmasq.testbed.TestbedException;

/**
 * A MASQ network on the hosts of a {@link Testbed}, started as devnet starts one on loopback:
 * standard Nodes, each on a public host with {@code --ip} its host's address or behind a router
 * without it (automap maps its port there), the first one, public, every other Node's neighbor;
 * then the user's Node, originate-only, on a host behind a router, with the SOCKS5 and HTTP proxy
 * on that host's loopback. Keys come from {@link DevnetWallets} and reach each Node in its
 * environment, never on its command line; data directories and logs are in the testbed's run
 * directory, so closing the testbed removes them. The testbed's safety check runs before the first
 * Node starts. No chain: the Nodes run without a blockchain service.
 */
public final class TestbedNetwork {
  /** Where the user's proxy listens on its host's loopback. */
  public static final int PROXY_PORT = 1080;

  /**
   * Every Node's UI port ({@code --ui-port}) on its host's loopback: one port for all, as each host
   * is a namespace of its own. A client on the host reaches it ({@code jmasq connection-status
   * --ui-port 5333} run with {@code ip netns exec}).
   */
  public static final int UI_PORT = 5333;

  /**
   * How the Nodes run.
   *
   * @param minHops each route's minimum hops
   * @param logLevel the Nodes' log level
   * @param allowPrivateTargets whether exits may reach private addresses (the testbed's public
   *     hosts use documentation ranges, which the exit policy allows: not needed for them)
   * @param startTimeout how long each Node may take to print its descriptor
   * @param ratePacks the {@code --rate-pack} of the standard Node on each host named (a cheaper
   *     Node is on more routes: routes are chosen by cost); the others charge the default
   * @param optimisticData whether the user's Node answers SOCKS5 clients before the exit confirms
   */
  public record Options(
      int minHops,
      String logLevel,
      boolean allowPrivateTargets,
      Duration startTimeout,
      Map<String, String> ratePacks,
      boolean optimisticData) {
    public Options {
      ratePacks = Map.copyOf(ratePacks);
    }

    public static Options defaults() {
      return new Options(3, "info", false, Duration.ofSeconds(60), Map.of(), false);
    }

    /** These options, with the Node on {@code host} charging {@code ratePack}. */
    public Options withRatePack(String host, String ratePack) {
      Map<String, String> more = new HashMap<>(ratePacks);
      more.put(host, ratePack);
      return new Options(
          minHops, logLevel, allowPrivateTargets, startTimeout, more, optimisticData);
    }

    /** These options, with the user's Node giving {@code --optimistic-data} or not. */
    public Options withOptimisticData(boolean on) {
      return new Options(minHops, logLevel, allowPrivateTargets, startTimeout, ratePacks, on);
    }
  }

  private final Testbed testbed;
  private final List<TestbedNode> standard;
  private final TestbedNode user;
  private final Later later;
  private final List<TestbedNode> added = new ArrayList<>();

  /** What starting one more standard Node later needs. */
  private record Later(DevnetWallets wallets, Path root, String introducer, Options options) {}

  private TestbedNetwork(
      Testbed testbed, List<TestbedNode> standard, TestbedNode user, Later later) {
    this.testbed = testbed;
    this.standard = List.copyOf(standard);
    this.user = user;
    this.later = later;
  }

  /**
   * Runs the safety check, then starts a standard Node on each of {@code standardHosts} (public
   * hosts) and the user's Node on {@code userHost}, and waits for every descriptor.
   */
  public static TestbedNetwork start(
      Testbed testbed, List<String> standardHosts, String userHost, Options options)
      throws TestbedException, IOException, InterruptedException, NodeStartException {
    if (standardHosts.size() < options.minHops() + 1) {
      throw new IllegalArgumentException(
          "standardHosts: " + standardHosts.size() + " (a route needs at least minHops + 1)");
    }
    if (!testbed.host(standardHosts.get(0)).isPublic()) {
      // Every other Node dials the first at the address it names; behind a router it could name
      // only what automap maps, and the network would hang on one router.
      throw new IllegalArgumentException(
          "host " + standardHosts.get(0) + " is not public: the first Node must be");
    }
    testbed.checkSealed();
    DevnetWallets wallets = new DevnetWallets();
    Path root = testbed.directory().resolve("nodes");
    List<TestbedNode> standard = new ArrayList<>();
    TestbedNode first = startNode(testbed, wallets, root, 1, standardHosts.get(0), null, options);
    standard.add(first);
    String introducer = awaitDescriptor(first, options.startTimeout());
    for (int i = 1; i < standardHosts.size(); i++) {
      standard.add(
          startNode(testbed, wallets, root, i + 1, standardHosts.get(i), introducer, options));
    }
    for (TestbedNode node : standard) {
      awaitDescriptor(node, options.startTimeout());
    }
    TestbedNode user = startNode(testbed, wallets, root, 0, userHost, introducer, options);
    awaitDescriptor(user, options.startTimeout());
    return new TestbedNetwork(
        testbed, standard, user, new Later(wallets, root, introducer, options));
  }

  /**
   * Starts one more standard Node on {@code hostName}, as the others were started (the first Node
   * its neighbor), and waits for its descriptor. It is not among {@link #standardNodes()}; {@link
   * #stop()} stops it.
   */
  public synchronized TestbedNode startStandard(String hostName)
      throws TestbedException, IOException, InterruptedException, NodeStartException {
    int index = standard.size() + added.size() + 1;
    TestbedNode node =
        startNode(
            testbed,
            later.wallets(),
            later.root(),
            index,
            hostName,
            later.introducer(),
            later.options());
    added.add(node);
    awaitDescriptor(node, later.options().startTimeout());
    return node;
  }

  /**
   * Node {@code index}'s process: 0 is the user's Node, the rest standard ones. As in devnet, Node
   * {@code i} pays from ganache's account {@code i + 1} and earns on a wallet of its own.
   */
  private static TestbedNode startNode(
      Testbed testbed,
      DevnetWallets wallets,
      Path root,
      int index,
      String hostName,
      String neighbor,
      Options options)
      throws TestbedException, IOException {
    Host host = testbed.host(hostName);
    boolean isUser = index == 0;
    Path data = root.resolve("node-" + (index + 1));
    Files.createDirectories(data);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--chain",
                "dev",
                "--data-directory",
                data.toString(),
                "--min-hops",
                Integer.toString(options.minHops()),
                "--log-level",
                options.logLevel(),
                "--neighborhood-mode",
                isUser ? "originate-only" : "standard",
                "--proxy-port",
                isUser ? Integer.toString(PROXY_PORT) : "0",
                "--ui-port",
                Integer.toString(UI_PORT),
                "--earning-wallet",
                wallets.earning(index).toString()));
    if (!isUser && host.isPublic()) {
      // In the open a Node names its host's address. Behind a router it has none that others
      // could dial: a standard Node there starts without --ip and maps its port with automap, and
      // the user's Node, originate-only, needs none.
      args.addAll(List.of("--ip", host.address().toString()));
    }
    if (neighbor != null) {
      args.addAll(List.of("--neighbors", neighbor));
    }
    if (options.allowPrivateTargets()) {
      args.add("--allow-private-targets");
    }
    if (options.optimisticData() && isUser) {
      args.add("--optimistic-data");
    }
    String ratePack = options.ratePacks().get(hostName);
    if (ratePack != null && !isUser) {
      args.addAll(List.of("--rate-pack", ratePack));
    }
    Map<String, String> secrets =
        Map.of("MASQ_CONSUMING_PRIVATE_KEY", DevnetWallets.hex(wallets.consuming(index)));
    HostProcess process =
        testbed.start(
            hostName, env -> DevnetNode.passSecrets(env, secrets), DevnetNode.command(args));
    return new TestbedNode(hostName, isUser, process, data);
  }

  private static String awaitDescriptor(TestbedNode node, Duration timeout)
      throws IOException, InterruptedException, NodeStartException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<String> descriptor = node.descriptor();
      if (descriptor.isPresent()) {
        return descriptor.get();
      }
      if (!node.isAlive()) {
        throw new NodeStartException(node + " did not start: " + node.tail());
      }
      if (System.nanoTime() > deadline) {
        // The log goes with the testbed when it is torn down: its last lines travel with the error.
        throw new NodeStartException(
            node + " did not start within " + timeout.toSeconds() + " s: " + node.tail());
      }
      Thread.sleep(100);
    }
  }

  /** Waits until the user's Node reaches RouteFound; false when the time runs out or it stops. */
  public boolean awaitRouteFound(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!"RouteFound".equals(user.stage())) {
      if (!user.isAlive() || System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(200);
    }
    return true;
  }

  /** The standard Nodes, the first (everyone's neighbor) first. */
  public List<TestbedNode> standardNodes() {
    return standard;
  }

  public TestbedNode user() {
    return user;
  }

  /** The user's proxy, as a client on the user's host reaches it. */
  public String proxy() {
    return "127.0.0.1:" + PROXY_PORT;
  }

  /** The Node whose short key (as logs print keys) is {@code shortKey}. */
  public Optional<TestbedNode> byShortKey(String shortKey) throws IOException {
    for (TestbedNode node : standard) {
      if (node.shortKey().filter(shortKey::equals).isPresent()) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  /** The testbed the Nodes run on. */
  public Testbed testbed() {
    return testbed;
  }

  /** Stops every Node, the user's first; the testbed's close would kill them anyway. */
  public synchronized void stop() {
    user.stop();
    added.forEach(TestbedNode::stop);
    standard.forEach(TestbedNode::stop);
  }
}
