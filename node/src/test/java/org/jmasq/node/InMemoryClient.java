package org.jmasq.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jmasq.node.proxyserver.ClientSide;
import org.jmasq.node.proxyserver.StreamFailure;

/**
 * A browser's connection to the user's Node without a socket, as an entry hands it to the
 * ProxyServer: the test scripts what the client sends and reads what it was sent. Closing it ends
 * its input, as closing a socket ends a blocked read.
 */
final class InMemoryClient implements ClientSide {
  private static final byte[] END = new byte[0];

  private final InetSocketAddress address;
  private final BlockingQueue<byte[]> toSend = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  final CompletableFuture<Void> connected = new CompletableFuture<>();
  final CompletableFuture<StreamFailure> failure = new CompletableFuture<>();
  final CompletableFuture<Void> closed = new CompletableFuture<>();

  /** A client on its own {@code port}: the ProxyServer keys a stream by where its client is. */
  InMemoryClient(int port) {
    this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** The client sends {@code bytes} after what the stream opened with. */
  void sends(byte[] bytes) {
    toSend.add(bytes.clone());
  }

  byte[] received() {
    synchronized (received) {
      return received.toByteArray();
    }
  }

  /** Waits until at least {@code length} bytes have arrived; false if not within {@code limit}. */
  boolean awaitReceived(int length, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (received) {
      while (received.size() < length) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        received.wait(left);
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
        while (at == current.length) {
          try {
            current = toSend.take();
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
        synchronized (received) {
          received.write(b, off, len);
          received.notifyAll();
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
    failure.complete(f);
  }

  @Override
  public void close() {
    closed.complete(null);
    toSend.add(END);
  }
}
