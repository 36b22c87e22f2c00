package org.jmasq.node.proxyclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How the exit reaches the server a stream is for. A Node opens a TCP connection ({@link #tcp()});
 * a test may serve the stream in memory. The exception a failed connect throws tells the originator
 * why: {@link java.net.ConnectException} is a refusal, {@link java.net.SocketTimeoutException} a
 * timeout, and any other {@link IOException} an unreachable server.
 */
@FunctionalInterface
public interface OriginConnector {
  /** An open connection to a server; closing it ends a read blocked on {@link #input()}. */
  interface Connection extends AutoCloseable {
    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    @Override
    void close() throws IOException;
  }

  /**
   * Connects to {@code target}, waiting at most {@code timeout}.
   *
   * @throws IOException when no connection could be made, of the kind that says why
   */
  Connection connect(InetSocketAddress target, Duration timeout) throws IOException;

  /** A TCP connection, with Nagle's algorithm off: each chunk of a stream goes out at once. */
  static OriginConnector tcp() {
    return TcpOrigin::connect;
  }
}
