package org.jmasq.node.automap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jmasq.automap.IgdDescription;
import org.jmasq.automap.IgdSoap;
import org.jmasq.automap.Ssdp;

/**
 * A UPnP IGD on 127.0.0.1: an SSDP responder, an HTTP server with its description and its
 * WANIPConnection:1 control URL, and a table of TCP mappings. Scripted by its fields: a UPnP error
 * to give every AddPortMapping, whether it takes only permanent leases, whether SSDP answers.
 */
final class FakeIgdRouter implements AutoCloseable {
  static final String TYPE = IgdDescription.SERVICE_TYPES.get(1);

  private static final IgdSoap.Action ADD =
      new IgdSoap.AddPortMapping(
          1, 1, (java.net.Inet4Address) InetAddress.getLoopbackAddress(), "", 0);

  final Map<Integer, Long> leases = new ConcurrentHashMap<>();
  final List<String> actions = new CopyOnWriteArrayList<>();
  volatile boolean onlyPermanent;
  volatile Integer addError;
  volatile String ssdpLocationHost = "127.0.0.1";
  volatile boolean ssdpSilent;
  volatile String externalIp = "100.128.0.1";

  /**
   * Whether the description comes as a router that stalls does: its headers, a few bytes, then no
   * more.
   */
  volatile boolean stallDescription;

  private final CountDownLatch closed = new CountDownLatch(1);

  private volatile HttpServer http;
  private final FakeUdpRouter ssdp;

  FakeIgdRouter() throws IOException {
    http = serve();
    ssdp = new FakeUdpRouter(this::search);
  }

  /** Starts again on another HTTP port, with no mapping, as miniupnpd does. */
  void restart() throws IOException {
    http.stop(0);
    leases.clear();
    http = serve();
  }

  private HttpServer serve() throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    http.createContext("/rootDesc.xml", this::description);
    http.createContext("/ctl/IPConn", this::control);
    http.start();
    return http;
  }

  private void description(HttpExchange exchange) throws IOException {
    byte[] body = IgdDescription.describe(TYPE, "/ctl/IPConn");
    if (!stallDescription) {
      reply(exchange, 200, body);
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    OutputStream out = exchange.getResponseBody();
    out.write(body, 0, 10);
    out.flush();
    try {
      closed.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  InetSocketAddress ssdpAddress() {
    return ssdp.address();
  }

  private Optional<byte[]> search(byte[] request) {
    if (ssdpSilent || !new String(request, StandardCharsets.US_ASCII).startsWith("M-SEARCH")) {
      return Optional.empty();
    }
    URI location =
        URI.create(
            "http://" + ssdpLocationHost + ":" + http.getAddress().getPort() + "/rootDesc.xml");
    return Optional.of(Ssdp.encode(new Ssdp.SearchAnswer(Ssdp.IGD_1, location)));
  }

  private void control(HttpExchange exchange) throws IOException {
    String action = exchange.getRequestHeaders().getFirst("SOAPAction");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String name = action.substring(action.indexOf('#') + 1, action.length() - 1);
    actions.add(name + " " + body.replaceAll("(?s).*<u:" + name + "[^>]*>(.*)</u:.*", "$1"));
    int port =
        body.contains("<NewExternalPort>")
            ? Integer.parseInt(argument(body, "NewExternalPort"))
            : 0;
    switch (name) {
      case "GetExternalIPAddress" ->
          ok(
              exchange,
              new IgdSoap.GetExternalIPAddress(),
              Map.of("NewExternalIPAddress", externalIp));
      case "AddPortMapping" -> {
        long lease = Long.parseLong(argument(body, "NewLeaseDuration"));
        if (addError != null) {
          fault(exchange, addError);
        } else if (onlyPermanent && lease != 0) {
          fault(exchange, IgdSoap.ONLY_PERMANENT_LEASES_SUPPORTED);
        } else {
          leases.put(port, lease);
          ok(exchange, ADD, Map.of());
        }
      }
      case "DeletePortMapping" -> {
        if (leases.remove(port) == null) {
          fault(exchange, IgdSoap.NO_SUCH_ENTRY_IN_ARRAY);
        } else {
          ok(exchange, new IgdSoap.DeletePortMapping(1), Map.of());
        }
      }
      case "GetSpecificPortMappingEntry" -> {
        Long lease = leases.get(port);
        if (lease == null) {
          fault(exchange, IgdSoap.NO_SUCH_ENTRY_IN_ARRAY);
        } else {
          ok(
              exchange,
              new IgdSoap.GetSpecificPortMappingEntry(1),
              Map.of(
                  "NewInternalPort",
                  String.valueOf(port),
                  "NewInternalClient",
                  "127.0.0.1",
                  "NewEnabled",
                  "1",
                  "NewLeaseDuration",
                  String.valueOf(lease)));
        }
      }
      default -> reply(exchange, 401, new byte[0]);
    }
  }

  private static String argument(String body, String name) {
    int start = body.indexOf("<" + name + ">") + name.length() + 2;
    return body.substring(start, body.indexOf("</" + name + ">", start));
  }

  private static void ok(HttpExchange exchange, IgdSoap.Action action, Map<String, String> args)
      throws IOException {
    reply(exchange, 200, IgdSoap.encode(TYPE, action, new IgdSoap.Success(args)));
  }

  private static void fault(HttpExchange exchange, int code) throws IOException {
    reply(exchange, 500, IgdSoap.encode(new IgdSoap.UpnpError(code, "Error" + code)));
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    closed.countDown();
    http.stop(0);
    ssdp.close();
  }
}
