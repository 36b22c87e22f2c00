package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A UI client made of the JDK's own WebSocket client, none of the gateway's classes: it connects as
 * a UI would, sends text, and keeps every message it receives for the test to wait on.
 */
final class UiTestClient implements WebSocket.Listener, AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> received = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private WebSocket socket;

  private UiTestClient() {}

  /** A client of the gateway on {@code port} that asks for MASQNode-UIv2 and sends no Origin. */
  static UiTestClient connect(int port) {
    return connect(
        port, HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("MASQNode-UIv2"));
  }

  static UiTestClient connect(int port, WebSocket.Builder builder) {
    UiTestClient client = new UiTestClient();
    client.socket =
        builder
            .connectTimeout(WAIT)
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), client)
            .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
            .join();
    return client;
  }

  String subprotocol() {
    return socket.getSubprotocol();
  }

  void send(String text) {
    sendPart(text, true);
  }

  /** One frame of a text message; {@code last} ends the message. */
  void sendPart(String text, boolean last) {
    socket.sendText(text, last).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  void sendBinary(byte[] data) {
    socket
        .sendBinary(java.nio.ByteBuffer.wrap(data), true)
        .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
        .join();
  }

  /** Sends a request and waits for the message that answers it (its contextId). */
  JsonNode ask(String opcode, long contextId, String payload) throws Exception {
    send(
        "{\"opcode\":\""
            + opcode
            + "\",\"contextId\":"
            + contextId
            + ",\"payload\":"
            + payload
            + "}");
    return await(m -> m.path("contextId").asLong(-1) == contextId);
  }

  /** The first message, received so far or from now on, that {@code wanted} matches. */
  JsonNode await(Predicate<JsonNode> wanted) throws Exception {
    return await(wanted, WAIT);
  }

  /** As {@link #await(Predicate)}, waiting at most {@code wait}. */
  synchronized JsonNode await(Predicate<JsonNode> wanted, Duration wait) throws Exception {
    long end = System.nanoTime() + wait.toNanos();
    while (true) {
      for (JsonNode m : received) {
        if (wanted.test(m)) {
          received.remove(m);
          return m;
        }
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("no such message; received: " + received);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** The first broadcast (no contextId) of {@code opcode} that {@code wanted} matches. */
  JsonNode awaitBroadcast(String opcode, Predicate<JsonNode> wanted) throws Exception {
    return awaitBroadcast(opcode, wanted, WAIT);
  }

  JsonNode awaitBroadcast(String opcode, Predicate<JsonNode> wanted, Duration wait)
      throws Exception {
    return await(
        m -> m.path("opcode").asText().equals(opcode) && !m.has("contextId") && wanted.test(m),
        wait);
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public synchronized CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        received.add(JSON.readTree(partial.toString()));
      } catch (IOException e) {
        closed.completeExceptionally(e);
      }
      partial.setLength(0);
      notifyAll();
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed.completeExceptionally(error);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
    socket.abort();
  }
}
