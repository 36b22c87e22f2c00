package org.jmasq.node.blockchain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JSON-RPC endpoint on loopback that answers as a hostile or broken provider does, over plain
 * sockets so that it controls every byte: it reads each request in full, then sends a {@code 200}
 * whose body never ends in time. Each request is counted and signalled, and every body byte sent is
 * counted, so a test can tell that the headers and part of the body did arrive.
 */
public final class HostileRpcServer implements AutoCloseable {
  /** How the answer misbehaves. */
  public enum Answer {
    /** Headers with a {@code Content-Length} of 1,000, then one byte of it per drip period. */
    DRIP,
    /** Headers without a length, then spaces as fast as the client reads, until it hangs up. */
    ENDLESS,
    /** Headers that declare a 10 GB body, then spaces as {@link #ENDLESS}. */
    HUGE_DECLARED,
    /**
     * The first connection closed without a word once its request is read, as a provider closes an
     * idle keep-alive connection the client reuses; every later one answers block number 16.
     */
    HANG_UP_ONCE
  }

  private final Answer answer;
  private final Duration dripEvery;
  private final ServerSocket server;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Semaphore requests = new Semaphore(0);
  private final AtomicLong bodyBytesSent = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicBoolean hungUp =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();

  public HostileRpcServer(Answer answer, Duration dripEvery) throws IOException {
    this.answer = answer;
    this.dripEvery = dripEvery;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("hostile-rpc-accept").start(this::acceptLoop);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
  }

  /**
   * Waits until one more request than already awaited has arrived in full and its answer has begun
   * (its head sent, and with {@link Answer#DRIP} its first body byte).
   */
  public boolean awaitRequest(Duration limit) throws InterruptedException {
    return requests.tryAcquire(limit.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Body bytes written so far, over every connection. */
  public long bodyBytesSent() {
    return bodyBytesSent.get();
  }

  private void acceptLoop() {
    while (closed.getCount() > 0) {
      try {
        Socket s = server.accept();
        connections.add(s);
        Thread.ofVirtual().name("hostile-rpc").start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      readRequest(in);
      if (answer == Answer.HANG_UP_ONCE) {
        requests.release();
        if (hungUp.compareAndSet(false, true)) {
          return;
        }
        byte[] body =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x10\"}"
                .getBytes(StandardCharsets.US_ASCII);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return;
      }
      out.write(head().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (answer == Answer.DRIP) {
        for (int i = 0; i < 1000; i++) {
          out.write(' ');
          out.flush();
          bodyBytesSent.incrementAndGet();
          if (i == 0) {
            // Counted as arrived once the drip has begun, so a test sees the answer under way.
            requests.release();
          }
          if (closed.await(dripEvery.toNanos(), TimeUnit.NANOSECONDS)) {
            return;
          }
        }
      } else {
        requests.release();
        byte[] spaces = new byte[64 * 1024];
        Arrays.fill(spaces, (byte) ' ');
        while (closed.getCount() > 0) {
          out.write(spaces);
          bodyBytesSent.addAndGet(spaces.length);
        }
      }
    } catch (IOException e) {
      // The client hung up: what a client that gives up on this answer does.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String head() {
    return switch (answer) {
      case DRIP ->
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
      case ENDLESS ->
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
      case HUGE_DECLARED ->
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n";
      case HANG_UP_ONCE -> throw new IllegalStateException("answered in serve");
    };
  }

  /** Reads the request head and its body of {@code Content-Length} bytes. */
  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client hung up before its request ended");
      }
      head.write(b);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        break;
      }
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes(length);
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      server.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    for (Socket s : connections) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
  }
}
