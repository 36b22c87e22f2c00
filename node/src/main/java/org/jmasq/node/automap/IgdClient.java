package org.jmasq.node.automap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jmasq.automap.IgdDescription;
import org.jmasq.automap.IgdSoap;
import org.jmasq.automap.MappingProtocol;
import org.jmasq.automap.Ssdp;
import org.jmasq.node.http.BoundedBody;
import org.jmasq.wire.DecodeException;

/**
 * UPnP IGD toward one router: an SSDP search sent from the interface toward the gateway, answered
 * within {@link Timing#search}; only an answer from the gateway whose description is on the gateway
 * counts. Then the description over HTTP, and SOAP calls to its WANIPConnection (or
 * WANPPPConnection) service, each within {@link Timing#call}. The service found is kept until a
 * call fails to connect (a restarted router may listen on another port), then searched for again.
 */
public final class IgdClient implements PortMapper {
  /** What a Node calls its mappings on the router's pages. */
  static final String DESCRIPTION = "JMasq";

  /** How long to wait for the search and each HTTP exchange. */
  record Timing(Duration search, Duration call) {
    static final Timing DEFAULT = new Timing(Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  private final InetAddress gateway;
  private final InetSocketAddress ssdpTarget;
  private final HttpClient http;
  private final Timing timing;
  private final Inet4Address local;
  private IgdDescription.Service service;

  /** A client that searches the SSDP multicast group on the interface toward {@code gateway}. */
  public IgdClient(InetAddress gateway, HttpClient http) throws AutomapException {
    this(gateway, new InetSocketAddress(Ssdp.GROUP, Ssdp.PORT), http, Timing.DEFAULT);
  }

  IgdClient(InetAddress gateway, InetSocketAddress ssdpTarget, HttpClient http, Timing timing)
      throws AutomapException {
    this.gateway = gateway;
    this.ssdpTarget = ssdpTarget;
    this.http = http;
    this.timing = timing;
    if (!(PortMapper.localAddressToward(gateway) instanceof Inet4Address v4)) {
      throw new AutomapException(
          AutomapException.Reason.IO, "IGD: no IPv4 address toward " + gateway);
    }
    this.local = v4;
  }

  @Override
  public MappingProtocol protocol() {
    return MappingProtocol.IGDP;
  }

  @Override
  public PublicAddress publicIp() throws AutomapException {
    IgdSoap.Success answer = succeed(new IgdSoap.GetExternalIPAddress());
    try {
      return new PublicAddress(IgdSoap.externalAddress(answer), Optional.empty());
    } catch (DecodeException e) {
      throw new AutomapException(AutomapException.Reason.MALFORMED, "IGD: " + e.getMessage(), e);
    }
  }

  @Override
  public Mapping map(int port, Duration lifetime) throws AutomapException {
    long lease = lifetime.toSeconds();
    IgdSoap.Answer answer = call(new IgdSoap.AddPortMapping(port, port, local, DESCRIPTION, lease));
    if (answer instanceof IgdSoap.UpnpError error
        && error.code() == IgdSoap.ONLY_PERMANENT_LEASES_SUPPORTED) {
      // The reference does the same; such a mapping outlives the Node unless it is removed.
      lease = 0;
      answer = call(new IgdSoap.AddPortMapping(port, port, local, DESCRIPTION, 0));
    }
    if (answer instanceof IgdSoap.UpnpError error) {
      throw refusal(error, "port " + port);
    }
    return new Mapping(
        MappingProtocol.IGDP,
        port,
        port,
        publicIp().ip(),
        Duration.ofSeconds(lease),
        Optional.empty());
  }

  @Override
  public boolean holds(Mapping mapping) throws AutomapException {
    IgdSoap.Answer answer = call(new IgdSoap.GetSpecificPortMappingEntry(mapping.externalPort()));
    return switch (answer) {
      case IgdSoap.UpnpError error when error.code() == IgdSoap.NO_SUCH_ENTRY_IN_ARRAY -> false;
      case IgdSoap.UpnpError error ->
          throw refusal(error, "the entry of port " + mapping.externalPort());
      case IgdSoap.Success success -> {
        try {
          IgdSoap.PortMappingEntry entry = IgdSoap.entry(success);
          yield entry.internalClient().equals(local)
              && entry.internalPort() == mapping.internalPort();
        } catch (DecodeException e) {
          throw new AutomapException(
              AutomapException.Reason.MALFORMED, "IGD: " + e.getMessage(), e);
        }
      }
    };
  }

  @Override
  public void unmap(Mapping mapping) throws AutomapException {
    IgdSoap.Answer answer = call(new IgdSoap.DeletePortMapping(mapping.externalPort()));
    if (answer instanceof IgdSoap.UpnpError error
        && error.code() != IgdSoap.NO_SUCH_ENTRY_IN_ARRAY) {
      throw refusal(error, "the removal of port " + mapping.externalPort());
    }
  }

  private static AutomapException refusal(IgdSoap.UpnpError error, String what) {
    String hint =
        error.code() == IgdSoap.CONFLICT_IN_MAPPING_ENTRY
            ? " (another host holds that port on the router)"
            : "";
    return new AutomapException(
        AutomapException.Reason.REFUSED,
        "IGD refused " + what + ": UPnP error " + error.code() + " " + error.description() + hint);
  }

  private IgdSoap.Success succeed(IgdSoap.Action action) throws AutomapException {
    IgdSoap.Answer answer = call(action);
    if (answer instanceof IgdSoap.UpnpError error) {
      throw refusal(error, action.name());
    }
    return (IgdSoap.Success) answer;
  }

  private IgdSoap.Answer call(IgdSoap.Action action) throws AutomapException {
    boolean known = service != null;
    try {
      return callOnce(action);
    } catch (AutomapException e) {
      if (!known || e.reason() != AutomapException.Reason.IO) {
        throw e;
      }
      // A restarted router may serve on another port (miniupnpd picks one): search again, once.
      return callOnce(action);
    }
  }

  private IgdSoap.Answer callOnce(IgdSoap.Action action) throws AutomapException {
    IgdDescription.Service found = service();
    HttpRequest request =
        HttpRequest.newBuilder(found.controlUrl())
            .timeout(timing.call())
            .header("Content-Type", "text/xml; charset=\"utf-8\"")
            .header("SOAPAction", IgdSoap.soapAction(found.serviceType(), action))
            .POST(HttpRequest.BodyPublishers.ofByteArray(IgdSoap.body(found.serviceType(), action)))
            .build();
    HttpResponse<byte[]> response = send(request, action.name());
    // A fault comes with status 500; any other status but 200 is no SOAP answer.
    if (response.statusCode() != 200 && response.statusCode() != 500) {
      throw new AutomapException(
          AutomapException.Reason.REFUSED,
          "IGD " + action.name() + ": HTTP " + response.statusCode());
    }
    try {
      return IgdSoap.parseAnswer(response.body(), action);
    } catch (DecodeException e) {
      throw new AutomapException(
          AutomapException.Reason.MALFORMED, "IGD " + action.name() + ": " + e.getMessage(), e);
    }
  }

  private IgdDescription.Service service() throws AutomapException {
    if (service == null) {
      URI location = search();
      HttpRequest get = HttpRequest.newBuilder(location).timeout(timing.call()).GET().build();
      HttpResponse<byte[]> response = send(get, "description");
      if (response.statusCode() != 200) {
        throw new AutomapException(
            AutomapException.Reason.REFUSED, "IGD description: HTTP " + response.statusCode());
      }
      try {
        service = IgdDescription.parse(response.body(), location);
      } catch (DecodeException e) {
        throw new AutomapException(
            AutomapException.Reason.MALFORMED, "IGD description: " + e.getMessage(), e);
      }
    }
    return service;
  }

  /**
   * Sends {@code request} and waits for the whole answer, body included, for at most one call's
   * time: the request's own timeout covers only the headers, and a router that sends its headers
   * and then stalls must not hold the automap mailbox. At most one byte more than the parsers take
   * is read, so that they refuse what is too long.
   */
  private HttpResponse<byte[]> send(HttpRequest request, String what) throws AutomapException {
    CompletableFuture<HttpResponse<byte[]>> answer =
        http.sendAsync(request, BoundedBody.handler(64 * 1024 + 1));
    try {
      return answer.get(timing.call().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      service = null;
      throw new AutomapException(
          AutomapException.Reason.IO,
          "IGD " + what + ": no whole answer within " + timing.call().toMillis() + " ms",
          e);
    } catch (ExecutionException e) {
      service = null;
      Throwable cause = e.getCause();
      throw new AutomapException(
          cause instanceof BoundedBody.TooLarge
              ? AutomapException.Reason.MALFORMED
              : AutomapException.Reason.IO,
          "IGD " + what + ": " + cause,
          cause);
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new AutomapException(AutomapException.Reason.IO, "IGD " + what + ": interrupted", e);
    }
  }

  /** The description's URL from the first valid answer of the gateway itself. */
  private URI search() throws AutomapException {
    long deadline = System.nanoTime() + timing.search().toNanos();
    byte[] search =
        Ssdp.search(Ssdp.IGD_1, (int) Math.max(1, Math.min(5, timing.search().toSeconds())));
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0))) {
      if (ssdpTarget.getAddress().isMulticastAddress()) {
        NetworkInterface toward = NetworkInterface.getByInetAddress(local);
        if (toward != null) {
          socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, toward);
        }
        socket.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 2);
      }
      socket.send(new DatagramPacket(search, search.length, ssdpTarget));
      byte[] buffer = new byte[Ssdp.MAX_ANSWER + 1];
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          break;
        }
        socket.setSoTimeout((int) left);
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(answer);
        } catch (SocketTimeoutException e) {
          break;
        }
        if (!answer.getAddress().equals(gateway)) {
          continue;
        }
        try {
          URI location =
              Ssdp.decodeAnswer(Arrays.copyOf(answer.getData(), answer.getLength())).location();
          if (gateway.getHostAddress().equals(location.getHost())) {
            return location;
          }
        } catch (DecodeException e) {
          // Not an answer to use; another may follow within the wait.
        }
      }
    } catch (IOException e) {
      throw new AutomapException(AutomapException.Reason.IO, "SSDP search: " + e.getMessage(), e);
    }
    throw new AutomapException(
        AutomapException.Reason.NO_ANSWER, "SSDP: no gateway device answered from " + gateway);
  }
}
