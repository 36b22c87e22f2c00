package org.jmasq.node.ui;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jmasq.node.runtime.NodeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UI client's connection once its upgrade is done: registers it under a new client id, decodes
 * each text frame, answers what cannot be decoded with {@code unmarshalError} at once and hands the
 * rest to the dispatcher off the event loop, so a slow answer (the Neighborhood, the database)
 * holds up no other client. Netty's handlers below have already checked the frame's size.
 *
 * <p>One request of a client is answered at a time, in the order sent: reading from it pauses while
 * one is pending, so a client cannot queue work faster than it is done. Over all clients at most
 * {@link UiGateway.Limits#maxInFlight} are answered at once; password requests of one client are
 * spaced by {@link UiGateway.Limits#passwordInterval}, so a local program cannot grind the password
 * (each check is an Argon2id run) or hold the database from the books.
 */
final class UiFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(UiFrameHandler.class);

  /** Requests after which a client also gets the changes of what it asked (the dashboard's). */
  private static final Set<String> WATCH_OPCODES = Set.of("traffic", "neighborhood");

  /** The opcodes that run the password's key derivation. */
  private static final Set<String> PASSWORD_OPCODES =
      Set.of(
          "checkPassword",
          "changePassword",
          "configuration",
          "generateWallets",
          "recoverWallets",
          "walletAddresses");

  /** What every connection of one gateway shares. */
  record Shared(
      UiClients clients,
      AtomicReference<UiDispatcher> dispatcher,
      Executor requests,
      NodeRuntime runtime,
      UiGateway.Limits limits,
      AtomicInteger inFlight) {}

  private final Shared shared;
  private final Future<?> handshakeDeadline;
  private final ArrayDeque<UiMessage> pending = new ArrayDeque<>();
  private boolean busy;
  private Instant nextPasswordAt = Instant.MIN;
  private Future<?> unwritableDeadline;
  private long id;

  UiFrameHandler(Shared shared, Future<?> handshakeDeadline) {
    this.shared = shared;
    this.handshakeDeadline = handshakeDeadline;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      handshakeDeadline.cancel(false);
      id = shared.clients().add(ctx.channel());
      log.info("UI client {} connected from {}", id, ctx.channel().remoteAddress());
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    handshakeDeadline.cancel(false);
    if (unwritableDeadline != null) {
      unwritableDeadline.cancel(false);
    }
    if (id != 0) {
      shared.clients().remove(id);
      log.info("UI client {} disconnected", id);
    }
    super.channelInactive(ctx);
  }

  /** A client that leaves what it is sent unread past the bound is closed. */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    // Nothing more is read from a client that does not read its answers: it could otherwise make
    // the Node hold an answer (an unmarshalError, say) for every frame it sends.
    ctx.channel().config().setAutoRead(ctx.channel().isWritable() && !busy);
    if (ctx.channel().isWritable()) {
      if (unwritableDeadline != null) {
        unwritableDeadline.cancel(false);
        unwritableDeadline = null;
      }
    } else if (unwritableDeadline == null) {
      long millis = shared.limits().unwritable().toMillis();
      unwritableDeadline =
          ctx.executor()
              .schedule(
                  () -> {
                    log.info("UI client {} read nothing for {} ms; closing it", id, millis);
                    ctx.close();
                  },
                  millis,
                  TimeUnit.MILLISECONDS);
    }
    super.channelWritabilityChanged(ctx);
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
      case UiCodec.Decoded.Message m -> {
        // Frames of one read may still arrive after reading pauses: they wait here, in order.
        pending.add(m.message());
        ctx.channel().config().setAutoRead(false);
        if (!busy) {
          next(ctx);
        }
      }
    }
  }

  /** On the event loop: starts answering the next pending request, or resumes reading. */
  private void next(ChannelHandlerContext ctx) {
    while (true) {
      UiMessage request = pending.poll();
      if (request == null) {
        busy = false;
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        return;
      }
      if (shared.inFlight().incrementAndGet() > shared.limits().maxInFlight()) {
        shared.inFlight().decrementAndGet();
        reply(
            ctx,
            new UiMessage.Failure(
                request.opcode(),
                request.contextId(),
                UiErrors.TIMEOUT_ERROR,
                "the Node is busy answering "
                    + shared.limits().maxInFlight()
                    + " other UI requests; ask again shortly"));
        continue;
      }
      busy = true;
      Duration wait = passwordWait(request);
      Runnable answer = () -> answer(ctx, request);
      if (wait.isZero()) {
        shared.requests().execute(answer);
      } else {
        shared.runtime().schedule(wait, () -> shared.requests().execute(answer));
      }
      return;
    }
  }

  /** How long a password request waits for its turn; zero for the other opcodes. */
  private Duration passwordWait(UiMessage request) {
    if (!PASSWORD_OPCODES.contains(request.opcode())) {
      return Duration.ZERO;
    }
    Instant now = shared.runtime().clock().instant();
    Instant at = nextPasswordAt.isAfter(now) ? nextPasswordAt : now;
    nextPasswordAt = at.plus(shared.limits().passwordInterval());
    return Duration.between(now, at);
  }

  /** Off the event loop: answers one request, then lets the next of this client go. */
  private void answer(ChannelHandlerContext ctx, UiMessage request) {
    try {
      if (WATCH_OPCODES.contains(request.opcode())) {
        shared.clients().watch(id);
      }
      UiDispatcher.Reply answer = shared.dispatcher().get().answer(request);
      answer.toOthers().ifPresent(broadcast -> shared.clients().broadcastExcept(id, broadcast));
      var written =
          ctx.channel().writeAndFlush(new TextWebSocketFrame(UiCodec.encode(answer.message())));
      if (answer.afterSent() != UiAnswer.NOTHING) {
        // Not on the event loop: stopping the Node waits for it to end.
        written.addListener(done -> shared.requests().execute(answer.afterSent()));
      }
    } finally {
      shared.inFlight().decrementAndGet();
      try {
        ctx.executor().execute(() -> next(ctx));
      } catch (RejectedExecutionException e) {
        // The gateway is closing: nothing more of this client is answered.
      }
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
