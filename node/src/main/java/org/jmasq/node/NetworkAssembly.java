package org.jmasq.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jmasq.accountant.PayerCredit;
import org.jmasq.accountant.PayerGate;
import org.jmasq.accountant.ProviderCharges;
import org.jmasq.accountant.RoutePricing;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.geo.CountryOf;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.neighborhood.LocalNode;
import org.jmasq.neighborhood.Neighborhood;
import org.jmasq.neighborhood.NeighborhoodConfig;
import org.jmasq.neighborhood.SignatureVerifier;
import org.jmasq.node.AccountantAssembly.Accounts;
import org.jmasq.node.blockchain.PayerProofCache;
import org.jmasq.node.blockchain.Web3jPayerProofs;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.ExitLocationRow;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.datadir.ClandestinePort;
import org.jmasq.node.datadir.KeptSecrets;
import org.jmasq.node.datadir.NodeFiles;
import org.jmasq.node.entry.Entry;
import org.jmasq.node.geo.CountryTables;
import org.jmasq.node.geo.MmdbCountryTable;
import org.jmasq.node.hopper.Hopper;
import org.jmasq.node.link.DialPolicy;
import org.jmasq.node.link.Transport;
import org.jmasq.node.link.TransportFactory;
import org.jmasq.node.neighborhood.NeighborhoodService;
import org.jmasq.node.proxyclient.ExitPolicy;
import org.jmasq.node.proxyclient.HostResolver;
import org.jmasq.node.proxyclient.OriginConnector;
import org.jmasq.node.proxyclient.ProxyClient;
import org.jmasq.node.proxyserver.ProxyServer;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.payload.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Node in a network of Nodes (standard, originate-only or consume-only): its books, its links to
 * other Nodes, and the Neighborhood that finds its routes, around the same ProxyServer, Hopper and
 * ProxyClient as a zero-hop Node. Every hop block of its routes carries its consuming wallet's
 * proof, and it checks the proof of every package it relays or exits.
 */
final class NetworkAssembly {
  private static final Logger log = LoggerFactory.getLogger(NetworkAssembly.class);

  /**
   * Payer proofs remembered: one per route Node on the paying side, one per paying route on the
   * serving side.
   */
  private static final int PROOFS_REMEMBERED = 10_000;

  /**
   * How the Node reaches beyond its own process: other Nodes over its links, servers from its exit,
   * and its clients through its entry, with the randomness that makes its keys, its choices and its
   * encryptions ({@code randomness} is asked once for the Node and once for its Neighborhood). A
   * Node uses sockets for all three and new {@code SecureRandom}s ({@link #SOCKETS}); a test may
   * seed the randomness, so that the same seed makes the same keys and the same choices.
   */
  record Outside(
      TransportFactory links,
      OriginConnector origins,
      Entry.Opener entry,
      Supplier<SecureRandom> randomness) {
    /** TLS links on the clandestine port, TCP to servers, and the entry on a loopback port. */
    static final Outside SOCKETS =
        new Outside(
            TransportFactory.TLS, OriginConnector.tcp(), Entry.Opener.LOOPBACK, SecureRandom::new);
  }

  private NetworkAssembly() {}

  static Subsystems start(
      NodeConfig config,
      Node.Events events,
      NodeRuntime runtime,
      StartedParts started,
      Outside outside)
      throws IOException {
    SecureRandom random = outside.randomness().get();
    NodeFiles files = new NodeFiles(config.dataDirectory());
    Accounts accounts = AccountantAssembly.open(config, runtime, started);
    KeptSecrets secrets = keptSecrets(config, files, accounts, random);
    NodeKeys keys = NodeKeys.around(secrets.nodeKeys(), random);
    Web3jPayerProofs proofs = new Web3jPayerProofs(config.chain());
    Optional<PayerCredit> credit = CreditAssembly.open(config, runtime);
    // Every charge of the data path goes through these totals on its way to the books.
    ChargeTotals charges = new ChargeTotals(accounts.charges());
    Hopper.Billing billing =
        new Hopper.Billing(
            Optional.of(
                new PayerGate(proofs, accounts.bans(), keys.self(), PROOFS_REMEMBERED, credit)),
            new ProviderCharges(
                accounts.ratePack(), accounts.ownWallets(), charges, CreditAssembly.meter(credit)));
    Switchboard switchboard = new Switchboard();

    InetAddress ip = config.ip().orElse(InetAddress.getByName("0.0.0.0"));
    boolean standard = config.mode() == NeighborhoodMode.STANDARD;
    // Addresses other Nodes name are dialled as the exit would connect: not into this machine or
    // its network, unless this Node is on such a network itself.
    List<NodeAddr> configured =
        config.neighbors().stream().flatMap(n -> n.nodeAddr().stream()).toList();
    DialPolicy dials =
        config.dialsOwnNetwork()
            ? DialPolicy.of(ExitPolicy::classify, ip, configured)
            : DialPolicy.openInternet(ExitPolicy::classify, configured);
    ClandestinePort.Bind<Transport> bind =
        port ->
            outside
                .links()
                .bind(runtime, keys.main(), ip, port, switchboard, dials, switchboard, random);
    // Only a standard Node accepts links; the others dial out and listen on no port.
    Transport links =
        standard
            ? ClandestinePort.bind(config.clandestinePort(), files, random, bind)
            : bind.bind(0);
    started.onStop(links::close);
    PublicAddressRelay publicAddresses = new PublicAddressRelay();
    Optional<NodeAddr> nodeAddr =
        standard
            ? Optional.of(
                AutomapAssembly.nodeAddr(
                    config,
                    runtime,
                    started,
                    accounts.database().config(),
                    ip,
                    links,
                    publicAddresses))
            : Optional.empty();

    NeighborhoodService neighborhood =
        new NeighborhoodService(
            // A SecureRandom of its own: the Neighborhood's choices then follow from its seed
            // alone, not from how much the other threads drew first.
            neighborhood(
                config,
                keys,
                nodeAddr,
                accounts,
                files,
                runtime,
                outside.randomness().get(),
                countries(config, started)),
            runtime,
            switchboard,
            links,
            observer(events, files, secrets),
            random,
            config.minHops());
    started.onStop(neighborhood::close);
    AtomicReference<InetAddress> publicIp = new AtomicReference<>();
    publicAddresses.connect(
        addr -> {
          // The record moves first: the heal that follows the links' loss then names the new
          // address. Only a new IP breaks the links; a new external port alone (a router that
          // mapped again) leaves them as they are.
          neighborhood.publicAddressChanged(addr);
          InetAddress before = publicIp.getAndSet(addr.ip());
          if (before != null && !before.equals(addr.ip())) {
            links.ownAddressChanged();
          }
        });
    takeKeptExitLocation(accounts.database(), neighborhood);

    ProxyClient proxyClient =
        new ProxyClient(
            runtime,
            HostResolver.of(config.dnsServers()),
            // Its own public address too (given, or the router's with automap): a request for it
            // would reach this machine or its router.
            new ExitPolicy(
                config.allowPrivateTargets(),
                config.ip().or(() -> nodeAddr.map(NodeAddr::ip)).map(Set::of).orElse(Set.of())),
            outside.origins(),
            switchboard,
            random,
            config.connectTimeout(),
            billing.charges());
    started.onStop(proxyClient::close);

    RoutePricing pricing =
        new RoutePricing(
            neighborhood,
            accounts.ownWallets(),
            charges,
            (key, service) ->
                log.warn(
                    "No rate pack known for {}: its {} on this route goes unrecorded",
                    key,
                    service));
    PayerProofCache payers =
        new PayerProofCache(
            keys.self(), accounts.consumingKey().map(proofs::signer), PROOFS_REMEMBERED);
    ProxyServer proxyServer =
        new ProxyServer(
            keys.self(),
            keys.alias().publicKey(),
            neighborhood,
            keys.routeOpener(),
            switchboard,
            random,
            runtime,
            config.connectTimeout().plusSeconds(10),
            payers::proofFor,
            legs -> pricing.price(legs.over(), legs.back()),
            CreditAssembly.standing(accounts.consumingKey(), credit));
    started.onStop(proxyServer::close);

    Neighbors neighbors = Neighbors.of(neighborhood);
    Hopper hopper =
        new Hopper(
            keys.self(),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            keys.routeOpener(),
            keys.mainOpener(),
            keys.aliasOpener(),
            links,
            new Hopper.Deliveries(
                proxyServer::deliver,
                config.mode() == NeighborhoodMode.CONSUME_ONLY
                    ? NetworkAssembly::neverAnExit
                    : proxyClient::deliver,
                neighbors::deliver,
                proxyServer::responseLayers),
            billing,
            runtime.clock());
    switchboard.connect(hopper, neighbors);
    // A banned Node's links are refused at once, so it cannot come back as a relay or an exit by
    // dialling again.
    links.acceptLinks(neighborhood::isBanned);

    Entry entry =
        outside.entry().open(runtime, config.proxyPort(), config.optimisticData(), proxyServer);
    started.onStop(entry::close);
    neighborhood.start(config.neighbors(), secrets.pastNeighbors());
    // Last: a scan may pay at once, and a start that fails must not have paid anyone. The
    // Accountant, stopped with the books, stops the scans.
    AccountantAssembly.startScans(config, accounts, runtime);

    NodeDescriptor descriptor = new NodeDescriptor(config.chain(), keys.self(), nodeAddr);
    return new Subsystems(
        descriptor,
        entry,
        proxyServer,
        hopper,
        proxyClient,
        neighbors,
        Optional.of(accounts.database()),
        charges,
        Optional.of(accounts.accountant()));
  }

  /** The exit location a UI chose before, kept in the database, holds again. */
  private static void takeKeptExitLocation(NodeDatabase db, NeighborhoodService neighborhood) {
    try {
      ExitLocationRow.load(db.config())
          .ifPresent(
              p -> {
                neighborhood.setExitPreferences(p);
                log.info(
                    "Exit location kept from before: {} (fallback routing {})",
                    p.active() ? p.codes() : "any country",
                    p.fallback() ? "on" : "off");
              });
    } catch (DatabaseException e) {
      log.warn(
          "The kept exit location could not be read; routes exit anywhere: {}", e.getMessage());
    }
  }

  private static KeptSecrets keptSecrets(
      NodeConfig config, NodeFiles files, Accounts accounts, SecureRandom random)
      throws IOException {
    try {
      return KeptSecrets.open(
          files, accounts.database(), config.accountant().dbPassword(), config.chain(), random);
    } catch (DatabaseException e) {
      throw new NodeStartException(e.getMessage(), e);
    }
  }

  /** The pure Neighborhood, as the mode says, starting above the record version kept last. */
  private static Neighborhood neighborhood(
      NodeConfig config,
      NodeKeys keys,
      Optional<NodeAddr> nodeAddr,
      Accounts accounts,
      NodeFiles files,
      NodeRuntime runtime,
      SecureRandom random,
      CountryOf countries) {
    // The record's country is its public IP's; when that IP changes, recordCountry gives the new
    // one.
    Optional<String> country =
        nodeAddr.map(NodeAddr::ip).or(config::ip).flatMap(countries::recordCountry);
    log.info("Country in this Node's record: {}", country.orElse("unknown"));
    NeighborhoodConfig settings =
        switch (config.mode()) {
          case STANDARD ->
              NeighborhoodConfig.standard(accounts.earningWallet(), accounts.ratePack(), country);
          case ORIGINATE_ONLY ->
              NeighborhoodConfig.originateOnly(
                  accounts.earningWallet(), accounts.ratePack(), country);
          case CONSUME_ONLY -> NeighborhoodConfig.consumeOnly(accounts.earningWallet(), country);
          case ZERO_HOP -> throw new IllegalStateException("a zero-hop Node has no Neighborhood");
        };
    return new Neighborhood(
        new LocalNode(keys.main(), config.chain(), nodeAddr),
        settings.withMinHops(config.minHops()).withInitialVersion(files.nextRecordVersion()),
        runtime.clock(),
        random,
        SignatureVerifier.ed25519(config.chain()),
        countries);
  }

  /** The IP-to-country table: the test table the config names, else the shipped one. */
  private static CountryOf countries(NodeConfig config, StartedParts started) throws IOException {
    CountryOf countries = CountryTables.open(config.ipCountryTable());
    if (countries instanceof MmdbCountryTable mmdb) {
      started.onStop(
          () -> {
            try {
              mmdb.close();
            } catch (IOException e) {
              log.debug("Closing the IP-to-country table failed", e);
            }
          });
    }
    return countries;
  }

  /** Tells whoever started the Node, and keeps what a restart needs in the data directory. */
  private static NeighborhoodService.Observer observer(
      Node.Events events, NodeFiles files, KeptSecrets secrets) {
    return new NeighborhoodService.Observer() {
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

      @Override
      public void refused(String why) {
        events.refused(why);
      }
    };
  }

  private static void neverAnExit(ExpiredCoresPackage<MessageType> request) {
    log.warn("Dropped a request: a consume-only Node is never an exit");
  }
}
