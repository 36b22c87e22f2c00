package org.jmasq.node.ui;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through only the HTTP requests that may become a UI connection, before Netty's WebSocket
 * handshake sees them: an upgrade that asks for {@code MASQNode-UIv2}, from no browser page or from
 * the gateway's own origin. A web page the user visits elsewhere sends its own origin, and is
 * refused with 403, so it cannot drive the Node through the user's browser (cross-site WebSocket
 * hijacking). A client that is not a browser sends no Origin and is let through: it could send any
 * Origin it liked anyway.
 */
final class UpgradeGuard extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(UpgradeGuard.class);

  private final IntSupplier port;
  private final BooleanSupplier serving;

  /** Why a request is refused, and the HTTP status that says so. */
  private record Refusal(HttpResponseStatus status, String reason) {}

  /**
   * @param port the port the gateway listens on, which its own origin names
   * @param serving whether the Node's handlers are attached; until then upgrades get 503
   */
  UpgradeGuard(IntSupplier port, BooleanSupplier serving) {
    this.port = port;
    this.serving = serving;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Refusal refusal = refusal(request);
    if (refusal == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    log.info(
        "Refused a UI connection from {}: {}", ctx.channel().remoteAddress(), refusal.reason());
    request.release();
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            refusal.status(),
            Unpooled.copiedBuffer(refusal.reason() + "\n", StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /** Why the request is refused, or null when it may go on to the handshake. */
  private Refusal refusal(FullHttpRequest request) {
    String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      return new Refusal(
          HttpResponseStatus.NOT_FOUND,
          "not found: this port serves the dashboard at / and "
              + UiGateway.SUBPROTOCOL
              + " over WebSocket");
    }
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (origin != null && !ownOrigin(origin)) {
      return new Refusal(
          HttpResponseStatus.FORBIDDEN,
          "origin " + origin + " is not this gateway's own; cross-site connections are refused");
    }
    String protocols = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
    if (protocols == null
        || Arrays.stream(protocols.split(","))
            .map(String::trim)
            .noneMatch(UiGateway.SUBPROTOCOL::equals)) {
      return new Refusal(
          HttpResponseStatus.BAD_REQUEST,
          "subprotocol "
              + (protocols == null ? "missing" : protocols)
              + ": this gateway speaks "
              + UiGateway.SUBPROTOCOL
              + " only");
    }
    if (!serving.getAsBoolean()) {
      return new Refusal(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "the Node is still starting; connect again once it runs");
    }
    return null;
  }

  private boolean ownOrigin(String origin) {
    String o = origin.toLowerCase(Locale.ROOT);
    int p = port.getAsInt();
    return o.equals("http://127.0.0.1:" + p) || o.equals("http://localhost:" + p);
  }
}
