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
import org.jmasq.node.proxyserver.Impersonator;
import org.jmasq.node.proxyserver.ProxyServer;
import org.jmasq.node.proxyserver.StreamFailure;
import org.jmasq.node.proxyserver.Target;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.payload.ProxyProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's way in: one localhost port that speaks SOCKS5, HTTP proxy (absolute URIs, or a {@code
 * Host} header) and {@code CONNECT} tunnels, told apart by the first byte. Each connection is
 * handed to the {@link ProxyServer} once its handshake is done.
 *
 * <p>Threading: one accept thread; each connection's handshake runs on its own virtual thread.
 */
public final class EntryServer implements Entry {
  private static final Logger log = LoggerFactory.getLogger(EntryServer.class);
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

  private final NodeRuntime runtime;
  private final ServerSocket server;
  private final ProxyServer proxyServer;
  private volatile boolean closed;

  private EntryServer(NodeRuntime runtime, ServerSocket server, ProxyServer proxyServer) {
    this.runtime = runtime;
    this.server = server;
    this.proxyServer = proxyServer;
  }

  /** Binds {@code 127.0.0.1:port} and starts accepting. */
  public static EntryServer start(NodeRuntime runtime, int port, ProxyServer proxyServer)
      throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    try {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    } catch (IOException e) {
      server.close();
      throw new IOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    EntryServer entry = new EntryServer(runtime, server, proxyServer);
    runtime.startDaemon("entry-accept", entry::acceptLoop);
    return entry;
  }

  @Override
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        runtime.startIo("entry-" + socket.getPort(), () -> handle(socket));
      } catch (IOException e) {
        if (!closed) {
          log.warn("Accept failed: {}", e.getMessage());
        }
      }
    }
  }

  private void handle(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      int first = in.read();
      if (first < 0) {
        socket.close();
        return;
      }
      if (first == Socks5.VERSION) {
        handleSocks(socket, in);
      } else if (first == 4) {
        socket.getOutputStream().write(new byte[] {0, 0x5b, 0, 0, 0, 0, 0, 0}); // SOCKS4: rejected
        socket.close();
      } else {
        handleHttp(socket, in, first);
      }
    } catch (IOException e) {
      log.debug("Entry handshake failed: {}", e.getMessage());
      closeQuietly(socket);
    }
  }

  private void handleSocks(Socket socket, InputStream in) throws IOException {
    OutputStream out = socket.getOutputStream();
    boolean noAuth = Socks5.readGreeting(in);
    out.write(Socks5.methodReply(noAuth));
    out.flush();
    if (!noAuth) {
      socket.close();
      return;
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
    socket.setSoTimeout(0);
    proxyServer.open(new EntryClient.Socks(socket, in), target, new byte[0]);
  }

  private void refuseSocks(Socket socket, int reply, String why) throws IOException {
    log.info("Refused a SOCKS request: {}", why);
    socket.getOutputStream().write(Socks5.reply(reply));
    socket.close();
  }

  private void handleHttp(Socket socket, InputStream in, int first) throws IOException {
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
    socket.setSoTimeout(0);
    if (head.isConnect()) {
      socket.getOutputStream().write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      proxyServer.open(new EntryClient.Tunnel(socket, in), target, new byte[0]);
    } else {
      proxyServer.open(new EntryClient.Http(socket, in), target, head.forOrigin());
    }
  }

  private void refuseHttp(Socket socket, int status, String why) throws IOException {
    log.info("Refused an HTTP request: {}", why);
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
    closed = true;
    try {
      server.close();
    } catch (SocketException e) {
      log.debug("Entry socket already closed");
    } catch (IOException e) {
      log.warn("Closing the entry failed: {}", e.getMessage());
    }
  }
}
