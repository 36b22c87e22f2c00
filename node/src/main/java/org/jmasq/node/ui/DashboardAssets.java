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
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Serves the dashboard's page and its assets by plain HTTP GET on the UI port, before the upgrade
 * guard sees the request: a GET of one of {@link #ASSETS}' paths that asks for no WebSocket is
 * answered here and its connection closed; everything else goes on to the guard and the WebSocket
 * handshake. The assets are classpath resources read once, so nothing outside the jar is ever
 * served.
 */
final class DashboardAssets extends ChannelInboundHandlerAdapter {
  private static final String ROOT = "dashboard/";

  /** Path → resource and content type: the page, its script and its style, nothing more. */
  private static final Map<String, Asset> ASSETS =
      Map.of(
          "/", Asset.load("index.html", "text/html; charset=utf-8"),
          "/index.html", Asset.load("index.html", "text/html; charset=utf-8"),
          "/dashboard.js", Asset.load("dashboard.js", "text/javascript; charset=utf-8"),
          "/dashboard.css", Asset.load("dashboard.css", "text/css; charset=utf-8"));

  private record Asset(byte[] body, String type) {
    static Asset load(String name, String type) {
      try (InputStream in = DashboardAssets.class.getResourceAsStream(ROOT + name)) {
        if (in == null) {
          throw new IllegalStateException("dashboard asset missing from the jar: " + name);
        }
        return new Asset(in.readAllBytes(), type);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final IntSupplier port;

  /**
   * @param port the port the gateway listens on: the only place the page may connect to
   */
  DashboardAssets(IntSupplier port) {
    this.port = port;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)
        || !request.method().equals(HttpMethod.GET)
        || request.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Asset asset = ASSETS.get(new QueryStringDecoder(request.uri()).path());
    if (asset == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    request.release();
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(asset.body()));
    int p = port.getAsInt();
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, asset.type())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, asset.body().length)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
        .set("X-Content-Type-Options", "nosniff")
        // The page loads nothing but its own assets, talks to nothing but this port, and is
        // never framed by another page (which could trick the user into clicking Shut down).
        .set(
            "Content-Security-Policy",
            "default-src 'self'; connect-src ws://127.0.0.1:"
                + p
                + " ws://localhost:"
                + p
                + "; img-src 'self' data:; frame-ancestors 'none'")
        .set("X-Frame-Options", "DENY")
        // One request per connection: the gateway closes a connection that has not upgraded
        // within its handshake deadline, so it is not kept alive for another.
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
