package org.jmasq.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.NeighborhoodMode;
import org.jmasq.node.Node;
import org.jmasq.node.NodeConfig;
import org.jmasq.node.automap.AutomapConfig;
import org.jmasq.node.blockchain.WalletKey;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jmasq node}: runs a Node in the foreground until Ctrl-C. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Run a Node until Ctrl-C.")
final class NodeCommand implements Callable<Integer> {
  private final InputStream in;

  @Spec CommandSpec spec;

  @Mixin PaymentOptions payments = new PaymentOptions();

  @Option(
      names = "--neighborhood-mode",
      converter = Converters.Mode.class,
      defaultValue = "standard",
      description =
          "standard, originate-only, consume-only or zero-hop (default: ${DEFAULT-VALUE}).")
  NeighborhoodMode mode;

  @Option(
      names = "--chain",
      converter = Converters.ChainName.class,
      defaultValue = "base-mainnet",
      description = "The blockchain the Node serves (default: ${DEFAULT-VALUE}).")
  Chain chain;

  @Option(
      names = "--data-directory",
      description = "Where the Node keeps its files (default: ~/.local/share/jmasq/<chain>).")
  Path dataDirectory;

  @Option(
      names = "--config-file",
      description =
          "A TOML file of options (keys: option names without --), under the command line and"
              + " the environment; relative to the data directory (default: config.toml there).")
  Path configFile;

  @Option(
      names = "--proxy-port",
      converter = Converters.Port.class,
      defaultValue = "1080",
      description =
          "Local port for SOCKS5, HTTP proxy and CONNECT; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int proxyPort;

  @Option(
      names = "--dns-servers",
      converter = Converters.DnsServers.class,
      description =
          "Comma-separated DNS servers the exit asks (IP[:port]); default: the system resolver.")
  List<InetSocketAddress> dnsServers = List.of();

  @Option(
      names = "--allow-private-targets",
      description =
          "Let the exit connect to loopback, private and link-local addresses (for local testing).")
  boolean allowPrivateTargets;

  @Option(
      names = "--optimistic-data",
      description =
          "Tell a SOCKS5 client \"succeeded\" as soon as its stream has a route, so its request"
              + " leaves one route round trip sooner; a failure at the exit then reaches it as an"
              + " HTTP error page or a TLS alert instead of a SOCKS reply code (docs/PROTOCOL.md §7).")
  boolean optimisticData;

  @Option(
      names = "--min-hops",
      converter = Converters.MinHops.class,
      defaultValue = "3",
      description = "Minimum hops per route, 1~6 (default: ${DEFAULT-VALUE}).")
  int minHops;

  @Option(
      names = "--neighbors",
      converter = Converters.Descriptors.class,
      description = "Comma-separated masq:// descriptors of Nodes to join.")
  List<NodeDescriptor> neighbors = List.of();

  @Option(
      names = "--ip",
      converter = Converters.IpAddress.class,
      description =
          "The Node's public IP address, its port forwarded by hand; without it a standard Node maps its port on its router (automap). Refused in zero-hop mode.")
  InetAddress ip;

  @Option(
      names = "--mapping-protocol",
      converter = Converters.MappingProtocolName.class,
      description =
          "With automap, the one router protocol to use: pcp, pmp or igdp (default: the one that worked last time, else each in this order).")
  org.jmasq.automap.MappingProtocol mappingProtocol;

  @Option(
      names = "--db-password",
      description =
          "Encrypts the consuming key, the Node key and the past neighbors in the database; needed to keep them, "
              + "and to use kept ones. Every local user can read a command line: give it in "
              + "MASQ_DB_PASSWORD or --db-password-file.")
  String dbPassword;

  @Option(
      names = "--db-password-file",
      description =
          "A file whose first line is the database password (- reads one line of standard input).")
  Path dbPasswordFile;

  @Option(
      names = "--clandestine-port",
      converter = Converters.ClandestinePort.class,
      description =
          "Port for links from other Nodes, 1~65535; 443 looks most like a web server (below 1024"
              + " needs the privilege to bind: see docs/LINKS.md).")
  Integer clandestinePort;

  @Option(
      names = "--ip-country-table",
      paramLabel = "FILE",
      description =
          "For tests only: an IP-to-country table of 'CIDR CC' lines (127.0.0.2/32 DE) used"
              + " instead of the shipped one, so that test addresses have countries; at most"
              + " 4096 lines (docs/NEIGHBORHOOD.md).")
  Path ipCountryTable;

  @Option(
      names = "--ui-port",
      converter = Converters.UiPort.class,
      description =
          "Serve the MASQNode-UIv2 WebSocket protocol on 127.0.0.1 at this port, 1025~65535"
              + " (see docs/UI.md); default: no UI.")
  Integer uiPort;

  @Option(
      names = "--log-level",
      converter = Converters.LogLevel.class,
      defaultValue = "warn",
      description = "off, error, warn, info, debug or trace (default: ${DEFAULT-VALUE}).")
  String logLevel;

  NodeCommand(InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() throws Exception {
    Level level = parseLevel(logLevel);
    checkCombinations();
    Secrets secrets = new Secrets(spec, in);
    Optional<WalletKey> consuming = payments.consumingKey(secrets);
    Optional<String> password = secrets.read("--db-password", dbPassword, dbPasswordFile);
    LogLevels.set((LoggerContext) LoggerFactory.getILoggerFactory(), level, uiPort != null);
    NodeConfig config =
        new NodeConfig(
                mode,
                chain,
                dataDirectoryOrDefault(),
                proxyPort,
                dnsServers,
                allowPrivateTargets,
                minHops,
                neighbors,
                Optional.ofNullable(ip),
                clandestinePort == null ? 0 : clandestinePort,
                Duration.ofSeconds(10),
                payments.accountantConfig(consuming, password))
            .withUiPort(uiPort == null ? 0 : uiPort)
            .withIpCountryTable(Optional.ofNullable(ipCountryTable))
            .withOptimisticData(optimisticData)
            .withAutomap(
                mode == NeighborhoodMode.STANDARD && ip == null
                    ? AutomapConfig.on(Optional.ofNullable(mappingProtocol))
                    : AutomapConfig.OFF);
    CountDownLatch stopped = new CountDownLatch(1);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Node node =
        Node.start(
            config,
            new Node.Events() {
              @Override
              public void stageChanged(ConnectionStage stage) {
                out.println("JMasq Node connection stage: " + stage.uiName());
                out.flush();
              }

              @Override
              public void shutdownRequested(String reason) {
                err.println("jmasq: " + reason);
                err.flush();
                // Not on the calling thread: the shutdown hook stops the Node, which waits for
                // the very mailbox thread this is called on.
                new Thread(() -> System.exit(1), "exit").start();
              }

              @Override
              public void stoppedByUi() {
                // Asked for, so not a failure: the command ends as after Ctrl-C, with exit code 0.
                out.println("JMasq Node stopped: its UI asked it to shut down.");
                out.flush();
                stopped.countDown();
              }
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  out.println("JMasq Node stopped.");
                  out.flush();
                  stopped.countDown();
                },
                "shutdown"));
    InetSocketAddress proxy = node.proxyAddress();
    String where = proxy.getAddress().getHostAddress() + ":" + proxy.getPort();
    out.println("JMasq Node " + node.descriptor());
    node.uiAddress()
        .ifPresent(
            ui ->
                out.println(
                    "JMasq Node UI (MASQNode-UIv2) on ws://127.0.0.1:" + ui.getPort() + "/"));
    out.println("JMasq Node ready (" + mode + "): SOCKS5 and HTTP proxy on " + where);
    out.println(
        "Try: curl --socks5-hostname " + where + " http://example.com/   (Ctrl-C stops the Node)");
    out.flush();
    String lastTraffic = "";
    while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
      String traffic = trafficLine(node.traffic());
      if (!traffic.equals(lastTraffic)) {
        out.println(traffic);
        out.flush();
        lastTraffic = traffic;
      }
    }
    return 0;
  }

  /**
   * One line a script can read: what this Node relayed and served as an exit, and its full
   * neighbors.
   */
  static String trafficLine(Node.Traffic t) {
    return "JMasq Node traffic: relayed_packages="
        + t.relayedPackages()
        + " relayed_bytes="
        + t.relayedBytes()
        + " exit_streams="
        + t.exitStreams()
        + " exit_bytes="
        + t.exitBytes()
        + " neighbors="
        + String.join(",", t.neighbors().stream().map(Object::toString).sorted().toList());
  }

  void checkCombinations() {
    if (mode == NeighborhoodMode.ZERO_HOP && ip != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--ip cannot be used in zero-hop mode: a zero-hop Node has no public address");
    }
    if (mappingProtocol != null && (mode != NeighborhoodMode.STANDARD || ip != null)) {
      throw new ParameterException(
          spec.commandLine(),
          "--mapping-protocol needs a standard Node without --ip: only such a Node maps its port on its router");
    }
    if (mode == NeighborhoodMode.CONSUME_ONLY && !dnsServers.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--dns-servers cannot be used in consume-only mode: such a Node is never an exit");
    }
    if ((mode == NeighborhoodMode.ORIGINATE_ONLY || mode == NeighborhoodMode.CONSUME_ONLY)
        && neighbors.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "--neighbors is required in " + mode + " mode");
    }
    for (NodeDescriptor d : neighbors) {
      if (d.chain() != chain) {
        throw new ParameterException(
            spec.commandLine(),
            "neighbor " + d + " is on chain " + d.chain() + ", but this Node runs on " + chain);
      }
    }
  }

  private Level parseLevel(String text) {
    return switch (text) {
      case "off" -> Level.OFF;
      case "error" -> Level.ERROR;
      case "warn" -> Level.WARN;
      case "info" -> Level.INFO;
      case "debug" -> Level.DEBUG;
      case "trace" -> Level.TRACE;
      default ->
          throw new ParameterException(
              spec.commandLine(),
              "--log-level: '"
                  + text
                  + "' is not a level (expected one of off, error, warn, info, debug, trace)");
    };
  }

  /** The data directory given, or the chain's default. */
  Path dataDirectoryOrDefault() {
    return dataDirectory != null ? dataDirectory : defaultDataDirectory(chain);
  }

  private static Path defaultDataDirectory(Chain chain) {
    return Path.of(System.getProperty("user.home"), ".local", "share", "jmasq", chain.identifier());
  }
}
