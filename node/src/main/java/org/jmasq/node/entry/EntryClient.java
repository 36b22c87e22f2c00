package org.jmasq.node.entry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jmasq.node.proxyserver.ClientSide;
import org.jmasq.node.proxyserver.Impersonator;
import org.jmasq.node.proxyserver.StreamFailure;
import org.jmasq.node.proxyserver.StreamIsolation;

/**
 * A client connection after its entry handshake. The subclass says how "connected" and failures
 * look in the client's protocol.
 */
abstract sealed class EntryClient implements ClientSide {
  private final Socket socket;
  private final FirstBytes in;
  private final OutputStream out;
  private final StreamIsolation isolation;

  EntryClient(Socket socket, InputStream in, StreamIsolation isolation) throws IOException {
    this.socket = socket;
    this.in = new FirstBytes(in);
    this.out = socket.getOutputStream();
    this.isolation = isolation;
  }

  @Override
  public InetSocketAddress clientAddress() {
    return (InetSocketAddress) socket.getRemoteSocketAddress();
  }

  @Override
  public InputStream input() {
    return in;
  }

  @Override
  public OutputStream output() {
    return out;
  }

  @Override
  public StreamIsolation isolation() {
    return isolation;
  }

  @Override
  public byte[] readEarly(int max, Duration wait) throws IOException {
    socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
    try {
      byte[] buffer = new byte[max];
      int n = in.read(buffer);
      return n <= 0 ? new byte[0] : Arrays.copyOf(buffer, n);
    } catch (SocketTimeoutException e) {
      return new byte[0];
    } finally {
      socket.setSoTimeout(0);
    }
  }

  /**
   * The first bytes the client sent after its handshake, which name the protocol it speaks; waits
   * up to {@code wait} for some, since a client told its stream is open sends its request at once.
   */
  byte[] firstBytes(Duration wait) {
    try {
      return in.awaitFirst(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return in.first();
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket that is already broken has nothing left to report.
    }
  }

  /**
   * SOCKS5: the success reply waits until the exit has connected, and failures are reply codes;
   * with optimistic data the success comes as soon as the stream has a route, and a failure at the
   * exit reaches the client as the protocol it speaks inside the stream expresses it.
   */
  static final class Socks extends EntryClient {
    /**
     * How long a failure waits for the client's first bytes when it came before them: a client that
     * was told "succeeded" sends its request at once, but a busy machine may run it late.
     */
    private static final Duration FIRST_BYTES_WAIT = Duration.ofSeconds(2);

    private final AtomicBoolean replied = new AtomicBoolean();
    private final boolean optimistic;

    Socks(Socket socket, InputStream in, StreamIsolation isolation, boolean optimistic)
        throws IOException {
      super(socket, in, isolation);
      this.optimistic = optimistic;
    }

    @Override
    public boolean opensOptimistically() {
      return optimistic;
    }

    @Override
    public void connected() throws IOException {
      reply(Socks5.REPLY_SUCCEEDED);
    }

    @Override
    public void failed(StreamFailure failure) throws IOException {
      if (reply(Impersonator.socksReply(failure.kind()))) {
        return;
      }
      // Told "succeeded" already: only the protocol inside can carry the failure now.
      Optional<byte[]> inside = Impersonator.inProtocolOf(firstBytes(FIRST_BYTES_WAIT), failure);
      if (inside.isPresent()) {
        output().write(inside.get());
        output().flush();
      }
    }

    /** The client gets exactly one reply: success, or the first failure. True if this was it. */
    private boolean reply(int code) throws IOException {
      if (replied.compareAndSet(false, true)) {
        output().write(Socks5.reply(code));
        output().flush();
        return true;
      }
      return false;
    }
  }

  /** Plain HTTP through the proxy: failures are the reference's error pages. */
  static final class Http extends EntryClient {
    Http(Socket socket, InputStream in, StreamIsolation isolation) throws IOException {
      super(socket, in, isolation);
    }

    @Override
    public void connected() {}

    @Override
    public void failed(StreamFailure failure) throws IOException {
      output().write(Impersonator.httpResponse(failure));
      output().flush();
    }
  }

  /** A CONNECT tunnel, already answered with 200: failures are TLS alerts inside the tunnel. */
  static final class Tunnel extends EntryClient {
    Tunnel(Socket socket, InputStream in, StreamIsolation isolation) throws IOException {
      super(socket, in, isolation);
    }

    @Override
    public boolean opensOptimistically() {
      return true;
    }

    @Override
    public void connected() {}

    @Override
    public void failed(StreamFailure failure) throws IOException {
      output().write(Impersonator.tlsAlert(failure));
      output().flush();
    }
  }

  /** Remembers the first bytes read through it; everything passes unchanged. */
  private static final class FirstBytes extends FilterInputStream {
    /** Enough for the longest HTTP method and its space. */
    private static final int KEPT = 8;

    private byte[] first = new byte[0];

    /** Set once the first bytes are kept: every later read passes without a lock. */
    private volatile boolean kept;

    FirstBytes(InputStream in) {
      super(in);
    }

    synchronized byte[] first() {
      return first.clone();
    }

    /** The first bytes, waiting up to {@code wait} for the client's reader to see some. */
    synchronized byte[] awaitFirst(Duration wait) throws InterruptedException {
      long end = System.nanoTime() + wait.toNanos();
      for (long left = wait.toNanos();
          first.length == 0 && left > 0;
          left = end - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return first.clone();
    }

    private synchronized void saw(byte[] b, int off, int n) {
      if (first.length == 0 && n > 0) {
        first = Arrays.copyOfRange(b, off, off + Math.min(n, KEPT));
        kept = true;
        notifyAll();
      }
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && !kept) {
        saw(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && !kept) {
        saw(b, off, n);
      }
      return n;
    }
  }
}
