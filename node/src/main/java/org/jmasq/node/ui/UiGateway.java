package org.jmasq.node.ui;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.runtime.Cancellable;
import org.jmasq.node.runtime.NodeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node's UI gateway: a WebSocket server on 127.0.0.1 that speaks MASQNode-UIv2 (Netty's HTTP
 * codec and WebSocket handshake; see {@code docs/UI.md}). Each connection is one client with its
 * own id; answers go to the client that asked, {@code connectionChange} and {@code logBroadcast} to
 * all of them.
 *
 * <p>It starts in two steps: {@link #bind} takes the port before the Node starts anything that
 * talks to the world, so a port that is taken stops the start before a scan or a neighbor has run;
 * {@link #serve} attaches the Node's handlers once its parts run. Until then an upgrade is refused
 * with 503.
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

  /**
   * What a client's writes may hold before it counts as not reading: broadcasts then skip it. Far
   * above a burst of log lines to a client that reads.
   */
  private static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

  /** How long stopping waits for the clients' close frames to be written. */
  private static final long CLOSE_MILLIS = 1_000;

  /**
   * The gateway's bounds on what clients may make it hold.
   *
   * @param handshake from the connection to the completed upgrade, however the bytes trickle in
   * @param maxConnections connections open at once, upgraded or not; one more is refused with 503
   * @param maxInFlight requests being answered at once over all clients; one more is refused
   * @param passwordInterval the least time between two password requests of one client
   * @param unwritable how long a client may not read what it is sent before it is closed
   */
  record Limits(
      Duration handshake,
      int maxConnections,
      int maxInFlight,
      Duration passwordInterval,
      Duration unwritable) {
    static final Limits DEFAULT =
        new Limits(Duration.ofSeconds(10), 64, 16, Duration.ofMillis(250), Duration.ofSeconds(10));
  }

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
  private final AtomicReference<UiDispatcher> dispatcher;
  private final AtomicReference<ConnectionStage> stage;
  private final NodeRuntime runtime;
  private final AtomicReference<UiMetrics> metrics;
  private volatile Optional<Cancellable> watch = Optional.empty();
  private final AtomicReference<Optional<String>> refusal = new AtomicReference<>(Optional.empty());
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Optional<UiLogBroadcast> logs = Optional.empty();

  private UiGateway(
      EventLoopGroup group,
      Channel server,
      UiClients clients,
      AtomicReference<UiDispatcher> dispatcher,
      AtomicReference<ConnectionStage> stage,
      NodeRuntime runtime,
      AtomicReference<UiMetrics> metrics) {
    this.runtime = runtime;
    this.metrics = metrics;
    this.group = group;
    this.server = server;
    this.clients = clients;
    this.dispatcher = dispatcher;
    this.stage = stage;
  }

  /**
   * Listens on {@code 127.0.0.1:port} (0 picks a free port); serves nothing until {@link #serve}.
   *
   * @param stage the Node's stage until it reports a change: what {@code connectionStatus} answers
   * @throws IOException when the port cannot be bound
   */
  public static UiGateway bind(NodeRuntime runtime, int port, ConnectionStage stage)
      throws IOException {
    return bind(runtime, port, stage, Limits.DEFAULT);
  }

  static UiGateway bind(NodeRuntime runtime, int port, ConnectionStage stage, Limits limits)
      throws IOException {
    UiClients clients = new UiClients();
    AtomicReference<UiDispatcher> dispatcher = new AtomicReference<>();
    AtomicReference<ConnectionStage> last = new AtomicReference<>(stage);
    AtomicReference<UiMetrics> metrics = new AtomicReference<>();
    Executor requests = runtime.ioExecutor("ui-request");
    UiFrameHandler.Shared shared =
        new UiFrameHandler.Shared(
            clients, dispatcher, requests, runtime, limits, new AtomicInteger());
    EventLoopGroup group =
        new NioEventLoopGroup(1, (Executor) task -> runtime.startDaemon("ui-gateway", task));
    AtomicInteger bound = new AtomicInteger(port);
    Map<String, HttpPage.Responder> pages = pages(metrics, bound::get);
    AtomicInteger open = new AtomicInteger();
    WebSocketServerProtocolConfig websocket =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(true)
            .subprotocols(SUBPROTOCOL)
            .allowExtensions(false)
            .maxFramePayloadLength(MAX_MESSAGE_BYTES)
            .handshakeTimeoutMillis(limits.handshake().toMillis())
            .build();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    if (open.incrementAndGet() > limits.maxConnections()) {
                      open.decrementAndGet();
                      refuse(channel, limits.maxConnections());
                      return;
                    }
                    channel.closeFuture().addListener(f -> open.decrementAndGet());
                    // Netty's own handshake timeout starts only once the whole request is in: a
                    // client that sends nothing, or trickles its headers, is closed by this.
                    var deadline =
                        channel
                            .eventLoop()
                            .schedule(
                                () -> {
                                  log.info(
                                      "Closed a UI connection from {}: no upgrade within {} ms",
                                      channel.remoteAddress(),
                                      limits.handshake().toMillis());
                                  channel.close();
                                },
                                limits.handshake().toMillis(),
                                TimeUnit.MILLISECONDS);
                    channel
                        .pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES))
                        .addLast(new HttpGets(pages, bound::get, requests))
                        .addLast(new UpgradeGuard(bound::get, () -> dispatcher.get() != null))
                        .addLast(new WebSocketServerProtocolHandler(websocket))
                        .addLast(new WebSocketFrameAggregator(MAX_MESSAGE_BYTES))
                        .addLast(new UiFrameHandler(shared, deadline));
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
    return new UiGateway(group, server, clients, dispatcher, last, runtime, metrics);
  }

  /**
   * What a plain HTTP GET is answered with, by path; any other request goes on to the upgrade. The
   * dashboard loads while the Node starts, to show its progress; the Node's own pages answer 503
   * until it serves.
   */
  private static Map<String, HttpPage.Responder> pages(
      AtomicReference<UiMetrics> metrics, IntSupplier port) {
    Map<String, HttpPage.Responder> pages = new HashMap<>(DashboardAssets.pages(port));
    pages.put("/metrics", () -> whenServing(metrics.get(), UiMetrics::page));
    return pages;
  }

  private static <T> HttpPage whenServing(T part, Function<T, HttpPage> page) {
    return part == null
        ? HttpPage.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "the Node is still starting")
        : page.apply(part);
  }

  /** One connection over the cap: a plain 503 that says why, and the connection closed. */
  private static void refuse(SocketChannel channel, int max) {
    log.info("Refused a UI connection from {}: {} are open", channel.remoteAddress(), max);
    String body = "too many UI connections: at most " + max + " at once\n";
    String response =
        "HTTP/1.1 503 Service Unavailable\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\nConnection: close\r\n\r\n"
            + body;
    channel
        .writeAndFlush(Unpooled.copiedBuffer(response, StandardCharsets.UTF_8))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** Starts answering requests for {@code node}; before this, upgrades are refused with 503. */
  public void serve(UiNode node) {
    serve(node, Optional.empty());
  }

  /**
   * Starts answering requests for {@code node}, with the dashboard's extensions, their broadcasts
   * and {@code /metrics} over {@code readings}.
   */
  public void serve(UiNode node, NodeReadings readings) {
    serve(node, Optional.of(readings));
  }

  private void serve(UiNode node, Optional<NodeReadings> readings) {
    if (!dispatcher.compareAndSet(
        null, UiDispatcher.forNode(node, stage::get, refusal::get, readings))) {
      throw new IllegalStateException("the gateway serves a Node already");
    }
    readings.ifPresent(
        r -> {
          metrics.set(new UiMetrics(r, stage::get));
          watch =
              Optional.of(
                  new TrafficWatch(r, clients::broadcastToWatchers, () -> clients.watchers() > 0)
                      .start(runtime));
        });
    logs = UiLogBroadcast.attach(clients);
    log.info("UI gateway ({}) on 127.0.0.1:{}", SUBPROTOCOL, address().getPort());
  }

  /**
   * Starts answering requests with {@code handlers} by opcode and {@code rest} for the others: a
   * Daemon's, which serves no Node of its own. Sends no log lines.
   */
  public void serve(Map<String, UiHandler> handlers, UiFallback rest) {
    if (!dispatcher.compareAndSet(null, new UiDispatcher(handlers, Optional.of(rest)))) {
      throw new IllegalStateException("the gateway serves already");
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /**
   * Keeps the new stage for {@code connectionStatus}, which answers from it without asking the
   * Neighborhood, and tells every client ({@code connectionChange}).
   */
  public void stageChanged(ConnectionStage stage) {
    this.stage.set(stage);
    if (stage != ConnectionStage.NOT_CONNECTED) {
      refusal.set(Optional.empty());
    }
    broadcast(
        new UiMessage.Payload(
            "connectionChange", OptionalLong.empty(), StatusHandlers.stagePayload(stage)));
  }

  /**
   * Keeps why the network refuses this Node, for {@code connectionStatus} to answer until the Node
   * is connected.
   */
  public void refused(String why) {
    refusal.set(Optional.of(why));
  }

  /** Sends {@code message} to every client (skipping those that do not read). */
  public void broadcast(UiMessage message) {
    clients.broadcast(message);
  }

  /** Broadcasts not sent to a client because it was not reading what it had been sent. */
  long skippedBroadcasts() {
    return clients.skipped();
  }

  /**
   * Stops listening and closes every client's connection, telling each it is going away. Once is
   * enough: later calls do nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    logs.ifPresent(UiLogBroadcast::detach);
    watch.ifPresent(Cancellable::cancel);
    server.close().awaitUninterruptibly();
    clients.closeAll(CLOSE_MILLIS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
