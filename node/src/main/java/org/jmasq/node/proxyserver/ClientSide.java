package org.jmasq.node.proxyserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The browser-side end of a stream, as an entry protocol (SOCKS5, HTTP proxy, CONNECT) presents it.
 * The entry decides how "connected" and each failure look to its client.
 */
public interface ClientSide {
  InetSocketAddress clientAddress();

  InputStream input() throws IOException;

  OutputStream output() throws IOException;

  /** The exit has opened the connection to the target. */
  void connected() throws IOException;

  /** Tells the client, in its own protocol, why the stream failed. */
  void failed(StreamFailure failure) throws IOException;

  /** Closes the client's connection; safe to call more than once. */
  void close();

  /** Whose streams this one may share a route with: the client's credentials, if it gave any. */
  default StreamIsolation isolation() {
    return StreamIsolation.NONE;
  }

  /**
   * Whether the client is told its stream is open before the exit confirms it (a CONNECT tunnel
   * always is; SOCKS5 with optimistic data). Its first bytes then travel with the stream's opening
   * ({@link #readEarly}), and a failure at the exit reaches it in the protocol it speaks inside.
   */
  default boolean opensOptimistically() {
    return false;
  }

  /**
   * What the client sends within {@code wait}, at most {@code max} bytes; nothing when it sent
   * nothing in that time (a protocol where the server speaks first) or has closed.
   */
  default byte[] readEarly(int max, Duration wait) throws IOException {
    return new byte[0];
  }
}
