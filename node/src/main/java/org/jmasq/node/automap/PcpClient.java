package org.jmasq.node.automap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jmasq.automap.MappingProtocol;
import org.jmasq.automap.Nonce;
import org.jmasq.automap.Pcp;
import org.jmasq.automap.ServerEpoch;
import org.jmasq.wire.DecodeException;

/**
 * PCP (RFC 6887) toward one router: MAP requests for the clandestine port, its renewals (same
 * nonce) and its removal (lifetime 0). As the reference does, the public IP comes from the answer
 * to a MAP of lifetime 0 for a port the Node does not use, with a nonce of its own.
 */
public final class PcpClient implements PortMapper {
  /** The port of the public-IP question: nothing is mapped for it (lifetime 0). */
  static final int PROBE_PORT = 9;

  private final InetSocketAddress router;
  private final UdpExchange.Timing timing;
  private final InstantSource clock;
  private final InetAddress client;
  private final Nonce nonce;
  private final Nonce probeNonce;
  private int mappedPort;
  private long mappedLifetime;

  public PcpClient(InetSocketAddress router, InstantSource clock, RandomGenerator random)
      throws AutomapException {
    this(router, UdpExchange.Timing.DEFAULT, clock, random);
  }

  PcpClient(
      InetSocketAddress router,
      UdpExchange.Timing timing,
      InstantSource clock,
      RandomGenerator random)
      throws AutomapException {
    this.router = router;
    this.timing = timing;
    this.clock = clock;
    this.client = PortMapper.localAddressToward(router.getAddress());
    this.nonce = nonce(random);
    this.probeNonce = nonce(random);
  }

  private static Nonce nonce(RandomGenerator random) {
    byte[] bytes = new byte[Nonce.LENGTH];
    random.nextBytes(bytes);
    return new Nonce(bytes);
  }

  @Override
  public MappingProtocol protocol() {
    return MappingProtocol.PCP;
  }

  @Override
  public PublicAddress publicIp() throws AutomapException {
    Pcp.MapAnswer answer =
        mappedPort != 0
            ? ask(mappedLifetime, mappedPort, mappedPort, nonce, "PCP public address")
            : ask(0, PROBE_PORT, 0, probeNonce, "PCP public address");
    return new PublicAddress(answer.externalAddress(), Optional.of(epoch(answer)));
  }

  @Override
  public Mapping map(int port, Duration lifetime) throws AutomapException {
    Pcp.MapAnswer answer = ask(lifetime.toSeconds(), port, port, nonce, "PCP map of port " + port);
    if (answer.lifetimeSeconds() == 0) {
      throw new AutomapException(AutomapException.Reason.REFUSED, "PCP: a lifetime of 0 granted");
    }
    mappedPort = port;
    mappedLifetime = lifetime.toSeconds();
    return new Mapping(
        MappingProtocol.PCP,
        port,
        answer.externalPort(),
        answer.externalAddress(),
        Duration.ofSeconds(answer.lifetimeSeconds()),
        Optional.of(epoch(answer)));
  }

  @Override
  public boolean holds(Mapping mapping) {
    return true;
  }

  @Override
  public void unmap(Mapping mapping) throws AutomapException {
    ask(0, mapping.internalPort(), 0, nonce, "PCP removal");
    mappedPort = 0;
  }

  private Pcp.MapAnswer ask(long lifetime, int port, int suggested, Nonce which, String what)
      throws AutomapException {
    Pcp.MapRequest request =
        new Pcp.MapRequest(lifetime, client, which, port, suggested, anyIpv4());
    byte[] bytes = UdpExchange.exchange(router, Pcp.encode(request), timing, what);
    Pcp.Answer answer;
    try {
      answer = Pcp.decodeAnswer(bytes);
    } catch (DecodeException e) {
      throw new AutomapException(
          AutomapException.Reason.MALFORMED, what + ": " + e.getMessage(), e);
    }
    return switch (answer) {
      case Pcp.MapAnswer granted
          when granted.nonce().equals(which)
              && granted.internalPort() == port
              && granted.protocol() == Pcp.TCP ->
          granted;
      case Pcp.MapAnswer other ->
          throw new AutomapException(
              AutomapException.Reason.MALFORMED, what + ": an answer to another request");
      case Pcp.ErrorAnswer error ->
          throw new AutomapException(
              AutomapException.Reason.REFUSED,
              what + ": refused with result " + error.resultCode() + " (" + error.result() + ")");
      case Pcp.OtherVersion other ->
          throw new AutomapException(
              AutomapException.Reason.REFUSED,
              what + ": the router speaks version " + other.version() + ", not PCP");
    };
  }

  private ServerEpoch epoch(Pcp.MapAnswer answer) {
    return new ServerEpoch(answer.epochSeconds(), clock.instant());
  }

  /** "No preference" for the external address: the IPv4-mapped 0.0.0.0 of RFC 6887 §11.1. */
  private static InetAddress anyIpv4() {
    try {
      return InetAddress.getByAddress(new byte[4]);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
