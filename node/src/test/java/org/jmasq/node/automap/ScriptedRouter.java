package org.jmasq.node.automap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jmasq.automap.MappingProtocol;
import org.jmasq.automap.ServerEpoch;

/**
 * A router as {@link Automap} sees it, without sockets: it grants up to {@link #grant}, counts its
 * epoch from its last {@link #restart}, forgets its mapping when it restarts, and can be told to
 * refuse everything or to change its public IP. It records each call.
 */
final class ScriptedRouter implements PortMapper {
  final List<String> calls = new CopyOnWriteArrayList<>();
  private final MappingProtocol protocol;
  private final InstantSource clock;
  private final boolean hasEpoch;
  volatile Duration grant = Duration.ofSeconds(600);
  volatile boolean down;
  volatile String publicIp = "100.128.0.1";
  private volatile Instant started;
  private volatile boolean holding;

  ScriptedRouter(MappingProtocol protocol, InstantSource clock) {
    this.protocol = protocol;
    this.clock = clock;
    this.hasEpoch = protocol != MappingProtocol.IGDP;
    // The router has run for an hour when the Node starts.
    this.started = clock.instant().minusSeconds(3600);
  }

  void restart() {
    started = clock.instant();
    holding = false;
  }

  boolean holding() {
    return holding;
  }

  @Override
  public MappingProtocol protocol() {
    return protocol;
  }

  private Optional<ServerEpoch> epoch() {
    long seconds = Duration.between(started, clock.instant()).toSeconds();
    return hasEpoch ? Optional.of(new ServerEpoch(seconds, clock.instant())) : Optional.empty();
  }

  private void check(String call) throws AutomapException {
    calls.add(call);
    if (down) {
      throw new AutomapException(AutomapException.Reason.NO_ANSWER, protocol + " is down");
    }
  }

  private InetAddress ip() {
    try {
      return InetAddress.getByName(publicIp);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public PublicAddress publicIp() throws AutomapException {
    check("publicIp");
    return new PublicAddress(ip(), epoch());
  }

  @Override
  public Mapping map(int port, Duration lifetime) throws AutomapException {
    check("map " + port + " " + lifetime.toSeconds());
    holding = true;
    Duration granted = lifetime.compareTo(grant) < 0 ? lifetime : grant;
    return new Mapping(protocol, port, port, ip(), granted, epoch());
  }

  @Override
  public boolean holds(Mapping mapping) throws AutomapException {
    check("holds");
    // As the real PCP and NAT-PMP clients: only their epoch tells that the router lost it.
    return hasEpoch || holding;
  }

  @Override
  public void unmap(Mapping mapping) throws AutomapException {
    check("unmap " + mapping.internalPort());
    holding = false;
  }
}
