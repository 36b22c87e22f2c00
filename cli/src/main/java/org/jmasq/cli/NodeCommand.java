package org.jmasq.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.node.NeighborhoodMode;
import org.jmasq.node.Node;
import org.jmasq.node.NodeConfig;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.automap.AutomapConfig;
import org.jmasq.node.blockchain.WalletKey;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jmasq node}: runs a Node in the foreground until Ctrl-C. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Run a Node until Ctrl-C.")
final class NodeCommand implements Callable<Integer> {
  private final InputStream in;

  @Spec CommandSpec spec;

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
      names = "--earning-wallet",
      converter = Converters.WalletAddress.class,
      description =
          "The wallet (0x + 40 hex digits) other Nodes pay for this Node's services; kept, and immutable once kept.")
  Wallet earningWallet;

  @Option(
      names = "--consuming-private-key",
      converter = Converters.ConsumingKey.class,
      description =
          "The private key (64 hex digits) of the wallet this Node pays other Nodes from; "
              + "it proves the wallet to each Node of its routes. Every local user can read a "
              + "command line: give it in MASQ_CONSUMING_PRIVATE_KEY or --consuming-private-key-file.")
  WalletKey consumingKey;

  @Option(
      names = "--consuming-private-key-file",
      description =
          "A file whose first line is the consuming private key (- reads one line of standard input).")
  Path consumingKeyFile;

  @Option(
      names = "--rate-pack",
      converter = Converters.Rates.class,
      description =
          "What this Node charges, in wei: routing byte|routing service|exit byte|exit service "
              + "(default: 53844|53844|107688|107688).")
  RatePack ratePack;

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
      names = "--payment-thresholds",
      converter = Converters.Thresholds.class,
      description =
          "debt|maturity|grace|permanent|interval|unban, in gwei and seconds "
              + "(default: 1000000000|1200|1200|500000000|21600|500000000); kept in the database.")
  PaymentThresholds paymentThresholds;

  @Option(
      names = "--scan-intervals",
      converter = Converters.Intervals.class,
      description =
          "pending payable|payable|receivable scan periods in seconds (default: 600|600|600); kept in the database.")
  ScanIntervals scanIntervals;

  @Option(
      names = "--blockchain-service-url",
      converter = Converters.Url.class,
      description = "The JSON-RPC endpoint of the chain, for payments and the receivable scan.")
  URI blockchainServiceUrl;

  @Option(
      names = "--token-contract",
      converter = Converters.WalletAddress.class,
      description =
          "The token contract's address, where it is not the chain's own (a local chain's deployment).")
  Wallet tokenContract;

  @Option(
      names = "--new-payer-credit",
      converter = Converters.Bytes.class,
      defaultValue = "10485760",
      description =
          "Bytes of service (relayed and exited together) a payer's wallet gets before this Node"
              + " has checked on chain that it holds tokens and gas; needs --blockchain-service-url"
              + " (default: ${DEFAULT-VALUE}, 10 MiB).")
  long newPayerCredit;

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
    Optional<WalletKey> consuming =
        secrets.read(
            "--consuming-private-key",
            consumingKey,
            consumingKeyFile,
            org.jmasq.node.blockchain.WalletKey::parse);
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
                new AccountantConfig(
                    consuming,
                    Optional.ofNullable(earningWallet),
                    password,
                    Optional.ofNullable(paymentThresholds),
                    Optional.ofNullable(scanIntervals),
                    Optional.ofNullable(ratePack),
                    Optional.ofNullable(blockchainServiceUrl),
                    Optional.ofNullable(tokenContract),
                    newPayerCredit))
            .withUiPort(uiPort == null ? 0 : uiPort)
            .withIpCountryTable(Optional.ofNullable(ipCountryTable))
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
