package org.jmasq.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jmasq devnet}: a local MASQ network on one machine. Each Node is its own process on its
 * own loopback address (127.0.0.2, 127.0.0.3, ...; one Node per IP). The first is the user's Node
 * with the proxy port (originate-only, started last); each Node debuts to one already running. It
 * waits for RouteFound, prints the proxy address, and keeps a status line until Ctrl-C, which stops
 * every Node.
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description = "Run a local multi-Node network you can browse through.")
final class DevnetCommand implements Callable<Integer> {
  private static final int MAX_NODES = 200;

  @Spec CommandSpec spec;

  @Mixin DevnetCountries countries = new DevnetCountries();

  @Option(
      names = "--nodes",
      defaultValue = "7",
      description =
          "How many Nodes, the user's included, 3~" + MAX_NODES + " (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--proxy-port",
      converter = Converters.Port.class,
      defaultValue = "1080",
      description =
          "The user's proxy port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int proxyPort;

  @Option(
      names = "--ui-port",
      converter = Converters.UiPort.class,
      description = "The user's UI port (its dashboard) on 127.0.0.1 (default: a free one).")
  Integer uiPort;

  @Option(
      names = "--min-hops",
      converter = Converters.MinHops.class,
      defaultValue = "3",
      description = "Minimum hops per route, 1~6 (default: ${DEFAULT-VALUE}).")
  int minHops;

  @Option(
      names = "--allow-private-targets",
      description =
          "Let the exits reach loopback and private addresses, such as a local web server.")
  boolean allowPrivateTargets;

  @Option(
      names = "--optimistic-data",
      description =
          "The user's Node tells SOCKS5 clients \"succeeded\" before the exit confirms (see"
              + " jmasq node --help).")
  boolean optimisticData;

  @Option(
      names = "--dns-servers",
      description =
          "Comma-separated DNS servers (IP[:port]) for the exits; default: the system resolver.")
  String dnsServers;

  @Option(
      names = "--data-directory",
      description =
          "Where the Nodes keep their files, one directory each (default: <tmp>/jmasq-devnet).")
  Path dataDirectory;

  @Option(
      names = "--ready-timeout",
      defaultValue = "120",
      description = "Seconds to wait for RouteFound (default: ${DEFAULT-VALUE}).")
  int readyTimeoutSeconds;

  @Option(
      names = "--log-level",
      defaultValue = "info",
      description = "The Nodes' log level (default: ${DEFAULT-VALUE}).")
  String logLevel;

  @Option(
      names = "--no-local-chain",
      description =
          "Do not start the local chain (ganache and a test token, from chain/) on which the Nodes pay each other.")
  boolean noLocalChain;

  @Option(
      names = "--payment-thresholds",
      description = "The Nodes' payment thresholds (see jmasq node --help).")
  String paymentThresholds;

  @Option(
      names = "--scan-intervals",
      description = "The Nodes' scan intervals in seconds (see jmasq node --help).")
  String scanIntervals;

  @Option(
      names = "--unfunded-user",
      description =
          "Give the user's Node (Node 1) no tokens, to watch it fall into debt and be banned.")
  boolean unfundedUser;

  /** Tokens each Node's consuming wallet starts with: a million MASQ. */
  private static final String FUNDING = "1000000000000000000000000";

  // Read by the shutdown hook while call() still adds Nodes.
  private final List<DevnetNode> running = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile DevnetChain chain;
  private final Object changes = new Object();

  @Override
  public Integer call() throws Exception {
    if (nodes < 3 || nodes > MAX_NODES) {
      throw new ParameterException(
          spec.commandLine(),
          "--nodes: " + nodes + " is out of range (expected: 3~" + MAX_NODES + ")");
    }
    if (minHops + 2 > nodes) {
      throw new ParameterException(
          spec.commandLine(),
          "--nodes "
              + nodes
              + " is too few for --min-hops "
              + minHops
              + " (a route needs at least "
              + (minHops + 2)
              + " Nodes)");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path root =
        dataDirectory != null
            ? dataDirectory
            : Path.of(System.getProperty("java.io.tmpdir"), "jmasq-devnet");
    countries.writeTable(spec, root, nodes);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopAll();
                  DevnetChain c = chain;
                  if (c != null) {
                    c.close();
                  }
                  out.println("devnet: every Node stopped.");
                  out.flush();
                  stopped.countDown();
                },
                "devnet-shutdown"));

    if (!noLocalChain) {
      List<org.jmasq.identity.Wallet> consuming = new ArrayList<>();
      for (int i = unfundedUser ? 1 : 0; i < nodes; i++) {
        consuming.add(wallets.consuming(i).wallet());
      }
      try {
        chain = DevnetChain.start(root, consuming, FUNDING);
      } catch (java.io.IOException e) {
        spec.commandLine()
            .getErr()
            .println(
                "jmasq: cannot start the local chain: "
                    + e.getMessage()
                    + " (--no-local-chain runs the Nodes without one)");
        return 1;
      }
      out.println(
          "devnet: local chain at "
              + chain.url
              + " (chain id "
              + chain.chainId
              + ", token "
              + chain.token
              + "); "
              + (unfundedUser ? "the user's Node holds no MASQ, every other Node's" : "each Node's")
              + " consuming wallet holds 1000000 MASQ");
      out.flush();
    }
    out.println(
        "devnet: starting "
            + nodes
            + " Nodes on 127.0.0.2-127.0.0."
            + (nodes + 1)
            + ", data in "
            + root);
    out.flush();
    Random random = new Random();
    int userUiPort = uiPort != null ? uiPort : LoopbackPorts.free();
    // The network's Nodes first, each debuting to one already running; the user's Node (node 1)
    // last, originate-only, as a user's Node joins an existing network. It then has few
    // neighbors, so many Nodes remain that may be its exit (an exit is never its neighbor).
    for (int k = 1; k <= nodes; k++) {
      int i = k % nodes;
      String ip = "127.0.0." + (i + 2);
      List<String> args = nodeArgs(i, ip, root);
      args.addAll(DevnetDashboard.nodeArgs(i, userUiPort));
      if (!running.isEmpty()) {
        DevnetNode introducer = running.get(random.nextInt(running.size()));
        args.add("--neighbors");
        args.add(introducer.descriptor());
      }
      DevnetNode node =
          DevnetNode.start(
              i, ip, root.resolve("node-" + (i + 1)), args, nodeSecrets(i), n -> changed());
      running.add(node);
      String descriptor = awaitDescriptor(node);
      String in = countries.countryOf(i).map(c -> " in " + c).orElse("");
      out.println(
          "devnet: Node " + (i + 1) + (i == 0 ? " (yours)" : "") + in + " up: " + descriptor);
      DevnetDashboard.announce(out, i, userUiPort);
      out.flush();
    }
    DevnetNode user = running.get(running.size() - 1);
    if (!awaitRouteFound(user, readyTimeoutSeconds)) {
      out.println("devnet: no route after " + readyTimeoutSeconds + " s; Node logs are in " + root);
      out.flush();
      return 1;
    }
    InetSocketAddress proxy = new InetSocketAddress("127.0.0.1", actualProxyPort(user));
    String where = proxy.getHostString() + ":" + proxy.getPort();
    out.println(
        "devnet: RouteFound. Browse through "
            + nodes
            + " Nodes: curl --socks5-hostname "
            + where
            + " http://example.com/   (HTTP proxy: curl -x http://"
            + where
            + " ...)");
    out.println("devnet: Ctrl-C stops every Node; logs are in " + root);
    out.flush();
    String last = "";
    while (!stopped.await(2, TimeUnit.SECONDS)) {
      String status = DevnetStatus.of(running);
      if (!status.equals(last)) {
        out.println(status);
        out.flush();
        last = status;
      }
    }
    return 0;
  }

  private final DevnetWallets wallets = new DevnetWallets();

  /** Node {@code index}'s secrets, for its environment: its consuming key. */
  java.util.Map<String, String> nodeSecrets(int index) {
    return java.util.Map.of(
        "MASQ_CONSUMING_PRIVATE_KEY", DevnetWallets.hex(wallets.consuming(index)));
  }

  /** Node {@code index}'s arguments, which every local user can read: no secret among them. */
  List<String> nodeArgs(int index, String ip, Path root) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--chain",
                "dev",
                "--ip",
                ip,
                "--data-directory",
                root.resolve("node-" + (index + 1)).toString(),
                "--min-hops",
                Integer.toString(minHops),
                "--log-level",
                logLevel,
                "--neighborhood-mode",
                index == 0 ? "originate-only" : "standard",
                "--proxy-port",
                index == 0 ? Integer.toString(proxyPort) : "0",
                "--earning-wallet",
                wallets.earning(index).toString()));
    if (allowPrivateTargets) {
      args.add("--allow-private-targets");
    }
    if (optimisticData && index == 0) {
      args.add("--optimistic-data");
    }
    args.addAll(countries.nodeArgs());
    DevnetChain c = chain;
    if (c != null) {
      args.addAll(
          List.of("--blockchain-service-url", c.url, "--token-contract", c.token.toString()));
    }
    if (paymentThresholds != null) {
      args.addAll(List.of("--payment-thresholds", paymentThresholds));
    }
    if (scanIntervals != null) {
      args.addAll(List.of("--scan-intervals", scanIntervals));
    }
    if (dnsServers != null) {
      args.add("--dns-servers");
      args.add(dnsServers);
    }
    return args;
  }

  private void changed() {
    synchronized (changes) {
      changes.notifyAll();
    }
  }

  private String awaitDescriptor(DevnetNode node)
      throws InterruptedException, org.jmasq.node.NodeStartException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    synchronized (changes) {
      while (node.descriptor() == null) {
        if (!node.isAlive()) {
          throw new org.jmasq.node.NodeStartException(
              "Node " + (node.index + 1) + " did not start: " + node.lastError());
        }
        if (System.nanoTime() > deadline) {
          throw new org.jmasq.node.NodeStartException(
              "Node " + (node.index + 1) + " did not start within 60 s; see " + node.directory);
        }
        changes.wait(200);
      }
    }
    return node.descriptor();
  }

  private boolean awaitRouteFound(DevnetNode user, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    PrintWriter out = spec.commandLine().getOut();
    String last = "";
    synchronized (changes) {
      while (!"RouteFound".equals(user.stage())) {
        if (!user.isAlive() || System.nanoTime() > deadline) {
          return false;
        }
        String status = DevnetStatus.of(running);
        if (!status.equals(last)) {
          out.println(status);
          out.flush();
          last = status;
        }
        changes.wait(500);
      }
    }
    return true;
  }

  private int actualProxyPort(DevnetNode user) throws java.io.IOException {
    for (String line : java.nio.file.Files.readAllLines(user.directory.resolve("node.log"))) {
      int at = line.indexOf("SOCKS5 and HTTP proxy on ");
      if (at >= 0) {
        String address = line.substring(at + "SOCKS5 and HTTP proxy on ".length()).trim();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
      }
    }
    return proxyPort;
  }

  private void stopAll() {
    running.forEach(DevnetNode::stop);
    for (DevnetNode node : running) {
      try {
        node.awaitStopped();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
