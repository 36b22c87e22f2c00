package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A MASQNode-UIv2 client on the JDK's own WebSocket ({@code java.net.http}, not the gateway's
 * classes), as a UI other than JMasq's would connect: it sends requests and keeps every message it
 * hears, so a test can look for an answer or a broadcast whenever it arrived.
 */
final class UiClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final BlockingQueue<JsonNode> arriving = new LinkedBlockingQueue<>();
  private final List<JsonNode> heard = new ArrayList<>();
  private final WebSocket socket;
  private final int port;

  private UiClient(int port) {
    this.port = port;
    StringBuilder partial = new StringBuilder();
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .subprotocols("MASQNode-UIv2")
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      try {
                        arriving.add(JSON.readTree(partial.toString()));
                      } catch (IOException e) {
                        throw new IllegalStateException("not JSON: " + partial, e);
                      }
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .join();
  }

  /** Connects to the UI port {@code port} on 127.0.0.1. */
  static UiClient connect(int port) {
    return new UiClient(port);
  }

  int port() {
    return port;
  }

  /** Sends one text frame as it is. */
  void sendRaw(String frame) {
    socket.sendText(frame, true).join();
  }

  /** Sends a request of {@code opcode} with {@code payload} (JSON) on {@code contextId}. */
  void send(String opcode, long contextId, String payload) {
    sendRaw(
        "{\"opcode\":\""
            + opcode
            + "\",\"contextId\":"
            + contextId
            + ",\"payload\":"
            + payload
            + "}");
  }

  /** Sends a request and returns its answer, a payload or an error. */
  JsonNode ask(String opcode, long contextId, String payload) throws InterruptedException {
    send(opcode, contextId, payload);
    return await(
        opcode + " #" + contextId,
        m ->
            m.path("opcode").asText().equals(opcode)
                && m.path("contextId").asLong(-1) == contextId);
  }

  /** Sends a request whose answer must be a payload, and returns that payload. */
  JsonNode payloadOf(String opcode, long contextId, String payload) throws InterruptedException {
    JsonNode answer = ask(opcode, contextId, payload);
    assertThat(answer.has("error")).as("%s answered %s", opcode, answer).isFalse();
    return answer.get("payload");
  }

  /** Sends a request whose answer must be an error, and returns that error's code. */
  String errorOf(String opcode, long contextId, String payload) throws InterruptedException {
    JsonNode answer = ask(opcode, contextId, payload);
    assertThat(answer.has("error")).as("%s answered %s", opcode, answer).isTrue();
    assertThat(fields(answer.get("error"))).containsExactlyInAnyOrder("code", "message");
    return answer.path("error").path("code").asText();
  }

  /** The first message without a contextId of {@code opcode}, heard before or after this call. */
  JsonNode broadcast(String opcode) throws InterruptedException {
    return await(
        opcode + " broadcast",
        m -> m.path("opcode").asText().equals(opcode) && !m.has("contextId"));
  }

  /** The first message heard, before or after this call, that {@code wanted} accepts. */
  JsonNode await(String what, Predicate<JsonNode> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (JsonNode m : heard) {
      if (wanted.test(m)) {
        return m;
      }
    }
    while (true) {
      JsonNode m = arriving.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(m).as("%s within %s; heard %s", what, WAIT, heard).isNotNull();
      heard.add(m);
      if (wanted.test(m)) {
        return m;
      }
    }
  }

  /** Every message of {@code opcode} heard so far, answers and broadcasts. */
  List<JsonNode> heard(String opcode) {
    arriving.drainTo(heard);
    return heard.stream().filter(m -> m.path("opcode").asText().equals(opcode)).toList();
  }

  /** The names of an object's fields, to be checked against §8.3's exactly. */
  static List<String> fields(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  @Override
  public void close() {
    socket.abort();
  }
}
