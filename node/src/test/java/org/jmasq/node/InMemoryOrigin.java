package org.jmasq.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.jmasq.node.proxyclient.OriginConnector;

/**
 * Servers at one address, in memory, for the exits of a test network. On {@link #HTTP_PORT} every
 * request is answered with the same body (whose SHA-256 the test knows) and the connection is
 * closed; on {@link #ECHO_PORT} what the client sends comes back until either side closes. Any
 * other port refuses, and any other address cannot be reached, with the exceptions a socket throws.
 */
final class InMemoryOrigin implements OriginConnector {
  static final int HTTP_PORT = 80;
  static final int ECHO_PORT = 7;
  private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final InetAddress address;
  private final byte[] response;
  private final int headLength;
  private final AtomicInteger connections = new AtomicInteger();

  /** Serves at {@code address} an HTTP body of {@code bodyLength} bytes made from {@code seed}. */
  InMemoryOrigin(InetAddress address, int bodyLength, long seed) {
    this.address = address;
    byte[] body = new byte[bodyLength];
    new Random(seed).nextBytes(body);
    byte[] head =
        ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + bodyLength
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    this.headLength = head.length;
    this.response = Arrays.copyOf(head, head.length + bodyLength);
    System.arraycopy(body, 0, response, head.length, bodyLength);
  }

  /** The host a client names to reach these servers. */
  String host() {
    return address.getHostAddress();
  }

  /** The body every HTTP request is answered with. */
  byte[] body() {
    return Arrays.copyOfRange(response, headLength, response.length);
  }

  /** Connections made so far, on either port. */
  int connections() {
    return connections.get();
  }

  @Override
  public Connection connect(InetSocketAddress target, Duration timeout) throws IOException {
    if (!target.getAddress().equals(address)) {
      throw new NoRouteToHostException("no server at " + target);
    }
    Pipe toClient = new Pipe();
    OutputStream fromClient =
        switch (target.getPort()) {
          case HTTP_PORT -> new HttpServer(toClient);
          case ECHO_PORT -> new Echo(toClient);
          default -> throw new ConnectException("Connection refused: " + target);
        };
    connections.incrementAndGet();
    return new Connection() {
      @Override
      public InputStream input() {
        return toClient;
      }

      @Override
      public OutputStream output() {
        return fromClient;
      }

      @Override
      public void close() {
        toClient.close();
      }
    };
  }

  /** Reads a request head, then answers it with the response and ends the connection. */
  private final class HttpServer extends OutputStream {
    private final Pipe toClient;
    private byte[] head = new byte[0];
    private boolean answered;

    HttpServer(Pipe toClient) {
      this.toClient = toClient;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      toClient.checkOpen();
      if (answered) {
        return;
      }
      int old = head.length;
      head = Arrays.copyOf(head, old + len);
      System.arraycopy(b, off, head, old, len);
      if (indexOf(head, END_OF_HEAD) >= 0) {
        answered = true;
        toClient.put(response);
        toClient.end();
      }
    }
  }

  /** Sends back what it is sent. */
  private static final class Echo extends OutputStream {
    private final Pipe toClient;

    Echo(Pipe toClient) {
      this.toClient = toClient;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      toClient.put(Arrays.copyOfRange(b, off, off + len));
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * The server's side of a connection, read by the exit: a read waits for bytes, returns -1 once
   * the server has ended, and throws once the connection is closed, as a closed socket's does.
   */
  private static final class Pipe extends InputStream {
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private int at;
    private boolean ended;
    private boolean closed;

    synchronized void put(byte[] bytes) throws IOException {
      checkOpen();
      if (bytes.length > 0) {
        chunks.add(bytes);
        notifyAll();
      }
    }

    synchronized void end() {
      ended = true;
      notifyAll();
    }

    synchronized void checkOpen() throws IOException {
      if (closed) {
        throw new IOException("Socket closed");
      }
    }

    @Override
    public synchronized void close() {
      closed = true;
      notifyAll();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
      while (chunks.isEmpty() && !ended && !closed) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      checkOpen();
      if (chunks.isEmpty()) {
        return -1;
      }
      byte[] chunk = chunks.peek();
      int n = Math.min(len, chunk.length - at);
      System.arraycopy(chunk, at, b, off, n);
      at += n;
      if (at == chunk.length) {
        chunks.poll();
        at = 0;
      }
      return n;
    }
  }
}
