package org.jmasq.node.blockchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A JSON-RPC provider on loopback that answers each method as the test scripts it and records every
 * request. A method's script returns the JSON of {@code result}, or of {@code error} when the text
 * starts with {@code "error:"}. {@link #rawReply} overrides everything with a fixed HTTP reply.
 */
public final class ScriptedRpcServer implements AutoCloseable {
  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  public final Map<String, Function<JsonNode, String>> script = new ConcurrentHashMap<>();
  public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  volatile int rawStatus;
  volatile String rawReply;

  public ScriptedRpcServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] reply;
          int status = 200;
          try {
            JsonNode body = json.readTree(exchange.getRequestBody());
            if (rawReply != null) {
              status = rawStatus;
              reply = rawReply.getBytes(StandardCharsets.UTF_8);
            } else if (body.isArray()) {
              ArrayNode answers = json.createArrayNode();
              for (JsonNode r : body) {
                answers.add(answer(r));
              }
              reply = answers.toString().getBytes(StandardCharsets.UTF_8);
            } else {
              reply = answer(body).toString().getBytes(StandardCharsets.UTF_8);
            }
          } catch (IOException | RuntimeException e) {
            status = 500;
            reply = e.toString().getBytes(StandardCharsets.UTF_8);
          }
          exchange.sendResponseHeaders(status, reply.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
          }
        });
    server.start();
  }

  private ObjectNode answer(JsonNode request) throws IOException {
    requests.add(request);
    ObjectNode a = json.createObjectNode();
    a.put("jsonrpc", "2.0");
    a.set("id", request.get("id"));
    Function<JsonNode, String> handler = script.get(request.path("method").asText());
    String text =
        handler == null
            ? "error:{\"code\":-32601,\"message\":\"method not found\"}"
            : handler.apply(request.get("params"));
    if (text.startsWith("error:")) {
      a.set("error", json.readTree(text.substring(6)));
    } else {
      a.set("result", json.readTree(text));
    }
    return a;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
