package org.jmasq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jmasq.node.ui.UiCodec;
import org.jmasq.node.ui.UiMessage;

/**
 * One MASQNode-UIv2 client connection to {@code ws://127.0.0.1:port/}: requests with a contextId
 * each, answers paired back to them, and every message without a waiting request (broadcasts)
 * handed to a listener as it arrives. The JDK's WebSocket client; loopback only.
 */
final class UiConnection implements AutoCloseable {
  static final String SUBPROTOCOL = "MASQNode-UIv2";

  private final HttpClient http;
  private final int port;
  private final Duration timeout;
  private final Consumer<UiMessage> notifications;
  private final AtomicLong contextIds = new AtomicLong();
  private final Map<Long, CompletableFuture<UiMessage>> waiting = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;

  /** Where a Daemon's {@code redirect} sent this connection's requests; null before any. */
  private volatile UiConnection redirected;

  /** The connection that gave the latest answer: this one, or the Node a Daemon redirected to. */
  private volatile UiConnection answeredBy = this;

  private UiConnection(int port, Duration timeout, Consumer<UiMessage> notifications) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.port = port;
    this.timeout = timeout;
    this.notifications = notifications;
  }

  /**
   * Connects, or says in one sentence why not: nothing listens on the port (no Node is running), or
   * what listens there is no MASQ UI.
   */
  static UiConnection open(int port, Duration timeout, Consumer<UiMessage> notifications)
      throws Refusal, NoNodeRunning {
    UiConnection c = new UiConnection(port, timeout, notifications);
    try {
      c.socket =
          c.http
              .newWebSocketBuilder()
              .subprotocols(SUBPROTOCOL)
              .connectTimeout(timeout)
              .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), c.new Listener())
              .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      c.http.shutdownNow();
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof ConnectException) {
          throw new NoNodeRunning(port);
        }
      }
      throw refusedConnection(port, e.getCause());
    } catch (TimeoutException e) {
      c.http.shutdownNow();
      throw new Refusal("UI port " + port + " did not complete a WebSocket upgrade in " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refusal("interrupted while connecting to UI port " + port);
    }
    return c;
  }

  private static Refusal refusedConnection(int port, Throwable cause) {
    if (cause instanceof WebSocketHandshakeException h) {
      return new Refusal(
          "UI port "
              + port
              + " refused a "
              + SUBPROTOCOL
              + " connection (HTTP "
              + h.getResponse().statusCode()
              + "): is it a MASQ Node's UI port?");
    }
    if (cause instanceof HttpTimeoutException) {
      return new Refusal("UI port " + port + " did not answer in time");
    }
    return new Refusal("cannot connect to UI port " + port + ": " + cause);
  }

  int port() {
    return port;
  }

  boolean isOpen() {
    return !closed.isDone();
  }

  /** Completes when the Node closes the connection (or it breaks). */
  CompletableFuture<Void> closed() {
    return closed;
  }

  /** The connection that gave the latest answer (the Node's, after a Daemon's redirect). */
  UiConnection answeredBy() {
    return answeredBy;
  }

  /**
   * Sends {@code opcode} with {@code payload} and waits for its answer: the answer's payload, or a
   * {@link UiFailure} with the Node's message, or a {@link Refusal} when no answer came in time. A
   * Daemon's {@code redirect} is followed: the request goes again to the Node's port, and so do
   * later ones while that connection stays open (then they go to the Daemon again).
   */
  ObjectNode ask(String opcode, ObjectNode payload) throws Refusal, UiFailure {
    return ask(opcode, payload, true);
  }

  /**
   * As {@link #ask(String, ObjectNode)}; a redirect is followed only if {@code mayFollow}: a Daemon
   * redirects once, to its Node, and a Node that redirects again is refused, not followed round a
   * loop.
   */
  private ObjectNode ask(String opcode, ObjectNode payload, boolean mayFollow)
      throws Refusal, UiFailure {
    UiConnection node = redirected;
    if (node != null && node.isOpen()) {
      ObjectNode answer = node.ask(opcode, payload, false);
      answeredBy = node.answeredBy();
      return answer;
    }
    answeredBy = this;
    UiMessage got = exchange(opcode, payload);
    if (got instanceof UiMessage.Payload p
        && p.opcode().equals("redirect")
        && !opcode.equals("redirect")) {
      if (!mayFollow) {
        throw new Refusal(
            "UI port " + port + " redirected " + opcode + " again; only one redirect is followed");
      }
      return follow(p.payload()).ask(opcode, payload, false);
    }
    return switch (got) {
      case UiMessage.Payload p -> p.payload();
      case UiMessage.Failure f -> throw new UiFailure(f.code(), f.message());
    };
  }

  private UiConnection follow(ObjectNode redirect) throws Refusal {
    int to = redirect.path("port").asInt(-1);
    if (to < 1 || to > 65535) {
      throw new Refusal("UI port " + port + " redirected to no port: " + redirect.path("port"));
    }
    UiConnection previous = redirected;
    if (previous != null) {
      previous.close();
    }
    try {
      redirected = open(to, timeout, notifications);
    } catch (NoNodeRunning e) {
      throw new Refusal(
          "UI port " + port + " redirected to UI port " + to + ", where nothing answers");
    }
    return this;
  }

  private UiMessage exchange(String opcode, ObjectNode payload) throws Refusal {
    long id = contextIds.incrementAndGet();
    CompletableFuture<UiMessage> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    try {
      String text = UiCodec.encode(new UiMessage.Payload(opcode, OptionalLong.of(id), payload));
      socket.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new Refusal(
          "no answer to " + opcode + " from UI port " + port + " within " + seconds(timeout));
    } catch (ExecutionException e) {
      throw new Refusal(
          "the connection to UI port " + port + " broke before " + opcode + " was answered");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refusal("interrupted while waiting for " + opcode);
    } finally {
      waiting.remove(id);
    }
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public void close() {
    UiConnection node = redirected;
    if (node != null) {
      node.close();
    }
    WebSocket s = socket;
    if (s != null && !s.isOutputClosed()) {
      try {
        // Said goodbye before the socket goes; a Node that does not read it is not waited for.
        s.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // Closed anyway below.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (s != null) {
      s.abort();
    }
    http.shutdownNow(); // its selector thread, which a shell would otherwise keep per connection
    done();
  }

  private void done() {
    closed.complete(null);
    waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed")));
  }

  private void received(String text) {
    if (!(UiCodec.decode(text) instanceof UiCodec.Decoded.Message(UiMessage message))) {
      return; // not a message: nothing a client can answer
    }
    CompletableFuture<UiMessage> asker =
        message.contextId().isPresent() ? waiting.get(message.contextId().getAsLong()) : null;
    if (message instanceof UiMessage.Payload p && p.opcode().equals("redirect")) {
      // A Daemon's redirect names the request's contextId in its payload.
      JsonNode id = p.payload().path("contextId");
      asker = id.canConvertToLong() ? waiting.get(id.asLong()) : null;
    }
    if (asker != null) {
      asker.complete(message);
    } else {
      notifications.accept(message);
    }
  }

  /** The largest message taken from the port: the gateway's own limit for what it is sent. */
  static final int MAX_MESSAGE_CHARS = 1 << 20;

  /** Puts fragmented messages together and hands each whole one on. */
  private final class Listener implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      String whole = null;
      synchronized (partial) {
        if (partial.length() + data.length() > MAX_MESSAGE_CHARS) {
          // Whatever listens on the port may not be a Node: a message without end is refused,
          // and every request waiting on this connection fails as on a close.
          partial.setLength(0);
          webSocket.abort();
          done();
          return null;
        }
        partial.append(data);
        if (last) {
          whole = partial.toString();
          partial.setLength(0);
        }
      }
      if (whole != null) {
        received(whole);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      done();
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      done();
    }
  }
}
