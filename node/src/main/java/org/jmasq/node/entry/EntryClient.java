package org.jmasq.node.entry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.jmasq.node.proxyserver.ClientSide;
import org.jmasq.node.proxyserver.Impersonator;
import org.jmasq.node.proxyserver.StreamFailure;

/**
 * A client connection after its entry handshake. The subclass says how "connected" and failures
 * look in the client's protocol.
 */
abstract sealed class EntryClient implements ClientSide {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  EntryClient(Socket socket, InputStream in) throws IOException {
    this.socket = socket;
    this.in = in;
    this.out = socket.getOutputStream();
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
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket that is already broken has nothing left to report.
    }
  }

  /** SOCKS5: the success reply waits until the exit has connected; failures are reply codes. */
  static final class Socks extends EntryClient {
    private final java.util.concurrent.atomic.AtomicBoolean replied =
        new java.util.concurrent.atomic.AtomicBoolean();

    Socks(Socket socket, InputStream in) throws IOException {
      super(socket, in);
    }

    @Override
    public void connected() throws IOException {
      reply(Socks5.REPLY_SUCCEEDED);
    }

    @Override
    public void failed(StreamFailure failure) throws IOException {
      reply(Impersonator.socksReply(failure.kind()));
    }

    /** The client gets exactly one reply: success, or the first failure. */
    private void reply(int code) throws IOException {
      if (replied.compareAndSet(false, true)) {
        output().write(Socks5.reply(code));
        output().flush();
      }
    }
  }

  /** Plain HTTP through the proxy: failures are the reference's error pages. */
  static final class Http extends EntryClient {
    Http(Socket socket, InputStream in) throws IOException {
      super(socket, in);
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
    Tunnel(Socket socket, InputStream in) throws IOException {
      super(socket, in);
    }

    @Override
    public void connected() {}

    @Override
    public void failed(StreamFailure failure) throws IOException {
      output().write(Impersonator.tlsAlert(failure));
      output().flush();
    }
  }
}
