package org.jmasq.node.automap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.jmasq.automap.MappingProtocol;
import org.jmasq.automap.NatPmp;
import org.jmasq.automap.ServerEpoch;
import org.jmasq.wire.DecodeException;

/**
 * NAT-PMP (RFC 6886) toward one router: the external-address request for the public IP, TCP map
 * requests for the mapping and its renewals, and a map request of lifetime 0 to remove it. The
 * mapping answer carries no address, so {@link #map} asks for the address too.
 */
public final class NatPmpClient implements PortMapper {
  private final InetSocketAddress router;
  private final UdpExchange.Timing timing;
  private final InstantSource clock;

  public NatPmpClient(InetSocketAddress router, InstantSource clock) {
    this(router, UdpExchange.Timing.DEFAULT, clock);
  }

  NatPmpClient(InetSocketAddress router, UdpExchange.Timing timing, InstantSource clock) {
    this.router = router;
    this.timing = timing;
    this.clock = clock;
  }

  @Override
  public MappingProtocol protocol() {
    return MappingProtocol.PMP;
  }

  @Override
  public PublicAddress publicIp() throws AutomapException {
    NatPmp.Answer answer = ask(new NatPmp.ExternalAddressRequest(), "NAT-PMP external address");
    if (!(answer instanceof NatPmp.ExternalAddressAnswer address)) {
      throw unexpected(answer);
    }
    InetAddress ip = address.externalAddress();
    if (ip.isAnyLocalAddress()) {
      // RFC 6886 §3.2: 0.0.0.0 means the router has no external address yet.
      throw new AutomapException(
          AutomapException.Reason.REFUSED, "NAT-PMP: no external address yet");
    }
    return new PublicAddress(ip, Optional.of(epoch(answer)));
  }

  @Override
  public Mapping map(int port, Duration lifetime) throws AutomapException {
    NatPmp.Answer answer =
        ask(new NatPmp.MapRequest(port, port, lifetime.toSeconds()), "NAT-PMP map of port " + port);
    if (!(answer instanceof NatPmp.MapAnswer granted) || granted.internalPort() != port) {
      throw unexpected(answer);
    }
    if (granted.lifetimeSeconds() == 0) {
      throw new AutomapException(
          AutomapException.Reason.REFUSED, "NAT-PMP: a lifetime of 0 granted");
    }
    PublicAddress address = publicIp();
    return new Mapping(
        MappingProtocol.PMP,
        port,
        granted.externalPort(),
        address.ip(),
        Duration.ofSeconds(granted.lifetimeSeconds()),
        Optional.of(epoch(answer)));
  }

  @Override
  public boolean holds(Mapping mapping) {
    return true;
  }

  @Override
  public void unmap(Mapping mapping) throws AutomapException {
    NatPmp.Answer answer =
        ask(new NatPmp.MapRequest(mapping.internalPort(), 0, 0), "NAT-PMP removal");
    if (!(answer instanceof NatPmp.MapAnswer)) {
      throw unexpected(answer);
    }
  }

  private NatPmp.Answer ask(NatPmp.Request request, String what) throws AutomapException {
    byte[] bytes = UdpExchange.exchange(router, NatPmp.encode(request), timing, what);
    try {
      return NatPmp.decodeAnswer(bytes);
    } catch (DecodeException e) {
      throw new AutomapException(
          AutomapException.Reason.MALFORMED, what + ": " + e.getMessage(), e);
    }
  }

  private ServerEpoch epoch(NatPmp.Answer answer) {
    return new ServerEpoch(answer.epochSeconds(), clock.instant());
  }

  private static AutomapException unexpected(NatPmp.Answer answer) {
    if (answer instanceof NatPmp.Refusal refusal) {
      return new AutomapException(
          AutomapException.Reason.REFUSED,
          "NAT-PMP: refused with result " + refusal.resultCode() + " (" + refusal.result() + ")");
    }
    return new AutomapException(AutomapException.Reason.MALFORMED, "NAT-PMP: answered " + answer);
  }
}
