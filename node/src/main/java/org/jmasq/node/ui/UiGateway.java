package org.jmasq.node.ui;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.runtime.NodeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node's UI gateway: a WebSocket server on 127.0.0.1 that speaks MASQNode-UIv2 (Netty's HTTP
 * codec and WebSocket handshake; see {@code docs/UI.md}). Each connection is one client with its
 * own id; answers go to the client that asked, {@code connectionChange} and {@code logBroadcast} to
 * all of them.
 *
 * <p>Threads: one Netty event loop, a platform thread made by the runtime ({@code ui-gateway}),
 * does all socket I/O and decoding; each request is answered on an I/O thread of the runtime
 * ({@code ui-request}), which may wait on the Neighborhood or the database.
 */
public final class UiGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UiGateway.class);

  public static final String SUBPROTOCOL = "MASQNode-UIv2";

  /**
   * The largest message a client may send, its fragments together: far above any request of the
   * protocol (the largest, a recovery phrase or a custom query, is under a kilobyte), small enough
   * that a client cannot make the Node hold much memory for it.
   */
  public static final int MAX_MESSAGE_BYTES = 1 << 20;

  /** An upgrade request is headers only; this bounds what is buffered before the handshake. */
  private static final int MAX_UPGRADE_REQUEST_BYTES = 16 * 1024;

  private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

  /** How long stopping waits for the clients' close frames to be written. */
  private static final long CLOSE_MILLIS = 1_000;

  static {
    // Netty's probes of sun.misc.Unsafe make newer JDKs print a warning on every start; the
    // gateway's few small frames gain nothing from it. A user's own setting is kept.
    if (System.getProperty("io.netty.noUnsafe") == null) {
      System.setProperty("io.netty.noUnsafe", "true");
    }
  }

  private final EventLoopGroup group;
  private final Channel server;
  private final UiClients clients;
  private final Optional<UiLogBroadcast> logs;

  private UiGateway(
      EventLoopGroup group, Channel server, UiClients clients, Optional<UiLogBroadcast> logs) {
    this.group = group;
    this.server = server;
    this.clients = clients;
    this.logs = logs;
  }

  /**
   * Listens on {@code 127.0.0.1:port} (0 picks a free port) and serves {@code node}.
   *
   * @throws IOException when the port cannot be bound
   */
  public static UiGateway start(NodeRuntime runtime, int port, UiNode node) throws IOException {
    UiClients clients = new UiClients();
    UiDispatcher dispatcher = UiDispatcher.forNode(node);
    Executor requests = runtime.ioExecutor("ui-request");
    EventLoopGroup group =
        new NioEventLoopGroup(1, (Executor) task -> runtime.startDaemon("ui-gateway", task));
    AtomicInteger bound = new AtomicInteger(port);
    WebSocketServerProtocolConfig websocket =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(true)
            .subprotocols(SUBPROTOCOL)
            .allowExtensions(false)
            .maxFramePayloadLength(MAX_MESSAGE_BYTES)
            .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
            .build();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES))
                        .addLast(new UpgradeGuard(bound::get))
                        .addLast(new WebSocketServerProtocolHandler(websocket))
                        .addLast(new WebSocketFrameAggregator(MAX_MESSAGE_BYTES))
                        .addLast(new UiFrameHandler(clients, dispatcher, requests));
                  }
                });
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    ChannelFuture bind =
        bootstrap.bind(new InetSocketAddress(loopback, port)).awaitUninterruptibly();
    if (!bind.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
      Throwable cause = bind.cause();
      throw new IOException("cannot listen on UI port " + port + ": " + cause.getMessage(), cause);
    }
    Channel server = bind.channel();
    bound.set(((InetSocketAddress) server.localAddress()).getPort());
    UiGateway gateway = new UiGateway(group, server, clients, UiLogBroadcast.attach(clients));
    log.info("UI gateway ({}) on 127.0.0.1:{}", SUBPROTOCOL, bound.get());
    return gateway;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** Tells every client of the new stage ({@code connectionChange}). */
  public void stageChanged(ConnectionStage stage) {
    clients.broadcast(
        new UiMessage.Payload(
            "connectionChange", OptionalLong.empty(), StatusHandlers.stagePayload(stage)));
  }

  /** Stops listening and closes every client's connection, telling each it is going away. */
  @Override
  public void close() {
    logs.ifPresent(UiLogBroadcast::detach);
    server.close().awaitUninterruptibly();
    clients.closeAll(CLOSE_MILLIS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
