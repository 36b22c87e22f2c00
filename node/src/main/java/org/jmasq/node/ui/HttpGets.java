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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers plain HTTP GETs on the UI port by path ({@code /metrics}, the dashboard's page), before
 * the upgrade checks see them; an upgrade, another method or another path goes on to those checks.
 * A GET needs no Origin (a page elsewhere may not read the answer: the browser's same-origin rule
 * holds for plain requests), but its Host must be the gateway's own, so that a site whose name
 * resolves to 127.0.0.1 (DNS rebinding) cannot read it either. Each answer is made on an I/O thread
 * of the runtime, and the connection is closed after it.
 */
final class HttpGets extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HttpGets.class);

  private final Map<String, HttpPage.Responder> pages;
  private final IntSupplier port;
  private final Executor answering;

  /**
   * @param pages the responder of each path served
   * @param port the port the gateway listens on, which its own Host names
   * @param answering where answers are made, never the event loop
   */
  HttpGets(Map<String, HttpPage.Responder> pages, IntSupplier port, Executor answering) {
    this.pages = Map.copyOf(pages);
    this.port = port;
    this.answering = answering;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)
        // Only a WebSocket upgrade goes on: clients offer others (Java's HttpClient asks for h2c)
        // that a plain answer declines.
        || request.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)
        || !request.method().equals(HttpMethod.GET)) {
      ctx.fireChannelRead(msg);
      return;
    }
    HttpPage.Responder responder = pages.get(new QueryStringDecoder(request.uri()).path());
    if (responder == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    String host = request.headers().get(HttpHeaderNames.HOST);
    request.release();
    if (host != null && !ownHost(host)) {
      log.info("Refused a GET from {}: Host {}", ctx.channel().remoteAddress(), host);
      send(ctx, HttpPage.text(HttpResponseStatus.FORBIDDEN, "host " + host + " is not this port"));
      return;
    }
    try {
      answering.execute(() -> send(ctx, answer(responder)));
    } catch (RejectedExecutionException e) {
      send(ctx, HttpPage.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "the Node is stopping"));
    }
  }

  private static HttpPage answer(HttpPage.Responder responder) {
    try {
      return responder.get();
    } catch (RuntimeException e) {
      log.warn("A GET on the UI port failed", e);
      return HttpPage.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "failed: " + e);
    }
  }

  private boolean ownHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    int p = port.getAsInt();
    return h.equals("127.0.0.1:" + p) || h.equals("localhost:" + p);
  }

  private static void send(ChannelHandlerContext ctx, HttpPage page) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, page.status(), Unpooled.wrappedBuffer(page.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, page.contentType());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, page.body().length);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    page.headers().forEach(response.headers()::set);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
