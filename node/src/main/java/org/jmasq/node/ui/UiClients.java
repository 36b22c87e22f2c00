package org.jmasq.node.ui;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The UI clients connected now, each with the id it was given when its upgrade completed, and the
 * reference's three ways to send: to one client, to all, or to all but one. Thread-safe: Netty's
 * {@code writeAndFlush} may be called from any thread.
 */
final class UiClients {
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<Long, Channel> clients = new ConcurrentHashMap<>();
  private final AtomicLong skipped = new AtomicLong();
  private final Set<Long> watching = ConcurrentHashMap.newKeySet();

  long add(Channel channel) {
    long id = nextId.getAndIncrement();
    clients.put(id, channel);
    return id;
  }

  void remove(long id) {
    clients.remove(id);
    watching.remove(id);
  }

  /**
   * Client {@code id} asked for the dashboard's views ({@code traffic}, {@code neighborhood}): from
   * now on it also gets their changes. The others never do, so MASQ's own clients and the CLI are
   * not sent once a second what they did not ask for.
   */
  void watch(long id) {
    if (clients.containsKey(id)) {
      watching.add(id);
    }
  }

  /** Clients that get the dashboard's changes. */
  int watchers() {
    return watching.size();
  }

  /** To the clients that asked for the dashboard's views (see {@link #watch}). */
  void broadcastToWatchers(UiMessage message) {
    String text = UiCodec.encode(message);
    watching.forEach(id -> sendUnlessStalled(clients.get(id), text));
  }

  int count() {
    return clients.size();
  }

  void send(long id, UiMessage message) {
    Channel c = clients.get(id);
    if (c != null) {
      c.writeAndFlush(new TextWebSocketFrame(UiCodec.encode(message)));
    }
  }

  void broadcast(UiMessage message) {
    broadcastExcept(0, message);
  }

  /**
   * Tells every client the gateway is going away (close status 1001) and closes its connection;
   * waits up to {@code millis} for all of them.
   */
  void closeAll(long millis) {
    List<ChannelFuture> closing = new ArrayList<>();
    clients.forEach(
        (id, c) ->
            closing.add(
                c.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE))
                    .addListener(ChannelFutureListener.CLOSE)));
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (ChannelFuture f : closing) {
      f.awaitUninterruptibly(Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
    }
  }

  /**
   * To every client but {@code except} (0, never an id, sends to all). A client whose writes are
   * over the high water mark (it does not read) is skipped, so a stalled client cannot make the
   * Node hold every log line for it; the skips are counted.
   */
  void broadcastExcept(long except, UiMessage message) {
    String text = UiCodec.encode(message);
    clients.forEach(
        (id, c) -> {
          if (id != except) {
            sendUnlessStalled(c, text);
          }
        });
  }

  private void sendUnlessStalled(Channel c, String text) {
    if (c == null) {
      return;
    }
    if (c.isWritable()) {
      c.writeAndFlush(new TextWebSocketFrame(text));
    } else {
      skipped.incrementAndGet();
    }
  }

  /** Broadcasts not sent to a client because it was not reading. */
  long skipped() {
    return skipped.get();
  }
}
