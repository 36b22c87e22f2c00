package org.jmasq.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.jmasq.accountant.BannedWallets;
import org.jmasq.accountant.ChargeSink;
import org.jmasq.accountant.DebtPolicy;
import org.jmasq.accountant.PayerGate;
import org.jmasq.accountant.PendingPaymentPolicy;
import org.jmasq.accountant.ProviderCharges;
import org.jmasq.accountant.RouteCharges;
import org.jmasq.accountant.Service;
import org.jmasq.accountant.ServiceOnRoute;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.Payer;
import org.jmasq.cores.PayerProofs;
import org.jmasq.cores.RouteOpener;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.LocalNode;
import org.jmasq.neighborhood.Neighborhood;
import org.jmasq.neighborhood.NeighborhoodConfig;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.neighborhood.SignatureVerifier;
import org.jmasq.node.accountant.Accountant;
import org.jmasq.node.accountant.Books;
import org.jmasq.node.accountant.Ledger;
import org.jmasq.node.accountant.PayableScanner;
import org.jmasq.node.accountant.PendingPayableScanner;
import org.jmasq.node.accountant.ReceivableScanner;
import org.jmasq.node.blockchain.JsonRpcBlockchainClient;
import org.jmasq.node.blockchain.TransferSigner;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.blockchain.Web3jPayerProofs;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.PersistentBans;
import org.jmasq.node.datadir.DataDirectoryLock;
import org.jmasq.node.datadir.KeptSecrets;
import org.jmasq.node.datadir.NodeFiles;
import org.jmasq.node.entry.EntryServer;
import org.jmasq.node.hopper.Hopper;
import org.jmasq.node.link.LinkManager;
import org.jmasq.node.neighborhood.NeighborhoodService;
import org.jmasq.node.proxyclient.DnsServersResolver;
import org.jmasq.node.proxyclient.ExitPolicy;
import org.jmasq.node.proxyclient.HostResolver;
import org.jmasq.node.proxyclient.ProxyClient;
import org.jmasq.node.proxyserver.ProxyServer;
import org.jmasq.node.proxyserver.RouteSource;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.node.runtime.SystemRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds one Node from its configuration, top to bottom, and stops it.
 *
 * <p>In zero-hop mode every route is {@code [self, self]}, so a request goes ProxyServer → Hopper →
 * ProxyClient inside this process, through real CORES packages. In the other modes the Neighborhood
 * finds routes over the Node's links to other Nodes, and the Hopper relays for them.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  /** Session keys remembered per key pair: about one per hop per live stream. */
  private static final int SESSION_CACHE = 65_536;

  /**
   * Payer proofs remembered: one per route Node on the paying side, one per paying route on the
   * serving side.
   */
  private static final int PROOFS_REMEMBERED = 10_000;

  /** How often the charges gathered from the data path are written to the database. */
  private static final Duration LEDGER_FLUSH = Duration.ofSeconds(1);

  /** What a running Node reports to whoever started it. */
  public interface Events {
    void stageChanged(ConnectionStage stage);

    void shutdownRequested(String reason);
  }

  private final NodeConfig config;
  private final NodeKeyPair mainKeys;
  private final DataDirectoryLock lock;
  private final ScheduledExecutorService timers;
  private final NodeRuntime runtime = new SystemRuntime();
  private volatile Hopper hopper;
  private final ProxyServer proxyServer;
  private final ProxyClient proxyClient;
  private final LinkManager links;
  private volatile NeighborhoodService neighborhood;
  private final Optional<NodeAddr> nodeAddr;
  private final EntryServer entry;
  private Accountant accountant;
  private Optional<WalletKey> consumingKey = Optional.empty();
  private Wallet earningWallet = Books.NO_EARNING_WALLET;
  private RatePack ratePack = RatePack.DEFAULT;

  private Node(NodeConfig config, Events events) throws IOException {
    this.config = config;
    Files.createDirectories(config.dataDirectory());
    this.lock = tryLock(config);
    // What is started before a later step fails is stopped again, newest first.
    java.util.Deque<Runnable> undo = new java.util.ArrayDeque<>();
    undo.push(runtime::close);
    try {
      SecureRandom random = new SecureRandom();
      NodeFiles files = new NodeFiles(config.dataDirectory());
      boolean zeroHop = config.mode() == NeighborhoodMode.ZERO_HOP;
      boolean standard = config.mode() == NeighborhoodMode.STANDARD;
      // A zero-hop Node serves only itself: it neither pays nor earns, and keeps no books.
      Books books = zeroHop ? null : openBooks(config);
      this.accountant =
          zeroHop
              ? null
              : new Accountant(
                  books.database(),
                  new Ledger(books.database(), InstantSource.system()),
                  LEDGER_FLUSH);
      KeptSecrets secrets =
          zeroHop
              ? KeptSecrets.inFiles(files, config.chain(), random)
              : keptSecrets(config, files, books, random);
      this.mainKeys = secrets.nodeKeys();
      NodeKeyPair aliasKeys = NodeKeyPair.generate(random);
      EnvelopeOpener mainOpener = new EnvelopeOpener(mainKeys, SESSION_CACHE);
      EnvelopeOpener aliasOpener = new EnvelopeOpener(aliasKeys, SESSION_CACHE);
      RouteOpener routeOpener = new RouteOpener(mainOpener);
      this.timers =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().name("timers").daemon().unstarted(r));
      undo.push(timers::shutdownNow);
      this.consumingKey = zeroHop ? Optional.empty() : books.consumingKey();
      this.earningWallet =
          zeroHop
              ? config.accountant().earningWallet().orElse(Books.NO_EARNING_WALLET)
              : books.earningWallet();
      this.ratePack = zeroHop ? RatePack.DEFAULT : books.settings().ratePack();
      ChargeSink charges = zeroHop ? ChargeSink.NONE : accountant.ledger();
      Set<Wallet> ownWallets = ownWallets();
      Web3jPayerProofs proofs = new Web3jPayerProofs(config.chain());
      BannedWallets bans = new BannedWallets();
      if (!zeroHop) {
        startScans(config, books, bans);
      }
      Hopper.Billing billing =
          zeroHop
              ? Hopper.Billing.FREE
              : new Hopper.Billing(
                  Optional.of(new PayerGate(proofs, bans, mainKeys.publicKey(), PROOFS_REMEMBERED)),
                  new ProviderCharges(ratePack, ownWallets, charges));

      this.proxyClient =
          new ProxyClient(
              resolver(config),
              new ExitPolicy(config.allowPrivateTargets()),
              this::transmit,
              random,
              config.connectTimeout(),
              billing.charges());
      if (zeroHop) {
        this.neighborhood = null;
        this.links = null;
        this.nodeAddr = Optional.empty();
      } else {
        InetAddress ip = config.ip().orElse(InetAddress.getByName("0.0.0.0"));
        this.links = startLinks(config, files, ip, random, this::addressOf);
        undo.push(links::close);
        this.nodeAddr = standard ? Optional.of(NodeAddr.of(ip, links.port())) : Optional.empty();
        this.neighborhood = neighborhoodService(config, events, files, secrets, random);
        undo.push(neighborhood::close);
        // A banned Node's links are refused at once, so it cannot come back as a relay or an exit
        // by dialling again.
        links.refuseWhen(neighborhood::isBanned);
      }
      RouteSource routes = zeroHop ? RouteSource.zeroHop(mainKeys.publicKey()) : neighborhood;
      this.proxyServer =
          new ProxyServer(
              mainKeys.publicKey(),
              aliasKeys.publicKey(),
              routes,
              routeOpener,
              this::transmit,
              random,
              timers,
              config.connectTimeout().plusSeconds(10),
              zeroHop ? k -> Optional.empty() : payers(proofs),
              zeroHop ? ProxyServer.Pricing.FREE : legs -> price(legs, routes, ownWallets, charges),
              zeroHop || consumingKey.isPresent());
      InetSocketAddress self = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
      this.hopper =
          new Hopper(
              mainKeys.publicKey(),
              self,
              routeOpener,
              mainOpener,
              aliasOpener,
              zeroHop ? Node::noLinks : links,
              new Hopper.Deliveries(
                  proxyServer::deliver,
                  config.mode() == NeighborhoodMode.CONSUME_ONLY
                      ? request ->
                          log.warn("Dropped a request: a consume-only Node is never an exit")
                      : proxyClient::deliver,
                  zeroHop
                      ? gossip ->
                          log.warn(
                              "Dropped Gossip: a zero-hop Node takes no part in the Neighborhood")
                      : neighborhood::deliver),
              random,
              billing);
      this.entry = EntryServer.start(config.proxyPort(), proxyServer);
      if (neighborhood != null) {
        neighborhood.start(config.neighbors(), secrets.pastNeighbors());
      }
    } catch (IOException | RuntimeException e) {
      undo.forEach(Runnable::run);
      if (accountant != null) {
        accountant.close();
      }
      releaseLock();
      throw e instanceof NodeStartException s ? s : new NodeStartException(e.getMessage());
    }
  }

  private static KeptSecrets keptSecrets(
      NodeConfig config, NodeFiles files, Books books, SecureRandom random) throws IOException {
    try {
      return KeptSecrets.open(
          files, books.database(), config.accountant().dbPassword(), config.chain(), random);
    } catch (DatabaseException e) {
      throw new NodeStartException(e.getMessage());
    }
  }

  private static Books openBooks(NodeConfig config) throws NodeStartException {
    try {
      return Books.open(config.dataDirectory(), config.chain(), config.accountant());
    } catch (DatabaseException e) {
      throw new NodeStartException(e.getMessage());
    }
  }

  /**
   * Loads the bans into the Hopper's and the exit's mirror, and, with a chain to talk to, starts
   * the scans: paying and confirming only with a consuming wallet, finding payments always.
   */
  private void startScans(NodeConfig config, Books books, BannedWallets bans)
      throws NodeStartException {
    NodeDatabase database = books.database();
    PersistentBans persistentBans;
    try {
      persistentBans = PersistentBans.load(database.banned(), bans);
    } catch (DatabaseException e) {
      throw new NodeStartException(e.getMessage());
    }
    if (config.accountant().blockchainServiceUrl().isEmpty()) {
      log.info("No --blockchain-service-url: no payment or receivable scans");
      return;
    }
    Chain chain = config.chain();
    Wallet token = config.accountant().tokenContract().orElse(Wallet.of(chain.contractAddress()));
    JsonRpcBlockchainClient rpc =
        new JsonRpcBlockchainClient(
            config.accountant().blockchainServiceUrl().get(),
            token,
            HttpClient.newHttpClient(),
            Duration.ofSeconds(10));
    Clock clock = Clock.systemUTC();
    DebtPolicy policy = new DebtPolicy(books.settings().thresholds(), clock);
    Optional<TransferSigner> signer =
        consumingKey.map(k -> new TransferSigner(chain.chainId(), token, chain, k));
    Optional<PayableScanner> payable =
        signer.map(
            s ->
                new PayableScanner(
                    database, rpc, s, consumingKey.get().wallet(), chain, policy, clock));
    Optional<PendingPayableScanner> pending =
        signer.map(
            s ->
                new PendingPayableScanner(
                    database,
                    rpc,
                    s,
                    consumingKey.get().wallet(),
                    new PendingPaymentPolicy(PendingPaymentPolicy.DEFAULT_TIMEOUT, clock),
                    clock));
    ReceivableScanner receivable =
        new ReceivableScanner(database, rpc, earningWallet, policy, persistentBans, clock);
    accountant.startScans(
        new Accountant.Scans(payable, pending, receivable, books.settings().scanIntervals()));
  }

  private Set<Wallet> ownWallets() {
    Set<Wallet> own = new HashSet<>();
    own.add(earningWallet);
    consumingKey.ifPresent(k -> own.add(k.wallet()));
    return Set.copyOf(own);
  }

  /**
   * The consuming wallet's proof for each hop of a route, made once per hop Node and remembered
   * (the signature is deterministic); none for this Node's own hops, and none without a wallet.
   */
  private Function<PublicKey, Optional<Payer>> payers(Web3jPayerProofs proofs) {
    if (consumingKey.isEmpty()) {
      return k -> Optional.empty();
    }
    PayerProofs.Signer signer = proofs.signer(consumingKey.get());
    PublicKey self = mainKeys.publicKey();
    Map<PublicKey, Payer> made = new ConcurrentHashMap<>();
    return key -> {
      if (key.equals(self)) {
        return Optional.empty();
      }
      if (made.size() > PROOFS_REMEMBERED) {
        made.clear();
      }
      return Optional.of(made.computeIfAbsent(key, signer::sign));
    };
  }

  /** What a route costs this Node, at the rates its Nodes gossiped. */
  private static RouteCharges price(
      RouteSource.RouteLegs legs, RouteSource routes, Set<Wallet> ownWallets, ChargeSink charges) {
    List<PublicKey> over = legs.over();
    List<PublicKey> back = legs.back();
    return new RouteCharges(
        services(over.subList(1, over.size() - 1), routes, Service.ROUTING),
        services(List.of(legs.exit()), routes, Service.EXIT).stream().findFirst(),
        services(back.subList(1, back.size() - 1), routes, Service.ROUTING),
        ownWallets,
        charges);
  }

  private static List<ServiceOnRoute> services(
      List<PublicKey> keys, RouteSource routes, Service service) {
    List<ServiceOnRoute> out = new ArrayList<>(keys.size());
    for (PublicKey key : keys) {
      Optional<RouteSource.Terms> terms = routes.terms(key);
      if (terms.isEmpty()) {
        log.warn("No rate pack known for {}: its {} on this route goes unrecorded", key, service);
      } else {
        out.add(new ServiceOnRoute(terms.get().earningWallet(), terms.get().ratePack(), service));
      }
    }
    return out;
  }

  /**
   * Listens on the configured clandestine port; without one, on the port kept from an earlier run,
   * or on a random free port in 1025–9999, which is then kept for the next run.
   */
  private LinkManager startLinks(
      NodeConfig config,
      NodeFiles files,
      InetAddress ip,
      SecureRandom random,
      LinkManager.AddressBook addresses)
      throws IOException {
    if (config.mode() != NeighborhoodMode.STANDARD) {
      return LinkManager.start(mainKeys, ip, 0, addresses, linkListener(), random);
    }
    if (config.clandestinePort() != 0) {
      LinkManager links =
          LinkManager.start(
              mainKeys, ip, config.clandestinePort(), addresses, linkListener(), random);
      files.keepClandestinePort(config.clandestinePort());
      return links;
    }
    int port = files.clandestinePort(random);
    for (int attempt = 0; ; attempt++) {
      try {
        LinkManager links =
            LinkManager.start(mainKeys, ip, port, addresses, linkListener(), random);
        files.keepClandestinePort(port);
        return links;
      } catch (IOException e) {
        if (attempt >= 20) {
          throw e;
        }
        log.info("Clandestine port {} is taken; trying another", port);
        port = NodeFiles.randomClandestinePort(random);
      }
    }
  }

  private NeighborhoodService neighborhoodService(
      NodeConfig config, Events events, NodeFiles files, KeptSecrets secrets, SecureRandom random) {
    LocalNode local = new LocalNode(mainKeys, config.chain(), nodeAddr);
    NeighborhoodConfig settings =
        switch (config.mode()) {
          case STANDARD -> NeighborhoodConfig.standard(earningWallet, ratePack, Optional.empty());
          case ORIGINATE_ONLY ->
              NeighborhoodConfig.originateOnly(earningWallet, ratePack, Optional.empty());
          case CONSUME_ONLY -> NeighborhoodConfig.consumeOnly(earningWallet, Optional.empty());
          case ZERO_HOP -> throw new IllegalStateException("a zero-hop Node has no Neighborhood");
        };
    Neighborhood pure =
        new Neighborhood(
            local,
            settings.withMinHops(config.minHops()).withInitialVersion(files.nextRecordVersion()),
            runtime.clock(),
            random,
            SignatureVerifier.ed25519(config.chain()));
    NeighborhoodService.Observer observer =
        new NeighborhoodService.Observer() {
          @Override
          public void stageChanged(ConnectionStage stage) {
            events.stageChanged(stage);
          }

          @Override
          public void pastNeighborsChanged(List<NodeDescriptor> neighbors) {
            secrets.keepPastNeighbors(neighbors);
          }

          @Override
          public void recordVersionChanged(long version) {
            files.keepRecordVersion(version);
          }

          @Override
          public void shutdownRequested(String reason) {
            events.shutdownRequested(reason);
          }
        };
    return new NeighborhoodService(
        pure, runtime, this::transmit, () -> links, observer, random, config.minHops());
  }

  /** Links may come up before the Node is fully built; until then what they bring is dropped. */
  private LinkManager.Listener linkListener() {
    return new LinkManager.Listener() {
      @Override
      public void onPackage(byte[] livePackage, InetSocketAddress from) {
        Hopper h = hopper;
        if (h != null) {
          h.receive(livePackage, from);
        }
      }

      @Override
      public void linkUp(PublicKey peer, InetSocketAddress remote) {
        NeighborhoodService n = neighborhood;
        if (n != null) {
          n.linkUp(peer, remote);
        }
      }

      @Override
      public void linkDown(PublicKey peer, String why) {
        NeighborhoodService n = neighborhood;
        if (n != null) {
          n.linkDown(peer);
        }
      }
    };
  }

  private Optional<NodeAddr> addressOf(PublicKey key) {
    NeighborhoodService n = neighborhood;
    return n == null ? Optional.empty() : n.addressOf(key);
  }

  private static void noLinks(PublicKey next, byte[] bytes) throws IOException {
    throw new IOException("no link to " + next + ": a zero-hop Node has no neighbors");
  }

  /** Starts a Node, or explains in one sentence why it cannot start. */
  public static Node start(NodeConfig config, Events events) throws NodeStartException {
    try {
      return new Node(config, events);
    } catch (NodeStartException e) {
      throw e;
    } catch (IOException e) {
      throw new NodeStartException(
          "cannot use data directory " + config.dataDirectory() + ": " + e.getMessage());
    }
  }

  private static DataDirectoryLock tryLock(NodeConfig config) throws IOException {
    DataDirectoryLock lock =
        DataDirectoryLock.tryAcquire(config.dataDirectory())
            .orElseThrow(
                () ->
                    new NodeStartException(
                        "another Node is already running with data directory "
                            + config.dataDirectory()));
    try {
      lock.namePid();
    } catch (IOException e) {
      lock.close();
      throw e;
    }
    return lock;
  }

  private static HostResolver resolver(NodeConfig config) {
    return config.dnsServers().isEmpty()
        ? HostResolver.system()
        : new DnsServersResolver(config.dnsServers(), Duration.ofSeconds(5));
  }

  private void transmit(IncipientCoresPackage incipient) throws IOException {
    hopper.transmit(incipient);
  }

  public InetSocketAddress proxyAddress() {
    return entry.address();
  }

  /** How this Node is named to others. */
  public NodeDescriptor descriptor() {
    return new NodeDescriptor(config.chain(), mainKeys.publicKey(), nodeAddr);
  }

  public ConnectionStage stage() {
    return neighborhood == null ? ConnectionStage.ROUTE_FOUND : neighborhood.stage();
  }

  /** Known Nodes and full neighbors, for status lines; zero-hop knows none. */
  public int[] neighborhoodCounts() {
    return neighborhood == null ? new int[] {0, 0} : neighborhood.counts();
  }

  /** What this Node has carried since it started, for its status line. */
  public record Traffic(
      long relayedPackages,
      long relayedBytes,
      long exitStreams,
      long exitBytes,
      List<PublicKey> neighbors) {
    public Traffic {
      neighbors = List.copyOf(neighbors);
    }
  }

  public Traffic traffic() {
    return new Traffic(
        hopper.relayedPackages(),
        hopper.relayedBytes(),
        proxyClient.streamsOpened(),
        proxyClient.bytesFromServers(),
        neighborhood == null ? List.of() : neighborhood.fullNeighbors());
  }

  @Override
  public void close() {
    entry.close();
    proxyServer.close();
    proxyClient.close();
    if (neighborhood != null) {
      neighborhood.close();
    }
    if (links != null) {
      links.close();
    }
    timers.shutdownNow();
    runtime.close();
    if (accountant != null) {
      accountant.close();
    }
    releaseLock();
  }

  private void releaseLock() {
    try {
      lock.close();
    } catch (IOException e) {
      log.warn("Could not release the data directory lock: {}", e.getMessage());
    }
  }
}
