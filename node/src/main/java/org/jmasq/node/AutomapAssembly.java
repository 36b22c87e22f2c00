package org.jmasq.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jmasq.automap.DefaultGateway;
import org.jmasq.automap.MappingProtocol;
import org.jmasq.automap.NatPmp;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.automap.Automap;
import org.jmasq.node.automap.AutomapEvent;
import org.jmasq.node.automap.AutomapException;
import org.jmasq.node.automap.IgdClient;
import org.jmasq.node.automap.Mapping;
import org.jmasq.node.automap.NatPmpClient;
import org.jmasq.node.automap.PcpClient;
import org.jmasq.node.automap.PortMapper;
import org.jmasq.node.database.ConfigTable;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.link.Transport;
import org.jmasq.node.runtime.NodeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a standard Node its public address: the one given with {@code --ip}, or, with automap, the
 * one its router reports once the clandestine port is mapped there (docs/AUTOMAP.md), and every new
 * one it reports later (to the {@link PublicAddressRelay}). The protocol that worked is kept in the
 * database's config table and tried first next time.
 */
final class AutomapAssembly {
  private static final Logger log = LoggerFactory.getLogger(AutomapAssembly.class);

  static final String MAPPING_PROTOCOL = "mapping_protocol";
  private static final Path ROUTES = Path.of("/proc/net/route");

  /** Long enough for every protocol to give up on a router that never answers. */
  private static final Duration START_PATIENCE = Duration.ofSeconds(60);

  private AutomapAssembly() {}

  static NodeAddr nodeAddr(
      NodeConfig config,
      NodeRuntime runtime,
      StartedParts started,
      ConfigTable table,
      InetAddress ip,
      Transport links,
      PublicAddressRelay relay)
      throws NodeStartException {
    int port = links.port();
    if (!config.automap().enabled()) {
      return NodeAddr.of(ip, port);
    }
    String byHand =
        "; give the Node's public IP with --ip and forward TCP port "
            + port
            + " to this machine on the router by hand";
    Optional<InetAddress> given = config.automap().router();
    InetAddress gateway =
        given.isPresent()
            ? given.get()
            : gateway()
                .orElseThrow(() -> new NodeStartException("automap: no default gateway" + byHand));
    if (given.isEmpty() && !isNatLan(gateway.getAddress())) {
      // Only a home router is asked: a gateway at any other address is no NAT that could map a
      // port for this machine, and nothing is sent to it.
      throw new NodeStartException(
          "automap: the default gateway "
              + gateway.getHostAddress()
              + " is not on a private network, so it is no home router that could map a port"
              + byHand);
    }
    List<PortMapper> mappers = mappers(config, runtime, started, table, gateway, byHand);
    Automap automap = new Automap(runtime, mappers, port, event -> observe(event, table, relay));
    Mapping mapping;
    try {
      mapping = automap.start().get(START_PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      automap.close();
      throw new NodeStartException("automap: " + e.getCause().getMessage() + byHand, e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      automap.close();
      throw new NodeStartException("automap: the router did not answer in time" + byHand, e);
    }
    started.onStop(automap::stop);
    // A new public IP breaks the links at once; the router is asked then, not at the next poll.
    links.onBrokenLink(automap::checkSoon);
    log.info(
        "Automap: port {} mapped by {} at {}:{}",
        port,
        mapping.protocol().optionName(),
        mapping.publicIp().getHostAddress(),
        mapping.externalPort());
    return NodeAddr.of(mapping.publicIp(), mapping.externalPort());
  }

  private static List<PortMapper> mappers(
      NodeConfig config,
      NodeRuntime runtime,
      StartedParts started,
      ConfigTable table,
      InetAddress gateway,
      String byHand)
      throws NodeStartException {
    List<MappingProtocol> order = new ArrayList<>(List.of(MappingProtocol.values()));
    Optional<MappingProtocol> first = config.automap().protocol().or(() -> kept(table));
    first.ifPresent(
        protocol -> {
          order.remove(protocol);
          order.add(0, protocol);
        });
    if (config.automap().protocol().isPresent()) {
      order.retainAll(List.of(config.automap().protocol().get()));
    }
    InetSocketAddress router = new InetSocketAddress(gateway, NatPmp.PORT);
    List<PortMapper> mappers = new ArrayList<>();
    try {
      for (MappingProtocol protocol : order) {
        mappers.add(
            switch (protocol) {
              case PCP -> new PcpClient(router, runtime.clock(), new SecureRandom());
              case PMP -> new NatPmpClient(router, runtime.clock());
              case IGDP -> {
                HttpClient http =
                    HttpClient.newBuilder().executor(runtime.ioExecutor("igd-http")).build();
                started.onStop(http::close);
                yield new IgdClient(gateway, http);
              }
            });
      }
    } catch (AutomapException e) {
      throw new NodeStartException("automap: " + e.getMessage() + byHand, e);
    }
    return mappers;
  }

  private static void observe(AutomapEvent event, ConfigTable table, PublicAddressRelay relay) {
    if (event instanceof AutomapEvent.Mapped mapped) {
      keep(table, mapped.mapping().protocol());
    }
    relay.observe(event);
  }

  private static Optional<MappingProtocol> kept(ConfigTable table) {
    try {
      return table.get(MAPPING_PROTOCOL).flatMap(AutomapAssembly::parse);
    } catch (DatabaseException e) {
      log.warn("The mapping protocol that worked last time cannot be read: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<MappingProtocol> parse(String name) {
    try {
      return Optional.of(MappingProtocol.parse(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void keep(ConfigTable table, MappingProtocol protocol) {
    try {
      table.set(MAPPING_PROTOCOL, protocol.optionName());
    } catch (DatabaseException e) {
      log.warn("The mapping protocol that worked cannot be kept: {}", e.getMessage());
    }
  }

  /** Whether {@code a} is on a private LAN (RFC 1918) or behind a carrier's NAT (RFC 6598). */
  static boolean isNatLan(byte[] a) {
    int first = a[0] & 0xff;
    int second = a[1] & 0xff;
    return a.length == 4
        && (first == 10
            || (first == 172 && second >= 16 && second < 32)
            || (first == 192 && second == 168)
            || (first == 100 && second >= 64 && second < 128));
  }

  private static Optional<InetAddress> gateway() {
    try {
      return DefaultGateway.parse(Files.readString(ROUTES)).map(DefaultGateway.Route::gateway);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
