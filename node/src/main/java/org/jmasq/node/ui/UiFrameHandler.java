package org.jmasq.node.ui;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UI client's connection once its upgrade is done: registers it under a new client id, decodes
 * each text frame, answers what cannot be decoded with {@code unmarshalError} at once and hands the
 * rest to the dispatcher on a thread of its own, so a slow answer (the Neighborhood, the database)
 * holds up no other client. Netty's handlers below have already checked the frame's size.
 */
final class UiFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(UiFrameHandler.class);

  private final UiClients clients;
  private final UiDispatcher dispatcher;
  private final Executor requests;
  private long id;

  UiFrameHandler(UiClients clients, UiDispatcher dispatcher, Executor requests) {
    this.clients = clients;
    this.dispatcher = dispatcher;
    this.requests = requests;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      id = clients.add(ctx.channel());
      log.info("UI client {} connected from {}", id, ctx.channel().remoteAddress());
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (id != 0) {
      clients.remove(id);
      log.info("UI client {} disconnected", id);
    }
    super.channelInactive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame text)) {
      reply(
          ctx,
          UiCodec.unmarshalError(
              new UiCodec.Decoded.Refused(
                  "only text frames carry " + UiGateway.SUBPROTOCOL + " messages", "")));
      return;
    }
    switch (UiCodec.decode(text.text())) {
      case UiCodec.Decoded.Refused r -> reply(ctx, UiCodec.unmarshalError(r));
      case UiCodec.Decoded.Message m ->
          requests.execute(
              () -> {
                UiDispatcher.Reply answer = dispatcher.answer(m.message());
                ChannelFuture written =
                    ctx.channel()
                        .writeAndFlush(new TextWebSocketFrame(UiCodec.encode(answer.message())));
                if (answer.afterSent() != UiAnswer.NOTHING) {
                  // Not on the event loop: stopping the Node waits for it to end.
                  written.addListener(done -> requests.execute(answer.afterSent()));
                }
              });
    }
  }

  private static void reply(ChannelHandlerContext ctx, UiMessage message) {
    ctx.writeAndFlush(new TextWebSocketFrame(UiCodec.encode(message)));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      // A message over the bound, in fragments: closed as "message too big".
      log.info("UI client {} sent a message over the size bound; closing it", id);
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
          .addListener(f -> ctx.close());
      return;
    }
    log.info("UI client {} failed: {}", id, cause.toString());
    ctx.close();
  }
}
