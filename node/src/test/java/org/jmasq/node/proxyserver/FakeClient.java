package org.jmasq.node.proxyserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * A client connection without a socket, as an entry hands one to the ProxyServer: the test scripts
 * what the client sends and records what it is told. Closing it ends its input, as closing a socket
 * ends a blocked read. The ProxyServer's tests and the in-process network's use it alike.
 */
public final class FakeClient implements ClientSide {
  private static final byte[] END = new byte[0];

  private final InetSocketAddress address;
  private final BlockingQueue<byte[]> toRead = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();

  /** The thread that told this client of its failure. */
  volatile Thread toldOn;

  /** Completed when the ProxyServer says the stream is connected. */
  public final CompletableFuture<Void> connected = new CompletableFuture<>();

  /** Completed with the failure the ProxyServer reports, if it reports one. */
  public final CompletableFuture<StreamFailure> failure = new CompletableFuture<>();

  /** Completed when the ProxyServer closes the client. */
  public final CompletableFuture<Void> closed = new CompletableFuture<>();

  private final StreamIsolation isolation;

  /** A client on its own {@code port}: the ProxyServer keys a stream by where its client is. */
  public FakeClient(int port) {
    this(port, StreamIsolation.NONE);
  }

  /** A client that gave credentials naming {@code isolation}. */
  public FakeClient(int port, StreamIsolation isolation) {
    this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    this.isolation = isolation;
  }

  @Override
  public StreamIsolation isolation() {
    return isolation;
  }

  /** The client sends {@code text}. */
  public void sends(String text) {
    sends(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** The client sends {@code bytes}. */
  public void sends(byte[] bytes) {
    toRead.add(bytes.clone());
  }

  /** The client closes its side. */
  public void ends() {
    toRead.add(END);
  }

  /** What the client has been sent so far. */
  public byte[] received() {
    synchronized (written) {
      return written.toByteArray();
    }
  }

  /** What the client has been sent so far, as text. */
  public String written() {
    synchronized (written) {
      return written.toString(StandardCharsets.US_ASCII);
    }
  }

  /**
   * Waits until the client has been sent exactly {@code expected}; false if it was not within
   * {@code millis}.
   */
  public boolean awaitWritten(String expected, long millis) throws InterruptedException {
    return await(
        w -> w.toString(StandardCharsets.US_ASCII).equals(expected), Duration.ofMillis(millis));
  }

  /** Waits until at least {@code length} bytes have arrived; false if not within {@code limit}. */
  public boolean awaitReceived(int length, Duration limit) throws InterruptedException {
    return await(w -> w.size() >= length, limit);
  }

  private boolean await(Predicate<ByteArrayOutputStream> done, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (written) {
      while (!done.test(written)) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return false;
        }
        written.wait(left);
      }
      return true;
    }
  }

  @Override
  public InetSocketAddress clientAddress() {
    return address;
  }

  @Override
  public InputStream input() {
    return new InputStream() {
      private byte[] current = new byte[0];
      private int at;
      private boolean ended;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
          return -1;
        }
        // An empty send is skipped: a read returns at least one byte or the end.
        while (at == current.length) {
          try {
            current = toRead.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
          at = 0;
          if (current == END) {
            ended = true;
            return -1;
          }
        }
        int n = Math.min(len, current.length - at);
        System.arraycopy(current, at, b, off, n);
        at += n;
        return n;
      }
    };
  }

  @Override
  public OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (written) {
          written.write(b, off, len);
          written.notifyAll();
        }
      }
    };
  }

  @Override
  public void connected() {
    connected.complete(null);
  }

  @Override
  public void failed(StreamFailure f) {
    toldOn = Thread.currentThread();
    failure.complete(f);
  }

  @Override
  public void close() {
    closed.complete(null);
    toRead.add(END);
  }
}
