package org.jmasq.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** An HTTP or HTTPS server on 127.0.0.1 that serves fixed byte arrays by path. */
final class LocalWebServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();

  private LocalWebServer(HttpServer server) {
    this.server = server;
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::serve);
    server.start();
  }

  static LocalWebServer http() throws IOException {
    return new LocalWebServer(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64));
  }

  static LocalWebServer https(SSLContext context) throws IOException {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    return new LocalWebServer(server);
  }

  LocalWebServer serve(String path, byte[] content) {
    files.put(path, content);
    return this;
  }

  LocalWebServer serve(String path, String content) {
    return serve(path, content.getBytes(StandardCharsets.UTF_8));
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void serve(HttpExchange exchange) throws IOException {
    byte[] content = files.get(exchange.getRequestURI().getPath());
    if (content == null) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.sendResponseHeaders(200, content.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(content);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
