package org.jmasq.node.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.NeighborhoodMode;
import org.jmasq.node.Node;
import org.jmasq.node.NodeConfig;
import org.jmasq.node.NodeStartException;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.blockchain.WalletKey;

/**
 * Real Nodes for attack tests: each started with {@link Node#start} in this JVM, on its own
 * loopback address ({@code 127.0.<net>.<n>}), with its own data directory, real TLS links and its
 * entry on an ephemeral port. Standard Nodes {@code 1..standard} debut one after another to the
 * first; the user's Node (originate-only, with a consuming wallet) joins last, as in devnet, and
 * {@link #start} returns once it has found a route.
 *
 * <p>Their exits may reach loopback servers ({@code allowPrivateTargets}), so a test can count what
 * an origin server on 127.0.0.1 receives. No chain, unless the test gives one: the Nodes keep their
 * books but scan nothing.
 */
public final class RealNodes implements AutoCloseable {
  private final int net;
  private final Path root;
  private final UnaryOperator<AccountantConfig> accounts;
  private final UnaryOperator<NodeConfig> everyNode;
  private final List<Node> standard = new ArrayList<>();
  private final List<NodeConfig> standardConfigs = new ArrayList<>();
  private Node user;
  private final SecureRandom random = new SecureRandom();

  private RealNodes(
      int net,
      Path root,
      UnaryOperator<AccountantConfig> accounts,
      UnaryOperator<NodeConfig> everyNode) {
    this.net = net;
    this.root = root;
    this.accounts = accounts;
    this.everyNode = everyNode;
  }

  /**
   * Starts {@code standardNodes} standard Nodes and the user's Node on {@code 127.0.<net>.x} (x = 1
   * for the user's Node, 2.. for the standard ones), each under {@code root}, and waits until the
   * user's Node reports a route found. Use a {@code net} of its own per test class (2..254), so
   * that Nodes of one test never meet another's.
   */
  public static RealNodes start(int net, Path root, int standardNodes) throws Exception {
    return start(net, root, standardNodes, a -> a);
  }

  /**
   * As {@link #start(int, Path, int)}, with each Node's money settings changed by {@code accounts}
   * (say, a chain to ask): it gets the user's Node's wallet, and no settings for the others.
   */
  public static RealNodes start(
      int net, Path root, int standardNodes, UnaryOperator<AccountantConfig> accounts)
      throws Exception {
    return start(net, root, standardNodes, accounts, c -> c);
  }

  /**
   * As {@link #start(int, Path, int, UnaryOperator)}, with every Node's configuration changed by
   * {@code everyNode} (called once per Node: a UI port of its own, say).
   */
  public static RealNodes start(
      int net,
      Path root,
      int standardNodes,
      UnaryOperator<AccountantConfig> accounts,
      UnaryOperator<NodeConfig> everyNode)
      throws Exception {
    RealNodes nodes = new RealNodes(net, root, accounts, everyNode);
    try {
      nodes.startStandard(standardNodes);
      nodes.startUser(Duration.ofSeconds(60));
      return nodes;
    } catch (Exception | Error e) {
      nodes.close();
      throw e;
    }
  }

  /** Only the standard Nodes, no user's Node: for tests that originate from a hostile peer. */
  public static RealNodes standardOnly(int net, Path root, int standardNodes) throws Exception {
    RealNodes nodes = new RealNodes(net, root, a -> a, c -> c);
    try {
      nodes.startStandard(standardNodes);
      return nodes;
    } catch (Exception | Error e) {
      nodes.close();
      throw e;
    }
  }

  /** The address of host {@code n} of this test's net: 1 is the user's, a free one is for peers. */
  public InetAddress ip(int n) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, (byte) net, (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private void startStandard(int count) throws NodeStartException {
    for (int i = 0; i < count; i++) {
      List<NodeDescriptor> neighbors =
          standard.isEmpty() ? List.of() : List.of(standard.get(0).descriptor());
      NodeConfig config =
          config(NeighborhoodMode.STANDARD, ip(i + 2), neighbors, AccountantConfig.NONE);
      standard.add(Node.start(config, Events.NONE));
      standardConfigs.add(config);
    }
  }

  private void startUser(Duration timeout) throws Exception {
    Events events = new Events();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    secret[0] = 0x22; // below the curve order
    AccountantConfig wallet =
        new AccountantConfig(
            Optional.of(WalletKey.of(secret)),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    user =
        Node.start(
            config(
                NeighborhoodMode.ORIGINATE_ONLY,
                ip(1),
                List.of(standard.get(standard.size() - 1).descriptor()),
                wallet),
            events);
    if (!events.routeFound.await(timeout.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "the user's Node found no route within " + timeout + "; stage " + user.stage());
    }
  }

  private NodeConfig config(
      NeighborhoodMode mode,
      InetAddress ip,
      List<NodeDescriptor> neighbors,
      AccountantConfig accountant) {
    return everyNode.apply(
        new NodeConfig(
            mode,
            Chain.DEV,
            root.resolve(ip.getHostAddress()),
            0,
            List.of(),
            true,
            3,
            neighbors,
            Optional.of(ip),
            0,
            Duration.ofSeconds(5),
            accounts.apply(accountant)));
  }

  /**
   * Starts one more standard Node on host {@code n} of this net, debuting to {@code neighbors},
   * with its configuration changed by {@code adjust} (one that dials as a Node on the open
   * internet, say); it stops with the others.
   */
  public Node startStandard(int n, List<NodeDescriptor> neighbors, UnaryOperator<NodeConfig> adjust)
      throws NodeStartException {
    return startStandard(n, neighbors, adjust, Events.NONE);
  }

  /**
   * As {@link #startStandard(int, List, UnaryOperator)}, telling {@code events} what it reports.
   */
  public Node startStandard(
      int n, List<NodeDescriptor> neighbors, UnaryOperator<NodeConfig> adjust, Node.Events events)
      throws NodeStartException {
    NodeConfig config =
        adjust.apply(config(NeighborhoodMode.STANDARD, ip(n), neighbors, AccountantConfig.NONE));
    Node node = Node.start(config, events);
    standard.add(node);
    standardConfigs.add(config);
    return node;
  }

  /**
   * Starts standard Node {@code i}, which the test closed, again from its data directory: the same
   * key, address and port, as a Node that comes back after a crash.
   */
  public Node startAgain(int i) throws NodeStartException {
    Node node = Node.start(standardConfigs.get(i), Events.NONE);
    standard.set(i, node);
    return node;
  }

  /** Standard Node {@code i} (0-based; the first is everyone's bootstrap). */
  public Node standard(int i) {
    return standard.get(i);
  }

  /**
   * {@code length} distinct standard Nodes, each a full neighbor of the next, as a route's relays
   * and exit must be; waits up to {@code timeout} for the Gossip to make such a chain.
   */
  public List<Node> chain(int length, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Node first : standard) {
        List<Node> found = extend(new ArrayList<>(List.of(first)), length);
        if (found != null) {
          return found;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no chain of " + length + " neighbors within " + timeout);
      }
      Thread.sleep(200);
    }
  }

  private List<Node> extend(List<Node> chain, int length) {
    if (chain.size() == length) {
      return chain;
    }
    Node last = chain.get(chain.size() - 1);
    for (Node next : standard) {
      if (!chain.contains(next)
          && last.traffic().neighbors().contains(next.descriptor().key())
          && next.traffic().neighbors().contains(last.descriptor().key())) {
        chain.add(next);
        List<Node> found = extend(chain, length);
        if (found != null) {
          return found;
        }
        chain.remove(chain.size() - 1);
      }
    }
    return null;
  }

  public List<Node> standardNodes() {
    return List.copyOf(standard);
  }

  /** The user's originate-only Node, once {@link #start} made it. */
  public Node user() {
    return user;
  }

  /**
   * Fetches {@code url} through {@code node}'s HTTP proxy entry, as {@code curl -x} would, and
   * returns the whole answer (status line, headers and body) as text.
   */
  public static String fetch(Node node, String url, Duration timeout) throws IOException {
    InetSocketAddress proxy = node.proxyAddress();
    try (Socket socket = new Socket()) {
      socket.connect(proxy, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      String host = java.net.URI.create(url).getAuthority();
      String request =
          "GET " + url + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Fetches {@code url} through {@code node} until the answer is a 200 or {@code timeout} passes, a
   * second apart: for tests whose subject is not the first request after the route is found.
   */
  public static String fetchUntilServed(Node node, String url, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = fetch(node, url, Duration.ofSeconds(10));
        if (last.startsWith("HTTP/1.1 200")) {
          return last;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(1000);
    }
    throw new IOException("not served within " + timeout + "; last answer: " + last);
  }

  @Override
  public void close() {
    if (user != null) {
      user.close();
    }
    for (int i = standard.size() - 1; i >= 0; i--) {
      standard.get(i).close();
    }
  }

  /** Counts the user's Node's stage down to a latch. */
  private static class Events implements Node.Events {
    static final Events NONE = new Events();
    final CountDownLatch routeFound = new CountDownLatch(1);

    @Override
    public void stageChanged(ConnectionStage stage) {
      if (stage == ConnectionStage.ROUTE_FOUND) {
        routeFound.countDown();
      }
    }

    @Override
    public void shutdownRequested(String reason) {}
  }
}
