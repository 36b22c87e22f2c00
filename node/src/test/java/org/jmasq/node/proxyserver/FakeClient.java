package org.jmasq.node.proxyserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A client connection without a socket: the test scripts what the client sends and records what it
 * is told. Closing it ends its input, as closing a socket ends a blocked read.
 */
final class FakeClient implements ClientSide {
  private static final byte[] END = new byte[0];

  private final InetSocketAddress address;
  private final BlockingQueue<byte[]> toRead = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  final CompletableFuture<Void> connected = new CompletableFuture<>();
  final CompletableFuture<StreamFailure> failure = new CompletableFuture<>();
  final CompletableFuture<Void> closed = new CompletableFuture<>();

  /** The thread that told this client of its failure. */
  volatile Thread toldOn;

  FakeClient(int port) {
    this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** The client sends {@code text}. */
  void sends(String text) {
    toRead.add(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** The client closes its side. */
  void ends() {
    toRead.add(END);
  }

  String written() {
    synchronized (written) {
      return written.toString(StandardCharsets.US_ASCII);
    }
  }

  /**
   * Waits until the client has been sent exactly {@code expected}; false if it was not within
   * {@code millis}.
   */
  boolean awaitWritten(String expected, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    synchronized (written) {
      while (!written.toString(StandardCharsets.US_ASCII).equals(expected)) {
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
        if (at == current.length) {
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
        synchronized (written) {
          written.write(b);
          written.notifyAll();
        }
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
