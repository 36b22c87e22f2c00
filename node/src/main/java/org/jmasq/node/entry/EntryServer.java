package org.jmasq.node.entry;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jmasq.node.proxyserver.Impersonator;
import org.jmasq.node.proxyserver.ProxyServer;
import org.jmasq.node.proxyserver.StreamFailure;
import org.jmasq.node.proxyserver.StreamIsolation;
import org.jmasq.node.proxyserver.Target;
import org.jmasq.node.runtime.AcceptLoop;
import org.jmasq.node.runtime.Cancellable;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.node.runtime.RateLimitedLog;
import org.jmasq.payload.ProxyProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's way in: one localhost port that speaks SOCKS5, HTTP proxy (absolute URIs, or a {@code
 * Host} header) and {@code CONNECT} tunnels, told apart by the first byte. Each connection is
 * handed to the {@link ProxyServer} once its handshake is done, with the identity its credentials
 * name (SOCKS5 username and password, {@code Proxy-Authorization}): streams of different identities
 * never share a route.
 *
 * <p>A client that has not sent its first request head (the SOCKS greeting and request, or the HTTP
 * head) within {@link #FIRST_REQUEST_DEADLINE} is closed, at most {@link #MAX_WAITING} such clients
 * are kept at once, and failed accepts back off ({@link AcceptLoop}): any local process, or a web
 * page through the browser, can open connections here.
 *
 * <p>Threading: one accept thread; each connection's handshake runs on its own virtual thread, and
 * its deadline is one of the runtime's timers.
 */
public final class EntryServer implements Entry {
  private static final Logger log = LoggerFactory.getLogger(EntryServer.class);

  /**
   * A local client sends its first request head at once; a browser may open a connection ahead of
   * use and keep it idle for about 10 s, which this leaves alone.
   */
  static final Duration FIRST_REQUEST_DEADLINE = Duration.ofSeconds(20);

  /**
   * Clients waiting for their first request head. Browsers open a few dozen connections to a proxy
   * at most, and each waits here for milliseconds; 256 is the listening backlog too.
   */
  static final int MAX_WAITING = 256;

  private final NodeRuntime runtime;
  private final ServerSocket server;
  private final ProxyServer proxyServer;
  private final boolean optimisticSocks;
  private final AtomicInteger waiting = new AtomicInteger();
  private final RateLimitedLog refusals;
  private volatile AcceptLoop<Socket> acceptLoop;

  private EntryServer(
      NodeRuntime runtime, ServerSocket server, boolean optimisticSocks, ProxyServer proxyServer) {
    this.runtime = runtime;
    this.optimisticSocks = optimisticSocks;
    this.server = server;
    this.proxyServer = proxyServer;
    this.refusals = new RateLimitedLog(log, runtime.clock(), Duration.ofMinutes(1), 5);
  }

  /**
   * Binds {@code 127.0.0.1:port} and starts accepting. With {@code optimisticSocks}, a SOCKS5
   * client is told "succeeded" once its stream has a route, before the exit confirms.
   */
  public static EntryServer start(
      NodeRuntime runtime, int port, boolean optimisticSocks, ProxyServer proxyServer)
      throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    try {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), MAX_WAITING);
    } catch (IOException e) {
      server.close();
      throw new IOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    EntryServer entry = new EntryServer(runtime, server, optimisticSocks, proxyServer);
    entry.acceptLoop =
        AcceptLoop.start(
            runtime, "entry-accept", "the entry", server::accept, entry::accepted, log);
    return entry;
  }

  @Override
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** On the accept thread: a client over {@link #MAX_WAITING} is closed at once. */
  private void accepted(Socket socket) {
    if (waiting.incrementAndGet() > MAX_WAITING) {
      waiting.decrementAndGet();
      refusals.warn("Refused a client: {} others have not sent their request yet", MAX_WAITING);
      closeQuietly(socket);
      return;
    }
    Waiting pending = new Waiting(socket);
    runtime.startIo("entry-" + socket.getPort(), () -> handle(socket, pending));
  }

  /**
   * A client's wait for its first request head, ended once: by the head, by a refusal, or by the
   * deadline, which closes the socket.
   */
  private final class Waiting {
    private final AtomicBoolean over = new AtomicBoolean();
    private final Cancellable deadline;

    Waiting(Socket socket) {
      deadline =
          runtime.schedule(
              FIRST_REQUEST_DEADLINE,
              () -> {
                if (claim()) {
                  log.debug("Closed a client that sent no request in time");
                  closeQuietly(socket);
                }
              });
    }

    /**
     * Ends the wait (the head is in, or the client is refused): true unless the deadline had ended
     * it first, and the socket is being closed.
     */
    boolean end() {
      deadline.cancel();
      return claim();
    }

    private boolean claim() {
      if (!over.compareAndSet(false, true)) {
        return false;
      }
      waiting.decrementAndGet();
      return true;
    }
  }

  private void handle(Socket socket, Waiting pending) {
    try {
      handshake(socket, pending);
    } finally {
      pending.end();
    }
  }

  private void handshake(Socket socket, Waiting pending) {
    try {
      socket.setTcpNoDelay(true);
      // The timer closes the socket at the deadline; this bounds a read should the timer not run.
      socket.setSoTimeout((int) FIRST_REQUEST_DEADLINE.toMillis());
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      int first = in.read();
      if (first < 0) {
        socket.close();
        return;
      }
      if (first == Socks5.VERSION) {
        handleSocks(socket, in, pending);
      } else if (first == 4) {
        socket.getOutputStream().write(new byte[] {0, 0x5b, 0, 0, 0, 0, 0, 0}); // SOCKS4: rejected
        socket.close();
      } else {
        handleHttp(socket, in, first, pending);
      }
    } catch (IOException e) {
      log.debug("Entry handshake failed: {}", e.getMessage());
      closeQuietly(socket);
    }
  }

  private void handleSocks(Socket socket, InputStream in, Waiting pending) throws IOException {
    OutputStream out = socket.getOutputStream();
    int method = Socks5.readGreeting(in);
    out.write(Socks5.methodReply(method));
    out.flush();
    if (method == Socks5.NO_ACCEPTABLE_METHOD) {
      socket.close();
      return;
    }
    StreamIsolation isolation = StreamIsolation.NONE;
    if (method == Socks5.METHOD_USERNAME_PASSWORD) {
      try {
        Socks5.Credentials credentials = Socks5.readCredentials(in);
        isolation = StreamIsolation.of(credentials.username(), credentials.password());
      } catch (Socks5.HandshakeException e) {
        refusals.info("Refused a SOCKS client: {}", e.getMessage());
        out.write(Socks5.credentialsRefused());
        socket.close();
        return;
      }
      out.write(Socks5.credentialsAccepted());
      out.flush();
    }
    Socks5.ConnectRequest request;
    Target target;
    try {
      request = Socks5.readRequest(in);
      target =
          new Target(
              request.host(),
              request.port(),
              request.port() == 443 ? ProxyProtocol.TLS : ProxyProtocol.HTTP);
    } catch (Socks5.HandshakeException e) {
      refuseSocks(socket, e.reply, e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      refuseSocks(socket, Impersonator.socksReply(StreamFailure.Kind.DNS_FAILURE), e.getMessage());
      return;
    }
    if (!pending.end()) {
      return;
    }
    socket.setSoTimeout(0);
    proxyServer.open(
        new EntryClient.Socks(socket, in, isolation, optimisticSocks), target, new byte[0]);
  }

  private void refuseSocks(Socket socket, int reply, String why) throws IOException {
    refusals.info("Refused a SOCKS request: {}", why);
    socket.getOutputStream().write(Socks5.reply(reply));
    socket.close();
  }

  private void handleHttp(Socket socket, InputStream in, int first, Waiting pending)
      throws IOException {
    HttpRequestHead head;
    Target target;
    try {
      head = HttpRequestHead.read(in, first);
      HttpRequestHead.Destination destination = head.destination();
      target =
          new Target(
              destination.host(),
              destination.port(),
              head.isConnect() ? ProxyProtocol.TLS : ProxyProtocol.HTTP);
    } catch (HttpRequestHead.BadRequest e) {
      refuseHttp(socket, e.status, e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      refuseHttp(socket, 400, e.getMessage());
      return;
    }
    if (!pending.end()) {
      return;
    }
    socket.setSoTimeout(0);
    if (head.isConnect()) {
      socket.getOutputStream().write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      proxyServer.open(new EntryClient.Tunnel(socket, in, head.isolation()), target, new byte[0]);
    } else {
      proxyServer.open(
          new EntryClient.Http(socket, in, head.isolation()), target, head.forOrigin());
    }
  }

  private void refuseHttp(Socket socket, int status, String why) throws IOException {
    refusals.info("Refused an HTTP request: {}", why);
    byte[] body =
        ("<html><body><h1>Error "
                + status
                + "</h1><p>"
                + why.replace("<", "&lt;")
                + "</p></body></html>\n")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " Bad Request\r\nContent-Type: text/html\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().write(body);
    socket.close();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing more can be said to a client whose socket will not close.
    }
  }

  @Override
  public void close() {
    acceptLoop.stop();
    try {
      server.close();
    } catch (SocketException e) {
      log.debug("Entry socket already closed");
    } catch (IOException e) {
      log.warn("Closing the entry failed: {}", e.getMessage());
    }
  }
}
