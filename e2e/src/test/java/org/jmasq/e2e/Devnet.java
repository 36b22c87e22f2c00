package org.jmasq.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code jmasq devnet} as a user runs it, plus what its Nodes wrote: each Node's directory holds
 * {@code node.log} (its standard output: descriptor, stages, traffic lines), {@code node.err} (its
 * log) and {@code node.lock} (its process id).
 */
final class Devnet implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("RouteFound.*--socks5-hostname ([0-9.]+):(\\d+)");
  private static final Pattern ROUTE =
      Pattern.compile("Stream \\S+ to (\\S+): route ([0-9a-f> ]+), back ([0-9a-f> ]+)");

  /** One stream's route as the originator logged it, in short keys. */
  record LoggedRoute(String target, List<String> over, List<String> back) {
    String exit() {
      return over.get(over.size() - 1);
    }
  }

  private final NodeProcess process;
  private final Path directory;
  private final int nodes;
  final int proxyPort;

  private Devnet(NodeProcess process, Path directory, int nodes, int proxyPort) {
    this.process = process;
    this.directory = directory;
    this.nodes = nodes;
    this.proxyPort = proxyPort;
  }

  static Devnet start(Path directory, int nodes, String... extraArgs)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "devnet",
                "--nodes",
                Integer.toString(nodes),
                "--proxy-port",
                "0",
                "--data-directory",
                directory.resolve("net").toString()));
    args.addAll(List.of(extraArgs));
    NodeProcess process = NodeProcess.start(directory, args.toArray(String[]::new));
    try {
      Matcher ready = process.awaitLine(READY, Duration.ofSeconds(180));
      return new Devnet(process, directory.resolve("net"), nodes, Integer.parseInt(ready.group(2)));
    } catch (RuntimeException | InterruptedException e) {
      process.close();
      throw e;
    }
  }

  private static final Pattern CHAIN =
      Pattern.compile(
          "devnet: local chain at (\\S+) \\(chain id (\\d+), token (0x[0-9a-f]{40})\\)");

  private static final Pattern DASHBOARD =
      Pattern.compile("devnet: your Node's dashboard: (http://127\\.0\\.0\\.1:(\\d+)/)");

  /** The user's Node's dashboard, as devnet printed it. */
  String dashboardUrl() throws InterruptedException {
    return process.awaitLine(DASHBOARD, Duration.ofSeconds(1)).group(1);
  }

  /** The user's Node's UI port, as devnet printed its dashboard. */
  int uiPort() throws InterruptedException {
    return Integer.parseInt(process.awaitLine(DASHBOARD, Duration.ofSeconds(1)).group(2));
  }

  /** Waits for a line of devnet's output that {@code pattern} finds. */
  Matcher awaitOutput(Pattern pattern, Duration timeout) throws InterruptedException {
    return process.awaitLine(pattern, timeout);
  }

  /** The local chain's URL and token, as devnet printed them. */
  record Chain(String url, long chainId, org.jmasq.identity.Wallet token) {}

  Chain chain() throws InterruptedException {
    Matcher m = process.awaitLine(CHAIN, Duration.ofSeconds(1));
    return new Chain(
        m.group(1), Long.parseLong(m.group(2)), org.jmasq.identity.Wallet.parse(m.group(3)));
  }

  String proxy() {
    return "127.0.0.1:" + proxyPort;
  }

  Path nodeDirectory(int index) {
    return directory.resolve("node-" + index);
  }

  /** The first 8 bytes of the Node's encryption key in hex, as Nodes print keys in logs. */
  String shortKey(int index) throws IOException {
    for (String line : Files.readAllLines(nodeDirectory(index).resolve("node.log"))) {
      if (line.startsWith("JMasq Node masq://")) {
        String key =
            line.substring(line.indexOf(':', "JMasq Node masq://".length()) + 1, line.indexOf('@'));
        return HexFormat.of().formatHex(Base64.getUrlDecoder().decode(key), 0, 8);
      }
    }
    throw new IllegalStateException("node " + index + " printed no descriptor");
  }

  /** Index of the Node whose short key is {@code shortKey}. */
  int indexOf(String shortKey) throws IOException {
    for (int i = 1; i <= nodes; i++) {
      if (shortKey(i).equals(shortKey)) {
        return i;
      }
    }
    throw new IllegalStateException("no Node has key " + shortKey);
  }

  /** The Node's latest traffic line, as name → value. */
  Map<String, String> traffic(int index) throws IOException {
    String last = null;
    for (String line : Files.readAllLines(nodeDirectory(index).resolve("node.log"))) {
      if (line.startsWith("JMasq Node traffic: ")) {
        last = line.substring("JMasq Node traffic: ".length());
      }
    }
    Map<String, String> values = new HashMap<>();
    if (last != null) {
      for (String pair : last.split(" ")) {
        int eq = pair.indexOf('=');
        values.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return values;
  }

  long trafficValue(int index, String name) throws IOException {
    return Long.parseLong(traffic(index).getOrDefault(name, "0"));
  }

  /** Every route the user's Node logged, oldest first. */
  List<LoggedRoute> routes() throws IOException {
    List<LoggedRoute> out = new ArrayList<>();
    for (String line : Files.readAllLines(nodeDirectory(1).resolve("node.err"))) {
      Matcher m = ROUTE.matcher(line);
      if (m.find()) {
        out.add(
            new LoggedRoute(
                m.group(1),
                List.of(m.group(2).trim().split(" > ")),
                List.of(m.group(3).trim().split(" > "))));
      }
    }
    return out;
  }

  private static final Pattern CHOSEN =
      Pattern.compile(
          "Route chosen with exit ([0-9a-f]+); this Node's full neighbors then: ([0-9a-f,]*)");

  /**
   * The user's Node's full neighbors at the moment it chose a route with {@code exit}, for each
   * such choice.
   */
  List<List<String>> neighborsWhenChoosing(String exit) throws IOException {
    List<List<String>> out = new ArrayList<>();
    for (String line : Files.readAllLines(nodeDirectory(1).resolve("node.err"))) {
      Matcher m = CHOSEN.matcher(line);
      if (m.find() && m.group(1).equals(exit)) {
        out.add(m.group(2).isEmpty() ? List.of() : List.of(m.group(2).split(",")));
      }
    }
    return out;
  }

  String originatorLog() throws IOException {
    return Files.readString(nodeDirectory(1).resolve("node.err"));
  }

  long pid(int index) throws IOException {
    return Long.parseLong(Files.readString(nodeDirectory(index).resolve("node.lock")).trim());
  }

  void kill(int index) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-9", Long.toString(pid(index))).start().waitFor();
  }

  private static final org.jmasq.cli.DevnetWallets WALLETS = new org.jmasq.cli.DevnetWallets();

  /**
   * The earning wallet of Node {@code node}, numbered from 1 as devnet numbers them (1 is the
   * user's).
   */
  static org.jmasq.identity.Wallet earning(int node) {
    return WALLETS.earning(node - 1);
  }

  /** The consuming wallet's key of Node {@code node}, numbered from 1. */
  static org.jmasq.node.blockchain.WalletKey consuming(int node) {
    return WALLETS.consuming(node - 1);
  }

  /** The local chain's account 0, which holds the token supply. */
  static org.jmasq.node.blockchain.WalletKey deployer() {
    return WALLETS.deployer();
  }

  String diagnostics() {
    return process.diagnostics();
  }

  private static void stop(ProcessHandle node) {
    try {
      node.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      System.err.println(
          "Node process " + node.pid() + " still running 20 s after devnet stopped; stopping it");
      node.destroy();
      try {
        node.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception again) {
        node.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      // onExit never completes exceptionally; nothing to do.
    }
  }

  /**
   * Stops the network and keeps every Node's logs under target/devnet-logs for a post-mortem.
   * Returns only when every Node process has ended, so the tests read finished databases: a Node
   * that devnet did not stop in time (devnet itself is killed after 10 s) is stopped here.
   */
  @Override
  public void close() {
    List<ProcessHandle> running = new java.util.ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      try {
        // A killed Node's pid may belong to another process by now: only a Node is waited for.
        ProcessHandle.of(pid(i))
            .filter(ProcessHandle::isAlive)
            .filter(
                h ->
                    h.info().commandLine().map(c -> c.contains("org.jmasq.cli.Main")).orElse(false))
            .ifPresent(running::add);
      } catch (IOException | NumberFormatException e) {
        // No lock file (the Node never started, or already stopped): nothing to wait for.
      }
    }
    process.close();
    for (ProcessHandle node : running) {
      stop(node);
    }
    Path keep =
        Path.of(
            "target", "devnet-logs", directory.getParent().getParent().getFileName().toString());
    try {
      for (int i = 1; i <= nodes; i++) {
        Path to = keep.resolve("node-" + i);
        Files.createDirectories(to);
        for (String name : List.of("node.log", "node.err")) {
          Path from = nodeDirectory(i).resolve(name);
          if (Files.exists(from)) {
            Files.copy(from, to.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      System.err.println("could not keep the devnet logs: " + e.getMessage());
    }
  }
}
