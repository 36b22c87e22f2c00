package org.jmasq.node.hostile;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An origin server on 127.0.0.1 that answers every GET with a short page, or {@code /bytes/<n>}
 * with n bytes, and counts the requests it got: what a replay test reads to see whether a request
 * reached the server more than once, and a free rider's test to see how much it was served.
 */
public final class CountingOrigin implements AutoCloseable {
  public static final String PAGE = "hello from the origin";
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  public CountingOrigin() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext(
        "/",
        exchange -> {
          synchronized (requests) {
            requests.incrementAndGet();
            requests.notifyAll();
          }
          String path = exchange.getRequestURI().getPath();
          byte[] body =
              path.startsWith("/bytes/")
                  ? "x"
                      .repeat(Integer.parseInt(path.substring(7)))
                      .getBytes(StandardCharsets.US_ASCII)
                  : PAGE.getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /** {@code http://127.0.0.1:<port>/<path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public int requests() {
    return requests.get();
  }

  /** Waits until {@code count} requests have arrived, or {@code limit} passed; says which. */
  public boolean awaitRequests(int count, java.time.Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (requests) {
      while (requests.get() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(requests, left);
      }
      return true;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
